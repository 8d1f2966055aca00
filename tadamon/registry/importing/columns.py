"""Which column of an organizers' sheet holds which field.

Headers are compared after :func:`tadamon.core.text.normalize`, so accents, hamza, case,
underscores and punctuation do not matter: "Année de création", "annee de creation" and
"ANNEE_DE_CREATION" are the same header.
"""

from django.utils.translation import gettext as _

from tadamon.core.text import normalize

TEXT_FIELDS = ("name_ar", "name_fr", "registration_number", "commune", "phone", "email")
REFERENCE_FIELDS = ("kind", "region", "province")
INTEGER_FIELDS = ("members", "women_members")
BOOLEAN_FIELDS = (
    "women_led",
    "youth_led",
    "microcredit_beneficiary",
    "endangered_craft",
    "eco_friendly",
)

# Every field the importer reads, with the headers organizers write for it (Arabic, French,
# English and the API field name).
ALIASES: dict[str, tuple[str, ...]] = {
    "name_ar": (
        "name_ar",
        "الاسم بالعربية",
        "الاسم بالعربي",
        "الاسم العربي",
        "الاسم",
        "اسم التعاونية",
        "اسم الجمعية",
        "اسم المنظمة",
        "اسم الهيئة",
        "nom en arabe",
        "nom arabe",
        "nom ar",
        "name in arabic",
        "arabic name",
        "name arabic",
    ),
    "name_fr": (
        "name_fr",
        "nom",
        "nom en français",
        "nom français",
        "nom fr",
        "nom en latin",
        "raison sociale",
        "dénomination",
        "désignation",
        "الاسم بالفرنسية",
        "الاسم باللاتينية",
        "الاسم بالحروف اللاتينية",
        "name",
        "name in french",
        "french name",
        "name french",
        "latin name",
    ),
    "kind": (
        "kind",
        "نوع",
        "النوع",
        "نوع الهيئة",
        "نوع المنظمة",
        "الصفة القانونية",
        "الشكل القانوني",
        "type",
        "forme juridique",
        "statut juridique",
        "statut",
        "catégorie",
        "legal form",
        "organization kind",
        "organization type",
    ),
    "registration_number": (
        "registration_number",
        "رقم التسجيل",
        "رقم القيد",
        "رقم التسجيل في السجل",
        "رقم السجل",
        "n° d'enregistrement",
        "n d'enregistrement",
        "no d'enregistrement",
        "numéro d'enregistrement",
        "numéro d'immatriculation",
        "n° d'immatriculation",
        "n d'immatriculation",
        "immatriculation",
        "matricule",
        "registration number",
        "registration no",
    ),
    "founded_year": (
        "founded_year",
        "سنة التأسيس",
        "تاريخ التأسيس",
        "سنة الإحداث",
        "تاريخ الإحداث",
        "année de création",
        "date de création",
        "année de constitution",
        "date de constitution",
        "année de fondation",
        "founding year",
        "year founded",
        "founded",
    ),
    "region": ("region", "الجهة", "région"),
    "province": (
        "province",
        "الإقليم",
        "العمالة",
        "الإقليم أو العمالة",
        "العمالة أو الإقليم",
        "العمالة / الإقليم",
        "الإقليم / العمالة",
        "préfecture",
        "province ou préfecture",
        "préfecture ou province",
        "province / préfecture",
        "préfecture / province",
        "prefecture",
    ),
    "commune": (
        "commune",
        "الجماعة",
        "الجماعة الترابية",
        "commune territoriale",
        "municipality",
    ),
    "sectors": (
        "sectors",
        "sector",
        "القطاع",
        "القطاعات",
        "قطاع النشاط",
        "مجال النشاط",
        "secteur",
        "secteurs",
        "secteur d'activité",
        "secteurs d'activité",
    ),
    "members": (
        "members",
        "عدد الأعضاء",
        "الأعضاء",
        "عدد المنخرطين",
        "المنخرطون",
        "membres",
        "nombre de membres",
        "nombre d'adhérents",
        "adhérents",
        "number of members",
    ),
    "women_members": (
        "women_members",
        "عدد النساء",
        "النساء",
        "عدد العضوات",
        "عدد المنخرطات",
        "femmes",
        "nombre de femmes",
        "membres femmes",
        "adhérentes",
        "nombre d'adhérentes",
        "women",
        "women members",
    ),
    "women_led": (
        "women_led",
        "نسائية",
        "تعاونية نسائية",
        "تسيرها نساء",
        "dirigée par des femmes",
        "féminine",
        "led by women",
        "women led",
    ),
    "youth_led": (
        "youth_led",
        "شبابية",
        "تسيرها شباب",
        "يسيرها شباب",
        "dirigée par des jeunes",
        "jeunes",
        "led by young people",
        "youth led",
    ),
    "microcredit_beneficiary": (
        "microcredit_beneficiary",
        "مستفيدة من القروض الصغرى",
        "مستفيد من القروض الصغرى",
        "القروض الصغرى",
        "قرض صغير",
        "bénéficiaire du microcrédit",
        "bénéficiaire microcrédit",
        "microcrédit",
        "microcredit beneficiary",
        "microcredit",
    ),
    "endangered_craft": (
        "endangered_craft",
        "حرفة مهددة بالانقراض",
        "حرفة مهددة",
        "métier menacé",
        "artisanat menacé",
        "métier en voie de disparition",
        "endangered craft",
    ),
    "eco_friendly": (
        "eco_friendly",
        "صديقة للبيئة",
        "صديق للبيئة",
        "écologique",
        "respectueuse de l'environnement",
        "eco friendly",
        "eco-friendly",
    ),
    "phone": (
        "phone",
        "الهاتف",
        "رقم الهاتف",
        "الهاتف المحمول",
        "téléphone",
        "tél",
        "tel",
        "gsm",
        "portable",
        "telephone",
    ),
    "email": (
        "email",
        "البريد الإلكتروني",
        "البريد الالكتروني",
        "e-mail",
        "courriel",
        "mail",
        "adresse e-mail",
        "adresse email",
    ),
}

NAME_FIELDS = ("name_ar", "name_fr")
# Without these a row cannot become an organization: a name (either), the kind, the region.
REQUIRED: tuple[tuple[str, ...], ...] = (NAME_FIELDS, ("kind",), ("region",))


def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            key = normalize(alias)
            if index.setdefault(key, name) != name:
                raise ValueError(f"Header {alias!r} is given for {index[key]} and {name}")
    return index


HEADER_INDEX = _index()


def field_for(header: str) -> str | None:
    """The field a column header stands for, or None for a column the importer ignores."""
    return HEADER_INDEX.get(normalize(header))


def label(name: str) -> str:
    """A field's name for people, in the active language."""
    labels = {
        "name_ar": _("name in Arabic"),
        "name_fr": _("name in French"),
        "kind": _("kind"),
        "registration_number": _("registration number"),
        "founded_year": _("founding year"),
        "region": _("region"),
        "province": _("province"),
        "commune": _("commune"),
        "sectors": _("sectors"),
        "members": _("members"),
        "women_members": _("women members"),
        "women_led": _("led by women"),
        "youth_led": _("led by young people"),
        "microcredit_beneficiary": _("microcredit beneficiary"),
        "endangered_craft": _("endangered craft"),
        "eco_friendly": _("eco-friendly"),
        "phone": _("phone"),
        "email": _("e-mail"),
    }
    return labels.get(name, name)


# Headers suggested when a required column is missing.
REQUIRED_EXAMPLES: dict[str, tuple[str, str]] = {
    "name_ar": ("الاسم", "nom"),
    "kind": ("نوع", "forme juridique"),
    "region": ("الجهة", "région"),
}
