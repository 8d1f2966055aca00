"""The data of the demonstration programme (E2, E4, E5): themes, sessions and trainers, as the
articles give them or, where they are silent, invented and marked so."""

from dataclasses import dataclass
from datetime import time

from tadamon.programme.models import SessionKind
from tadamon.registry.models import Person

TRAINING, WORKSHOP = SessionKind.TRAINING, SessionKind.WORKSHOP
SEMINAR, CEREMONY = SessionKind.SEMINAR, SessionKind.CEREMONY
WOMAN, MAN = Person.Gender.FEMALE, Person.Gender.MALE

# E5, from its article.
E5_ORGANIZATIONS = 21
E5_BENEFICIARIES = 298
E5_WOMEN_COMMUNE = "Aït Oumdis"
E5_WOMEN = 30
E5_KINDS = frozenset({"cooperative", "association"})
# Invented: how the 21 organizations spread over the communes (the article gives the total).
E5_QUOTAS: dict[str, int] = {
    "Aït M'hamed": 4,
    "Tabant": 4,
    "Aït Bouli": 5,
    "Aït Oumdis": 3,
    "Aït Blal": 5,
}
# Invented: how many exhibitors of E2 and E4 send members to the sessions, and how many.
E2_SENDERS = 20
E4_SENDERS = 40
MEMBERS_SENT = (1, 1, 2, 2, 3)
MEMBER_KINDS = frozenset({"cooperative", "association", "mutual", "very_small_enterprise"})
# Sessions a beneficiary attends (1–3), and the odds of one more registration never attended.
SESSIONS_ATTENDED = {1: 30, 2: 35, 3: 35}
NO_SHOW_ODDS = 0.1


@dataclass(frozen=True)
class TrainerSpec:
    username: str
    first_name: str
    last_name: str
    organizer: str | None = None
    """Key of the organizing body they work for, in DemoRegistry.organizers."""


DEMO_TRAINER = "trainer"  # the account of users.py, when build_users has run
TRAINERS: tuple[TrainerSpec, ...] = (
    TrainerSpec("trainer_azilal", "Hafida", "Ouhammou", "dp_artisanat_azilal"),
    TrainerSpec("trainer_weaving", "Itto", "Ait Ouchen", "dp_artisanat_azilal"),
    TrainerSpec("trainer_digital", "Amine", "Berrada"),
)


@dataclass(frozen=True)
class SessionSpec:
    day: int
    """Days after the event's first day."""
    kind: str
    title_ar: str
    title_fr: str
    topics: tuple[str, ...]
    start: time
    end: time
    trainer: str | None
    room: str = ""
    commune: str = ""
    """Name of a commune of the event's province, linked to the reference list if known."""


@dataclass(frozen=True)
class Theme:
    title_ar: str
    title_fr: str
    topics: tuple[str, ...]
    trainer: str


# "administrative and financial management, weaving techniques and marketing".
E5_THEMES: tuple[Theme, ...] = (
    Theme(
        "التدبير الإداري والمالي",
        "Gestion administrative et financière",
        ("administrative_legal", "financial_management"),
        "trainer_azilal",
    ),
    Theme("تقنيات النسيج", "Techniques de tissage", ("weaving_textile",), "trainer_weaving"),
    Theme(
        "تسويق المنتوجات الحرفية",
        "Marketing des produits artisanaux",
        ("marketing",),
        "trainer_azilal",
    ),
)
E5_ROOM = "مقر الجماعة — Siège de la commune"  # invented

# The subjects are the article's; days, times and rooms are invented.
E2_ROOM = "خيمة التكوين — Tente de formation"
E2_SESSIONS: tuple[SessionSpec, ...] = (
    SessionSpec(
        0, TRAINING, "ريادة الأعمال", "Entrepreneuriat", ("entrepreneurship",),
        time(10), time(12, 30), DEMO_TRAINER, E2_ROOM,
    ),
    SessionSpec(
        1, WORKSHOP, "تقنيات التسويق: ورشة تطبيقية", "Techniques de marketing : atelier pratique",
        ("marketing",), time(15), time(17), "trainer_digital", E2_ROOM,
    ),
    SessionSpec(
        2, TRAINING, "التسويق الرقمي والتجارة الإلكترونية",
        "Marketing digital et commerce électronique", ("digital_marketing",),
        time(10), time(12, 30), "trainer_digital", E2_ROOM,
    ),
    SessionSpec(
        3, TRAINING, "التدبير الإداري والقانوني للتعاونيات",
        "Gestion administrative et juridique des coopératives", ("administrative_legal",),
        time(10), time(12, 30), DEMO_TRAINER, E2_ROOM,
    ),
    SessionSpec(
        4, WORKSHOP, "البيع عبر المنصات الإلكترونية: ورشة تطبيقية",
        "Vendre sur les plateformes en ligne : atelier pratique",
        ("digital_marketing", "marketing"), time(15), time(17), "trainer_digital", E2_ROOM,
    ),
)  # fmt: skip

E4_HALL = "القاعة الكبرى — Grand chapiteau"
E4_WORKSHOPS = "فضاء الورشات — Espace ateliers"
E4_SESSIONS: tuple[SessionSpec, ...] = (
    SessionSpec(
        0, SEMINAR, "تنزيل الإستراتيجية الوطنية للاقتصاد الاجتماعي والتضامني على المستوى الترابي",
        "Déclinaison territoriale de la stratégie nationale de l'économie sociale et solidaire",
        ("cooperative_governance",), time(11), time(13), DEMO_TRAINER, E4_HALL, "Tétouan",
    ),
    SessionSpec(
        1, TRAINING, "مهارات ريادة الأعمال", "Compétences entrepreneuriales",
        ("entrepreneurship",), time(15), time(17, 30), DEMO_TRAINER, E4_WORKSHOPS, "Tétouan",
    ),
    SessionSpec(
        2, WORKSHOP, "الابتكار واستراتيجيات الانفتاح على الأسواق الخارجية",
        "Innovation et stratégies d'ouverture aux marchés extérieurs", ("export",),
        time(15), time(17, 30), DEMO_TRAINER, E4_WORKSHOPS, "Tétouan",
    ),
    SessionSpec(
        3, SEMINAR,
        "دور التكتلات والفضاءات المهنية في تثمين منتوجات الصناعة التقليدية والمجالية",
        "Le rôle des groupements et espaces professionnels dans la valorisation de "
        "l'artisanat et des produits du terroir",
        ("commercial_strategy",), time(11), time(13), DEMO_TRAINER, E4_HALL, "Tétouan",
    ),
    SessionSpec(
        4, TRAINING, "تدبير المقاولة التعاونية", "Gestion de l'entreprise coopérative",
        ("cooperative_governance", "administrative_legal"), time(15), time(17, 30),
        DEMO_TRAINER, E4_WORKSHOPS, "Tétouan",
    ),
    SessionSpec(
        5, WORKSHOP, "تعزيز جودة المنتجات عبر توحيد وتطوير المعايير التقنية",
        "Améliorer la qualité des produits par des normes techniques communes",
        ("quality_standards",), time(15), time(17, 30), DEMO_TRAINER, E4_WORKSHOPS, "Tétouan",
    ),
    SessionSpec(
        6, SEMINAR, "تجارب في التسويق الإلكتروني والتضامني واللوجستيك",
        "Expériences de commerce électronique, de commerce solidaire et de logistique",
        ("digital_marketing", "logistics"), time(11), time(13), "trainer_digital", E4_HALL,
        "Tétouan",
    ),
    SessionSpec(
        7, TRAINING,
        "الاستعمال الناجع للهواتف واللوحات الذكية في التجارة بالمنصات الإلكترونية",
        "Bien utiliser téléphone et tablette pour vendre sur les plateformes en ligne",
        ("digital_marketing",), time(15), time(17, 30), "trainer_digital", E4_WORKSHOPS,
        "Tétouan",
    ),
    # "the closing ceremony ... on Sunday 9 June, in the evening": the exhibitors receive
    # their awards and certificates.
    SessionSpec(
        9, CEREMONY, "حفل اختتام المعرض وتوزيع الجوائز والشواهد",
        "Cérémonie de clôture, remise des prix et des certificats", (),
        time(18), time(20), None, E4_HALL, "Tétouan",
    ),
)  # fmt: skip

# E1: "workshops and training courses supervised by the Centre's staff, to develop the
# participants' productive and marketing skills". Subjects from the article; two a month,
# days and times invented. The demo trainer is staff of the Centre.
E1_ROOM = "خيمة الورشات — Tente des ateliers"
E1_WORKSHOPS: tuple[SessionSpec, ...] = tuple(
    SessionSpec(
        month_start + day, WORKSHOP, title_ar, title_fr, topics,
        time(10), time(12), DEMO_TRAINER, E1_ROOM, "M'diq",
    )
    for month_start in (0, 31, 62)  # 1 July, 1 August, 1 September
    for day, title_ar, title_fr, topics in (
        (
            6, "تطوير جودة المنتوج وتقنيات الإنتاج",
            "Améliorer la qualité du produit et les techniques de production",
            ("quality_standards",),
        ),
        (
            20, "تقنيات التسويق والبيع وتصوير المنتجات",
            "Techniques de vente et photographie des produits",
            ("marketing", "product_photography"),
        ),
    )
)  # fmt: skip

# E3: "technical training workshops on commercial strategy and on the mechanisms of
# financial and administrative management" and "a space for children". Days, times and
# trainers invented.
E3_ROOM = "فضاء الورشات — Espace des ateliers"
E3_CHILDREN_ROOM = "فضاء الأطفال — Espace enfants"
E3_CHILDREN_AUDIENCE = "الأطفال — Enfants"
E3_WORKSHOPS: tuple[SessionSpec, ...] = (
    SessionSpec(
        1, WORKSHOP, "الإستراتيجية التجارية للتعاونيات والجمعيات",
        "Stratégie commerciale des coopératives et associations", ("commercial_strategy",),
        time(10), time(12, 30), "trainer_azilal", E3_ROOM, "Azilal",
    ),
    SessionSpec(
        2, WORKSHOP, "آليات التدبير المالي", "Mécanismes de gestion financière",
        ("financial_management",), time(10), time(12, 30), "trainer_azilal", E3_ROOM, "Azilal",
    ),
    SessionSpec(
        3, WORKSHOP, "التدبير الإداري للقطاع التعاوني والجمعوي",
        "Gestion administrative du secteur coopératif et associatif",
        ("administrative_legal", "cooperative_governance"), time(10), time(12, 30),
        "trainer_azilal", E3_ROOM, "Azilal",
    ),
)  # fmt: skip
# One afternoon of activities a day in the children's space, for the five days of the fair.
E3_CHILDREN: tuple[SessionSpec, ...] = tuple(
    SessionSpec(
        day, WORKSHOP, "فضاء الأطفال: الرسم والألعاب التربوية",
        "Espace enfants : dessin et jeux éducatifs", (), time(16), time(19), None,
        E3_CHILDREN_ROOM, "Azilal",
    )
    for day in range(5)
)  # fmt: skip
