"""The named organizations of the demonstration: the organizers of the reference events
(SPEC section 1), the partner institutions of E4, and the invented organizations that the
events and the demo accounts rely on."""

from dataclasses import dataclass


@dataclass(frozen=True)
class InstitutionSpec:
    key: str
    kind: str
    name_ar: str
    name_fr: str
    region: str
    province: str
    commune: str


ORGANIZER_BODIES: tuple[InstitutionSpec, ...] = (
    InstitutionSpec(
        "m6_centre",
        "microcredit_association",
        "مركز محمد السادس لدعم القروض الصغرى التضامنية",
        "Centre Mohammed VI de Soutien à la Microfinance Solidaire",
        "01",
        "M'diq-Fnideq",
        "M'diq",
    ),
    InstitutionSpec(
        "region_tta",
        "public_institution",
        "مجلس جهة طنجة تطوان الحسيمة",
        "Région Tanger-Tétouan-Al Hoceïma",
        "01",
        "Tanger-Assilah",
        "Tanger",
    ),
    InstitutionSpec(
        "region_bmk",
        "public_institution",
        "مجلس جهة بني ملال خنيفرة",
        "Région Béni Mellal-Khénifra",
        "05",
        "Béni Mellal",
        "Béni Mellal",
    ),
    InstitutionSpec(
        "region_fm",
        "public_institution",
        "مجلس جهة فاس مكناس",
        "Région Fès-Meknès",
        "03",
        "Fès",
        "Fès",
    ),
    InstitutionSpec(
        "dp_artisanat_azilal",
        "public_institution",
        "المديرية الإقليمية للصناعة التقليدية بأزيلال",
        "Direction provinciale de l'artisanat d'Azilal",
        "05",
        "Azilal",
        "Azilal",
    ),
)

PARTNER_INSTITUTIONS: tuple[InstitutionSpec, ...] = (
    InstitutionSpec(
        "ads",
        "public_institution",
        "وكالة التنمية الاجتماعية",
        "Agence de Développement Social (ADS)",
        "04",
        "Rabat",
        "Rabat",
    ),
    InstitutionSpec(
        "entraide_nationale",
        "public_institution",
        "التعاون الوطني",
        "Entraide Nationale",
        "04",
        "Rabat",
        "Rabat",
    ),
    InstitutionSpec(
        "cri_tta",
        "public_institution",
        "المركز الجهوي للاستثمار لجهة طنجة تطوان الحسيمة",
        "Centre Régional d'Investissement Tanger-Tétouan-Al Hoceïma",
        "01",
        "Tanger-Assilah",
        "Tanger",
    ),
    InstitutionSpec(
        "cnss",
        "public_institution",
        "الصندوق الوطني للضمان الاجتماعي",
        "Caisse Nationale de Sécurité Sociale (CNSS)",
        "06",
        "Casablanca",
        "Casablanca",
    ),
    InstitutionSpec(
        "dra_tta",
        "public_institution",
        "المديرية الجهوية للفلاحة لجهة طنجة تطوان الحسيمة",
        "Direction Régionale de l'Agriculture Tanger-Tétouan-Al Hoceïma",
        "01",
        "Tétouan",
        "Tétouan",
    ),
    InstitutionSpec(
        "onca",
        "public_institution",
        "المكتب الوطني للاستشارة الفلاحية",
        "Office National du Conseil Agricole (ONCA)",
        "04",
        "Rabat",
        "Rabat",
    ),
    InstitutionSpec(
        "odco",
        "public_institution",
        "مكتب تنمية التعاون",
        "Office du Développement de la Coopération (ODCO)",
        "04",
        "Rabat",
        "Rabat",
    ),
    InstitutionSpec(
        "dar_al_moukawil",
        "public_institution",
        "دار المقاول",
        "Dar Al Moukawil",
        "01",
        "Tétouan",
        "Tétouan",
    ),
)


@dataclass(frozen=True)
class FeaturedSpec:
    """An invented organization with fixed traits, because an event or a user needs it."""

    key: str
    kind: str
    name_ar: str
    name_fr: str
    region: str
    province: str
    commune: str
    sectors: tuple[str, ...]
    founded_year: int
    members: int
    women_members: int
    women_led: bool = False
    microcredit: bool = False
    endangered_craft: bool = False
    eco_friendly: bool = False
    owner: tuple[str, str, str, str] | None = None
    """For an individual artisan: first and last name in Arabic and in Latin letters."""


FEATURED: tuple[FeaturedSpec, ...] = (
    # The demo exhibitor's cooperative: a women's microcredit client in M'diq (E1).
    FeaturedSpec(
        "mdiq_exhibitor", "cooperative", "تعاونية نساء المضيق للخياطة",
        "Coopérative Nissae M'diq de couture", "01", "M'diq-Fnideq", "M'diq",
        ("sewing", "embroidery", "textile"), 2016, 18, 18, women_led=True, microcredit=True,
    ),
    # E4 awards: the oldest cooperative (founded 1955) ...
    FeaturedSpec(
        "oldest_cooperative", "cooperative", "التعاونية الفلاحية الوحدة",
        "Coopérative agricole Al Wahda", "01", "Larache", "Larache",
        ("agriculture", "dairy"), 1955, 142, 21,
    ),
    # ... the oldest artisan in an endangered craft (the hand loom of the Jbala) ...
    FeaturedSpec(
        "endangered_craft_artisan", "artisan", "الصانع عبد السلام الخمليشي",
        "Artisan Abdeslam Khamlichi", "01", "Chefchaouen", "Chefchaouen",
        ("weaving",), 1962, 1, 0, endangered_craft=True,
        owner=("عبد السلام", "Abdeslam", "الخمليشي", "Khamlichi"),
    ),
    # ... and the eco-friendly cooperative.
    FeaturedSpec(
        "eco_cooperative", "cooperative", "تعاونية أكال للنباتات العطرية والطبية",
        "Coopérative Akal des plantes aromatiques et médicinales", "01", "Chefchaouen",
        "Chefchaouen", ("aromatic_plants", "natural_cosmetics"), 2011, 24, 19,
        women_led=True, eco_friendly=True,
    ),
    # A weavers' cooperative in one of the rural communes of the Azilal training days (E5).
    FeaturedSpec(
        "azilal_carpets", "cooperative", "تعاونية أمل أزيلال للزرابي",
        "Coopérative Amal Azilal de tapis", "05", "Azilal", "Aït Oumdis",
        ("carpets", "weaving"), 2009, 32, 30, women_led=True,
    ),
)  # fmt: skip
