"""The reference events E1–E5 (SPEC section 1) as data, with the earlier editions that the
edition comparison needs.

Titles, themes and dates come from the articles in `seeds/`; the Arabic themes are quoted
from them. Where an article is silent (a year, a city, an earlier edition) the value is an
invented but plausible one, marked `# invented` below. Everything here is data shown to users
as typed, never a translatable string.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from tadamon.demo import names

Ref = tuple[str, str]
"""Where an organization comes from: ("organizers" | "partners" | "featured", key) in the
DemoRegistry, or ("institutions", key) for one of INSTITUTIONS below."""

CO_ORGANIZER = "co_organizer"
INSTITUTIONAL = "institutional_partner"


@dataclass(frozen=True)
class Institution:
    """A body the events need that build_registry may not have created."""

    key: str
    kind: str
    name_ar: str
    name_fr: str
    region: str
    province: str
    """Province code, e.g. "04.01"."""
    commune: str
    """The commune's name, matched to the reference list by the registry service."""


INSTITUTIONS: dict[str, Institution] = {
    spec.key: spec
    for spec in (
        # E3 (2018) and E4 (2024) were organized "in partnership with the Ministry"; one
        # organization stands for it under its 2018 name, as the brief asks.
        Institution(
            "ministry_sse",
            "public_institution",
            "وزارة السياحة والنقل الجوي والصناعة التقليدية والاقتصاد الاجتماعي",
            "Ministère du Tourisme, du Transport aérien, de l'Artisanat et de l'Économie sociale",
            "04",
            "04.01",
            "Rabat",
        ),
        # E1 was organized by the Centre "in partnership with the prefecture of M'diq-Fnideq".
        Institution(
            "prefecture_mdiq",
            "public_institution",
            "عمالة المضيق-الفنيدق",
            "Préfecture de M'diq-Fnideq",
            "01",
            "01.02",
            "M'diq",
        ),
        # Used only if build_registry stops creating it among E4's partners.
        Institution(
            "dra_tta",
            "public_institution",
            "المديرية الجهوية للفلاحة لجهة طنجة تطوان الحسيمة",
            "Direction Régionale de l'Agriculture Tanger-Tétouan-Al Hoceïma",
            "01",
            "01.03",
            "Tétouan",
        ),
    )
}


@dataclass(frozen=True)
class SeriesSpec:
    key: str
    kind: str
    name_ar: str
    name_fr: str
    organizer: Ref


@dataclass(frozen=True)
class WaveSpec:
    label: str
    start: date
    end: date
    capacity: int
    label_ar: str = ""


# The month names Moroccan readers use (the Maghreb's, not the Levant's "تموز").
_ARABIC_MONTHS = {7: "يوليوز", 8: "غشت", 9: "شتنبر"}


@dataclass(frozen=True)
class Zone:
    code: str
    sectors: tuple[str, ...]
    rows: int
    columns: int


@dataclass(frozen=True)
class BoothPlan:
    """Zones side by side, each a block of rows × columns of equal booths."""

    zones: tuple[Zone, ...]
    size_m2: str
    accessible_columns: tuple[int, ...] = (1,)
    """Booths at these columns open on the main aisle, so they are wheelchair-accessible."""


@dataclass(frozen=True)
class ExhibitorRule:
    """Who exhibits: `count` organizations, ranked by how well they fit, none twice."""

    count: int
    home_region: str
    home_share: float
    """Share of places kept for the home region; the others come from anywhere."""
    sectors: tuple[str, ...]
    """Preferred sectors: organizations whose main sector is one of them come first."""
    related: tuple[str, ...] = ()
    """Second choice, before organizations of unrelated sectors."""
    kinds: frozenset[str] | None = None
    """Organization kinds admitted; None: every kind of invented organization."""
    lender: Ref | None = None
    """Only microcredit beneficiaries of this lender."""
    include: tuple[Ref, ...] = ()
    """Organizations that exhibit whatever the ranking says (award winners, institutions)."""


@dataclass(frozen=True)
class EventSpec:
    key: str
    kind: str
    title_ar: str
    title_fr: str
    organizer: Ref
    region: str
    start: date
    end: date
    series: str | None = None
    edition: int | None = None
    theme_ar: str = ""
    theme_fr: str = ""
    province: str | None = None
    city: str = ""
    venue: str = ""
    opening_hours: str = ""
    area_m2: int | None = None
    description_ar: str = ""
    description_fr: str = ""
    partners: tuple[tuple[Ref, str], ...] = ()
    exhibitors: ExhibitorRule | None = None
    waves: tuple[WaveSpec, ...] = ()
    booths: BoothPlan | None = None
    main: bool = field(default=True)
    """A reference event (E1–E5) rather than an earlier edition made up for comparison."""


# The sectors the E1 article lists, in its order.
E1_SECTORS: tuple[str, ...] = names.MICROCREDIT_CLIENT_SECTORS
CRAFTS: tuple[str, ...] = (
    "handicrafts",
    "weaving",
    "carpets",
    "embroidery",
    "woodwork",
    "sewing",
    "leather",
    "textile",
    "basketry",
    "upholstery",
    "jewellery",
    "pottery",
)
TERROIR: tuple[str, ...] = (
    "terroir_products",
    "agri_food",
    "argan",
    "olive_oil",
    "honey",
    "dates",
    "dairy",
    "couscous_pasta",
    "saffron",
    "aromatic_plants",
    "natural_cosmetics",
)
EXHIBITING_KINDS_E3 = frozenset({"cooperative", "association", "mutual"})
CENTRE: Ref = ("organizers", "m6_centre")
REGION_TTA: Ref = ("organizers", "region_tta")
MINISTRY: Ref = ("institutions", "ministry_sse")
PREFECTURE_MDIQ: Ref = ("institutions", "prefecture_mdiq")
ENTRAIDE: Ref = ("partners", "entraide_nationale")

# E1's floor plan: one zone per family of the article's sectors, 20 booths each.
E1_BOOTHS = BoothPlan(
    zones=(
        Zone("A", ("sewing", "textile", "leather", "upholstery"), rows=2, columns=10),
        Zone("B", ("basketry", "pottery", "jewellery"), rows=2, columns=10),
        Zone("C", ("natural_cosmetics", "terroir_products", "aromatic_plants"), rows=2, columns=10),
    ),
    size_m2="9.00",
)

# Invented: E4's floor plan on the Wilaya square, 180 booths of 9 m² for its 165 exhibitors
# (the article gives only the 5,000 m²): terroir, crafts, and the institutions and others.
E4_BOOTHS = BoothPlan(
    zones=(
        Zone("A", TERROIR, rows=3, columns=20),
        Zone("B", CRAFTS, rows=3, columns=20),
        Zone("C", ("services", "recycling", "fishing"), rows=3, columns=20),
    ),
    size_m2="9.00",
)


def _months(year: int, months: tuple[tuple[int, str], ...]) -> tuple[WaveSpec, ...]:
    """One wave of 60 places per calendar month (the article: 60 exhibitors a month)."""
    waves = []
    for month, name in months:
        following = date(year + month // 12, month % 12 + 1, 1)
        end = date.fromordinal(following.toordinal() - 1)
        arabic = f"{_ARABIC_MONTHS[month]} {year}"
        waves.append(WaveSpec(f"{name} {year}", date(year, month, 1), end, 60, arabic))
    return tuple(waves)


SERIES: tuple[SeriesSpec, ...] = (
    SeriesSpec(
        "bazaar_mdiq",
        "bazaar",
        "البازار التضامني بالمضيق",
        "Bazar solidaire de M'diq",
        CENTRE,
    ),
    SeriesSpec(
        "mobile_markets_fm",
        "mobile_market",
        "الأسواق المتنقلة للمنتجات المجالية والاقتصاد الاجتماعي والتضامني بجهة فاس مكناس",
        "Marchés itinérants des produits du terroir et de l'ESS de la région Fès-Meknès",
        ("organizers", "region_fm"),
    ),
    SeriesSpec(
        "exhibition_bmk",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني بجهة بني ملال خنيفرة",
        "Salon régional de l'économie sociale et solidaire de Béni Mellal-Khénifra",
        ("organizers", "region_bmk"),
    ),
    SeriesSpec(
        "exhibition_tta",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني بجهة طنجة تطوان الحسيمة",
        "Salon régional de l'économie sociale et solidaire de Tanger-Tétouan-Al Hoceïma",
        REGION_TTA,
    ),
)

_E1_EXHIBITORS = ExhibitorRule(
    count=180,
    home_region="01",
    home_share=0.6,
    sectors=E1_SECTORS,
    related=CRAFTS + TERROIR,
    lender=CENTRE,
    # The demo exhibitor account's cooperative, so its pages have an event to show.
    include=(("featured", "mdiq_exhibitor"),),
)
_E4_EXHIBITORS = ExhibitorRule(
    count=165,
    home_region="01",
    home_share=0.6,
    # "cooperatives of terroir products and handicrafts"
    sectors=TERROIR + CRAFTS,
    related=("recycling", "services", "fishing"),
    # The winners of the oldest-cooperative, endangered-craft and eco-friendly awards.
    include=(
        ("featured", "oldest_cooperative"),
        ("featured", "endangered_craft_artisan"),
        ("featured", "eco_cooperative"),
    ),
)

EVENTS: tuple[EventSpec, ...] = (
    EventSpec(
        "E1.ed1",
        "bazaar",
        "البازار التضامني",
        "Bazar solidaire",
        CENTRE,
        "01",
        date(2021, 7, 1),  # invented: the 1st edition, a summer earlier and a month shorter
        date(2021, 8, 31),
        series="bazaar_mdiq",
        edition=1,
        province="01.02",
        city="M'diq",
        opening_hours="10:00–22:00",
        exhibitors=ExhibitorRule(
            count=120,
            home_region="01",
            home_share=0.6,
            sectors=E1_SECTORS,
            related=CRAFTS + TERROIR,
            lender=CENTRE,
        ),
        waves=_months(2021, ((7, "Juillet"), (8, "Août"))),
        booths=E1_BOOTHS,
        main=False,
    ),
    EventSpec(
        "E1",
        "bazaar",
        "البازار التضامني",
        "Bazar solidaire",
        CENTRE,
        "01",
        # "opened on the 1st of July ... 3 months"; the article gives no year, but it closed on
        # a Thursday (29 September 2022 was one) and links a piece of Saturday 3 December: 2022.
        date(2022, 7, 1),
        date(2022, 9, 30),
        series="bazaar_mdiq",
        edition=2,
        theme_ar="تقييم المنتجات المحلية من أجل تنمية اقتصادية واجتماعية أفضل",
        theme_fr=(
            "Valoriser les produits locaux pour un meilleur développement économique et social"
        ),
        province="01.02",
        city="M'diq",
        opening_hours="10:00–22:00",  # invented
        description_ar=(
            "أروقة للتعاونيات والمقاولات الصغيرة جدا المستفيدة من القروض الصغرى التضامنية، "
            "بمعدل 60 عارضا كل شهر على مدى ثلاثة أشهر، مع ورشات ودورات تكوينية في الإنتاج "
            "والتسويق يؤطرها المركز، بشراكة مع عمالة المضيق-الفنيدق."
        ),
        description_fr=(
            "Stands de coopératives et de très petites entreprises clientes du microcrédit "
            "solidaire, 60 exposants par mois pendant trois mois, avec des ateliers de "
            "production et de commercialisation animés par le Centre, en partenariat avec la "
            "préfecture de M'diq-Fnideq."
        ),
        partners=(
            (PREFECTURE_MDIQ, CO_ORGANIZER),
            # Invented: the article names no role for the Region. The demo organizer is staff
            # of the Region, and an organizer manages only the events its body organizes or
            # co-organizes, so the Region co-organizes E1 for the bazaar's pages to be shown.
            (REGION_TTA, CO_ORGANIZER),
        ),
        exhibitors=_E1_EXHIBITORS,
        waves=_months(2022, ((7, "Juillet"), (8, "Août"), (9, "Septembre"))),
        booths=E1_BOOTHS,
    ),
    EventSpec(
        "E2",
        "mobile_market",
        "الأسواق المتنقلة للمنتجات المجالية والاقتصاد الاجتماعي والتضامني",
        "Marchés itinérants des produits du terroir et de l'économie sociale et solidaire",
        ("organizers", "region_fm"),
        "03",
        date(2024, 7, 12),
        date(2024, 7, 16),
        series="mobile_markets_fm",
        edition=7,
        theme_ar="الاقتصاد الاجتماعي والتضامني: سلاسل قيمة مستدامة ومبتكرة",
        theme_fr="Économie sociale et solidaire : des chaînes de valeur durables et innovantes",
        # The article names the region only, no city: province and city stay empty.
        venue="Espace ouvert de 10 000 m²",
        opening_hours="10:00–22:00",  # invented
        area_m2=10_000,
        description_ar=(
            "52 تعاونية من داخل الجهة وخارجها تعرض الصناعات اليدوية والمنتجات الغذائية "
            "والأعشاب الطبية ومستحضرات التجميل الطبيعية، مع دورات تدريبية في ريادة الأعمال "
            "والتسويق الرقمي والتجارة الإلكترونية والتدبير الإداري والقانوني للتعاونيات."
        ),
        description_fr=(
            "52 coopératives de la région et d'ailleurs exposent artisanat, produits "
            "alimentaires, herbes médicinales et cosmétiques naturels ; formations à "
            "l'entrepreneuriat, au marketing digital, au e-commerce et à la gestion "
            "administrative et juridique des coopératives."
        ),
        partners=((ENTRAIDE, INSTITUTIONAL),),
        exhibitors=ExhibitorRule(
            count=52,
            home_region="03",
            home_share=0.65,
            sectors=(
                "handicrafts",
                "agri_food",
                "terroir_products",
                "aromatic_plants",
                "natural_cosmetics",
            ),
            related=CRAFTS + TERROIR,
            kinds=frozenset({"cooperative"}),
        ),  # fmt: skip
    ),
    EventSpec(
        "E3",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني بأزيلال",
        "Salon régional de l'économie sociale et solidaire d'Azilal",
        ("organizers", "region_bmk"),
        "05",
        date(2018, 7, 25),
        date(2018, 7, 29),
        series="exhibition_bmk",
        edition=1,
        theme_ar="الاقتصاد الاجتماعي والتضامني دعامة أساسية للتنمية الجهوية المستدامة",
        theme_fr="L'économie sociale et solidaire, pilier du développement régional durable",
        province="05.02",
        city="Azilal",
        opening_hours="10:00–20:00",  # invented
        area_m2=3_000,
        description_ar=(
            "أكثر من 160 عارضا وعارضة من التعاونيات والجمعيات المهنية والتعاضديات والمؤسسات "
            "العمومية: منتجات فلاحية مجالية، منتجات الصناعة التقليدية والخدمات، فضاء للأطفال، "
            "وورشات تكوين حول الإستراتيجية التجارية والتدبير المالي والإداري."
        ),
        description_fr=(
            "Plus de 160 exposants — coopératives, associations professionnelles, mutuelles et "
            "établissements publics : produits agricoles du terroir, artisanat et services, "
            "espace enfants, ateliers sur la stratégie commerciale et la gestion financière et "
            "administrative."
        ),
        partners=((MINISTRY, CO_ORGANIZER),),
        exhibitors=ExhibitorRule(
            count=160,  # "160+": exactly 160, the figure the report shows
            home_region="05",
            home_share=0.6,
            # "agricultural terroir products, handicraft products and services"
            sectors=(*TERROIR, "agriculture", *CRAFTS, "services"),
            related=("livestock", "tourism", "education_care", "digital", "recycling"),
            kinds=EXHIBITING_KINDS_E3,
            # "... and the public institutions related to the SSE".
            include=(
                ("organizers", "dp_artisanat_azilal"),
                ("partners", "odco"),
                ("partners", "entraide_nationale"),
                ("partners", "ads"),
                ("partners", "onca"),
            ),
        ),  # fmt: skip
    ),
    EventSpec(
        "E4.ed1",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني",
        "Salon régional de l'économie sociale et solidaire",
        REGION_TTA,
        "01",
        date(2022, 6, 3),  # invented: dates, place, area and exhibitors of editions 1 and 2
        date(2022, 6, 12),
        series="exhibition_tta",
        edition=1,
        province="01.01",
        city="Tanger",
        opening_hours="10:00–22:00",
        area_m2=3_000,
        partners=((MINISTRY, CO_ORGANIZER),),
        exhibitors=replace(_E4_EXHIBITORS, count=120, include=()),
        main=False,
    ),
    EventSpec(
        "E4.ed2",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني",
        "Salon régional de l'économie sociale et solidaire",
        REGION_TTA,
        "01",
        date(2023, 6, 2),  # invented
        date(2023, 6, 11),
        series="exhibition_tta",
        edition=2,
        province="01.03",
        city="Tétouan",
        opening_hours="10:00–22:00",
        area_m2=4_000,
        partners=((MINISTRY, CO_ORGANIZER),),
        exhibitors=replace(_E4_EXHIBITORS, count=140, include=()),
        main=False,
    ),
    EventSpec(
        "E4",
        "regional_exhibition",
        "المعرض الجهوي للاقتصاد الاجتماعي والتضامني",
        "Salon régional de l'économie sociale et solidaire",
        REGION_TTA,
        "01",
        # "ten days in a row", closing on Sunday 9 June.
        date(2024, 5, 31),
        date(2024, 6, 9),
        series="exhibition_tta",
        edition=3,
        theme_ar="من أجل اقتصاد اجتماعي مرن محفز للاستثمار والتشغيل وقائم على الرقمنة",
        theme_fr=(
            "Pour une économie sociale résiliente, stimulant l'investissement et l'emploi, "
            "fondée sur la digitalisation"
        ),
        province="01.03",
        city="Tétouan",
        venue="ساحة الولاية — Place de la Wilaya",
        opening_hours="10:00–22:00",  # invented
        area_m2=5_000,
        description_ar=(
            "165 منظمة وهيئة عارضة من تعاونيات المنتوجات المجالية والحرف اليدوية، مع ندوات "
            "وورشات ودورات تكوينية، ولقاءات تجارية ثنائية وجماعية مع شركات ومنصات للتسويق."
        ),
        description_fr=(
            "165 organisations exposantes — coopératives de produits du terroir et "
            "d'artisanat —, séminaires, ateliers et formations, rencontres d'affaires "
            "bilatérales et collectives avec des entreprises et des plateformes de vente."
        ),
        partners=(
            (MINISTRY, CO_ORGANIZER),
            (("partners", "ads"), INSTITUTIONAL),
            (ENTRAIDE, INSTITUTIONAL),
            (("partners", "cri_tta"), INSTITUTIONAL),
            (("partners", "cnss"), INSTITUTIONAL),
            (("partners", "dra_tta"), INSTITUTIONAL),
            (("partners", "onca"), INSTITUTIONAL),
            (("partners", "odco"), INSTITUTIONAL),
            (("partners", "dar_al_moukawil"), INSTITUTIONAL),
        ),
        exhibitors=_E4_EXHIBITORS,
        booths=E4_BOOTHS,
    ),
    EventSpec(
        "E5",
        "training_programme",
        "الأيام التكوينية لفائدة مؤطرات الاقتصاد الاجتماعي والتضامني",
        "Journées de formation des animatrices de l'économie sociale et solidaire",
        ("organizers", "dp_artisanat_azilal"),
        "05",
        # "from 26 September to 15 October"; the article gives no year: 2023 as asked.
        date(2023, 9, 26),
        date(2023, 10, 15),
        theme_ar="الاقتصاد الاجتماعي والتضامني رافعة للتنمية المجالية",
        theme_fr="L'économie sociale et solidaire, levier du développement territorial",
        province="05.02",
        city="Azilal",
        venue="Aït M'hamed, Tabant, Aït Bouli, Aït Oumdis, Aït Blal",
        opening_hours="09:00–16:00",  # invented
        description_ar=(
            "أيام تكوينية في التدبير الإداري والمالي وتقنيات النسيج والتسويق لفائدة 21 جمعية "
            "وتعاونية من جماعات أيت امحمد وتبانت وأيت بووالي وأيت امديس وأيت بلال."
        ),
        description_fr=(
            "Formations à la gestion administrative et financière, aux techniques de tissage et "
            "au marketing pour 21 associations et coopératives des communes d'Aït M'hamed, "
            "Tabant, Aït Bouli, Aït Oumdis et Aït Blal."
        ),
    ),
)
