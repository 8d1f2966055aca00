"""Invented but plausible name parts and catalogues for the demonstration data.

Pure Python (no Django import): every choice is made with the caller's `random.Random`, so
the same seed gives the same names.
"""

import random
from dataclasses import dataclass

# Words that Moroccan cooperatives and associations take as names: (Arabic, Arabic before a
# place name as in "أمل أزيلال", Latin, Latin before a place name). Amazigh words have no
# article.
NAME_WORDS: list[tuple[str, str, str, str]] = [
    ("الأمل", "أمل", "Al Amal", "Amal"),
    ("النور", "نور", "Annour", "Nour"),
    ("الخير", "خير", "Al Khair", "Khair"),
    ("الوفاء", "وفاء", "Al Wafae", "Wafae"),
    ("الفتح", "فتح", "Al Fath", "Fath"),
    ("النجاح", "نجاح", "Annajah", "Najah"),
    ("الإخلاص", "إخلاص", "Al Ikhlass", "Ikhlass"),
    ("السلام", "سلام", "Assalam", "Salam"),
    ("البركة", "بركة", "Al Baraka", "Baraka"),
    ("الأطلس", "أطلس", "Al Atlas", "Atlas"),
    ("التضامن", "تضامن", "Attadamoun", "Tadamoun"),
    ("الرحمة", "رحمة", "Arrahma", "Rahma"),
    ("الفلاح", "فلاح", "Al Falah", "Falah"),
    ("الأصالة", "أصالة", "Al Assala", "Assala"),
    ("الهدى", "هدى", "Al Houda", "Houda"),
    ("الياسمين", "ياسمين", "Yasmine", "Yasmine"),
    ("الزيتونة", "زيتونة", "Zitouna", "Zitouna"),
    ("السنابل", "سنابل", "Assanabil", "Sanabil"),
    ("الواحة", "واحة", "Al Waha", "Waha"),
    ("المستقبل", "مستقبل", "Al Moustakbal", "Moustakbal"),
    ("الريادة", "ريادة", "Arriyada", "Riyada"),
    ("الإبداع", "إبداع", "Al Ibdaa", "Ibdaa"),
    ("الصفاء", "صفاء", "Assafae", "Safae"),
    ("الفجر", "فجر", "Al Fajr", "Fajr"),
    ("الشروق", "شروق", "Achourouk", "Chourouk"),
    ("الوحدة", "وحدة", "Al Wahda", "Wahda"),
    ("الغد", "غد", "Al Ghad", "Ghad"),
    ("الربيع", "ربيع", "Arrabii", "Rabii"),
    ("الزهور", "زهور", "Azzouhour", "Zouhour"),
    ("الأنامل الذهبية", "أنامل", "Al Anamil Addahabia", "Anamil"),
    ("تيفاوين", "تيفاوين", "Tifawin", "Tifawin"),
    ("تودرت", "تودرت", "Toudert", "Toudert"),
    ("تمونت", "تمونت", "Tamount", "Tamount"),
    ("تافوكت", "تافوكت", "Tafoukt", "Tafoukt"),
    ("أناروز", "أناروز", "Anarouz", "Anarouz"),
    ("تيليلي", "تيليلي", "Tilili", "Tilili"),
    ("أسيف", "أسيف", "Assif", "Assif"),
    ("تازيري", "تازيري", "Taziri", "Taziri"),
    ("تيويزي", "تيويزي", "Tiwizi", "Tiwizi"),
    ("أكال", "أكال", "Akal", "Akal"),
]

FEMALE_FIRST_NAMES: list[tuple[str, str]] = [
    ("فاطمة", "Fatima"),
    ("خديجة", "Khadija"),
    ("عائشة", "Aicha"),
    ("مليكة", "Malika"),
    ("نعيمة", "Naima"),
    ("زهرة", "Zahra"),
    ("حليمة", "Halima"),
    ("سعاد", "Souad"),
    ("رشيدة", "Rachida"),
    ("لطيفة", "Latifa"),
    ("فتيحة", "Fatiha"),
    ("حفيظة", "Hafida"),
    ("إيمان", "Imane"),
    ("هند", "Hind"),
    ("سناء", "Sanaa"),
    ("كريمة", "Karima"),
    ("نادية", "Nadia"),
    ("مريم", "Meryem"),
    ("سلمى", "Salma"),
    ("يطو", "Itto"),
    ("ربيعة", "Rabia"),
    ("زينب", "Zineb"),
    ("أمينة", "Amina"),
    ("حنان", "Hanane"),
    ("السعدية", "Saadia"),
    ("فاضمة", "Fadma"),
]

MALE_FIRST_NAMES: list[tuple[str, str]] = [
    ("محمد", "Mohamed"),
    ("أحمد", "Ahmed"),
    ("عبد الله", "Abdellah"),
    ("الحسن", "Hassan"),
    ("الحسين", "Houssine"),
    ("إبراهيم", "Brahim"),
    ("يوسف", "Youssef"),
    ("عمر", "Omar"),
    ("عبد الرحيم", "Abderrahim"),
    ("مصطفى", "Mustapha"),
    ("رشيد", "Rachid"),
    ("خالد", "Khalid"),
    ("سعيد", "Said"),
    ("عبد العزيز", "Abdelaziz"),
    ("لحسن", "Lahcen"),
    ("موحى", "Mouha"),
    ("إدريس", "Driss"),
    ("المهدي", "Mehdi"),
    ("أيوب", "Ayoub"),
    ("حمزة", "Hamza"),
    ("ياسين", "Yassine"),
    ("عبد السلام", "Abdeslam"),
]

FAMILY_NAMES: list[tuple[str, str]] = [
    ("العلوي", "Alaoui"),
    ("الإدريسي", "Idrissi"),
    ("أوعلي", "Ouali"),
    ("أيت حمو", "Ait Hammou"),
    ("بنعلي", "Benali"),
    ("الفاسي", "Fassi"),
    ("التازي", "Tazi"),
    ("الحسني", "Hassani"),
    ("بوزيد", "Bouzid"),
    ("أمزيان", "Amzian"),
    ("الزياني", "Zaiani"),
    ("البقالي", "Bakkali"),
    ("الطاهري", "Taheri"),
    ("الشاوي", "Chaoui"),
    ("السوسي", "Soussi"),
    ("أيت علي", "Ait Ali"),
    ("المرابط", "Mrabet"),
    ("الريفي", "Rifi"),
    ("الخمليشي", "Khamlichi"),
    ("الوزاني", "Ouazzani"),
    ("بناني", "Bennani"),
    ("الصنهاجي", "Sanhaji"),
    ("أوحمو", "Ouhammou"),
    ("أمغار", "Amghar"),
    ("الزروالي", "Zerouali"),
    ("الحمداوي", "Hamdaoui"),
    ("بوعزة", "Bouazza"),
    ("الغازي", "Ghazi"),
]

# How a sector qualifies an organization's name: (Arabic, French). French qualifiers that
# start with a preposition follow the name ("Coopérative Al Amal de couture"); adjectives
# come first ("Coopérative agricole Al Amal").
SECTOR_QUALIFIERS: dict[str, tuple[str, str]] = {
    "sewing": ("للخياطة", "de couture"),
    "leather": ("للصناعة الجلدية", "du cuir"),
    "textile": ("للنسيج", "du textile"),
    "weaving": ("للحياكة", "de tissage"),
    "basketry": ("لصناعة السلال", "de vannerie"),
    "upholstery": ("للتنجيد", "de tapisserie"),
    "natural_cosmetics": ("لمستحضرات التجميل الطبيعية", "de cosmétiques naturels"),
    "jewellery": ("للحلي", "de bijoux"),
    "pottery": ("للفخار", "de poterie"),
    "terroir_products": ("للمنتجات المجالية", "de produits du terroir"),
    "aromatic_plants": ("للنباتات العطرية والطبية", "des plantes aromatiques et médicinales"),
    "handicrafts": ("للصناعة التقليدية", "d'artisanat"),
    "agri_food": ("للصناعات الغذائية", "agroalimentaire"),
    "services": ("للخدمات", "de services"),
    "argan": ("لإنتاج زيت الأركان", "d'huile d'argan"),
    "olive_oil": ("لزيت الزيتون", "d'huile d'olive"),
    "honey": ("لتربية النحل", "apicole"),
    "dates": ("للتمور", "des dattes"),
    "dairy": ("للحليب", "laitière"),
    "couscous_pasta": ("للكسكس", "de couscous"),
    "saffron": ("للزعفران", "du safran"),
    "carpets": ("للزرابي", "de tapis"),
    "embroidery": ("للطرز", "de broderie"),
    "woodwork": ("للنجارة", "du bois"),
    "agriculture": ("الفلاحية", "agricole"),
    "livestock": ("لتربية المواشي", "d'élevage"),
    "fishing": ("للصيد البحري", "de pêche"),
    "tourism": ("للسياحة التضامنية", "de tourisme solidaire"),
    "digital": ("للخدمات الرقمية", "de services numériques"),
    "recycling": ("لإعادة التدوير", "de recyclage"),
    "education_care": ("للتعليم الأولي", "d'éducation préscolaire"),
}

CRAFT_SECTORS: frozenset[str] = frozenset(
    {
        "sewing",
        "leather",
        "weaving",
        "basketry",
        "upholstery",
        "jewellery",
        "pottery",
        "handicrafts",
        "carpets",
        "embroidery",
        "woodwork",
    }
)
# Crafts in which the last masters are old: candidates for the "endangered craft" flag.
ENDANGERED_CRAFT_SECTORS: frozenset[str] = frozenset(
    {"weaving", "basketry", "pottery", "carpets", "embroidery", "woodwork", "leather", "jewellery"}
)
GREEN_SECTORS: frozenset[str] = frozenset(
    {"recycling", "argan", "aromatic_plants", "agriculture", "honey"}
)

# Sectors typical of each region, by region code.
REGION_SECTORS: dict[str, list[str]] = {
    "01": [
        "sewing",
        "leather",
        "textile",
        "basketry",
        "upholstery",
        "natural_cosmetics",
        "jewellery",
        "pottery",
        "terroir_products",
        "aromatic_plants",
        "embroidery",
        "weaving",
        "dairy",
        "fishing",
    ],
    "02": ["olive_oil", "agriculture", "livestock", "embroidery", "terroir_products", "honey"],
    "03": [
        "olive_oil",
        "embroidery",
        "pottery",
        "leather",
        "aromatic_plants",
        "terroir_products",
        "agri_food",
        "honey",
        "woodwork",
    ],
    "04": ["services", "digital", "sewing", "agri_food", "pottery", "education_care", "recycling"],
    "05": [
        "carpets",
        "weaving",
        "olive_oil",
        "honey",
        "aromatic_plants",
        "agriculture",
        "livestock",
        "terroir_products",
        "basketry",
        "dairy",
    ],
    "06": ["services", "digital", "sewing", "agri_food", "recycling", "couscous_pasta"],
    "07": [
        "pottery",
        "leather",
        "argan",
        "olive_oil",
        "natural_cosmetics",
        "tourism",
        "handicrafts",
        "carpets",
    ],
    "08": ["dates", "saffron", "carpets", "tourism", "aromatic_plants", "jewellery"],
    "09": ["argan", "saffron", "natural_cosmetics", "honey", "couscous_pasta", "jewellery"],
    "10": ["dates", "livestock", "argan", "jewellery", "dairy", "fishing"],
    "11": ["fishing", "livestock", "dairy", "handicrafts", "tourism"],
    "12": ["fishing", "tourism", "livestock", "dairy", "handicrafts"],
}

# Relative number of invented organizations per region: most fairs of the seeds draw on
# Tanger-Tétouan-Al Hoceïma, Fès-Meknès and Béni Mellal-Khénifra.
REGION_WEIGHTS: dict[str, int] = {
    "01": 22,
    "02": 5,
    "03": 15,
    "04": 6,
    "05": 15,
    "06": 6,
    "07": 10,
    "08": 6,
    "09": 10,
    "10": 2,
    "11": 2,
    "12": 1,
}

KIND_WEIGHTS: dict[str, int] = {
    "cooperative": 70,
    "association": 13,
    "artisan": 8,
    "very_small_enterprise": 6,
    "mutual": 3,
}


@dataclass(frozen=True)
class ProductTemplate:
    name_ar: str
    name_fr: str
    low: int
    high: int


def _products(*rows: tuple[str, str, int, int]) -> list[ProductTemplate]:
    return [ProductTemplate(*row) for row in rows]


PRODUCTS: dict[str, list[ProductTemplate]] = {
    "sewing": _products(
        ("قفطان تقليدي", "Caftan traditionnel", 600, 2500),
        ("جلابة نسائية", "Djellaba pour femme", 350, 1200),
        ("تكشيطة مطرزة", "Takchita brodée", 1200, 4000),
        ("عباية عصرية", "Abaya moderne", 250, 700),
    ),
    "leather": _products(
        ("بلغة جلدية", "Babouches en cuir", 120, 350),
        ("حقيبة يد جلدية", "Sac à main en cuir", 300, 1200),
        ("محفظة جلدية", "Portefeuille en cuir", 80, 250),
        ("حزام جلدي", "Ceinture en cuir", 90, 300),
    ),
    "textile": _products(
        ("فوطة حمام قطنية", "Fouta de hammam en coton", 60, 180),
        ("غطاء سرير منسوج", "Couvre-lit tissé", 350, 1200),
        ("وسادة مزخرفة", "Coussin décoré", 80, 250),
    ),
    "weaving": _products(
        ("حنبل", "Hanbel", 400, 2000),
        ("بطانية صوفية", "Couverture en laine", 300, 900),
        ("شال صوفي منسوج يدويا", "Châle en laine tissé main", 150, 450),
        ("منديل جبلي", "Mendil jebli", 120, 350),
    ),
    "basketry": _products(
        ("سلة من الدوم", "Panier en doum", 50, 200),
        ("طبق من الحلفاء", "Plateau en alfa", 60, 180),
        ("قفة تقليدية", "Couffin traditionnel", 70, 220),
        ("حصير", "Natte", 150, 600),
    ),
    "upholstery": _products(
        ("صالون مغربي", "Salon marocain", 5000, 18000),
        ("وسائد مطرزة", "Coussins brodés", 120, 400),
        ("ستائر", "Rideaux", 400, 1500),
        ("مطرح تقليدي", "Matelas traditionnel", 600, 1800),
    ),
    "natural_cosmetics": _products(
        ("صابون بلدي", "Savon noir beldi", 25, 80),
        ("غاسول طبيعي", "Ghassoul naturel", 30, 90),
        ("ماء الورد", "Eau de rose", 35, 120),
        ("كريم بزيت الأركان", "Crème à l'huile d'argan", 80, 250),
    ),
    "jewellery": _products(
        ("خلخال فضي", "Bracelet de cheville en argent", 250, 900),
        ("قلادة أمازيغية", "Collier amazigh", 300, 1500),
        ("أقراط فضية", "Boucles d'oreilles en argent", 120, 450),
        ("خاتم فضي", "Bague en argent", 100, 400),
    ),
    "pottery": _products(
        ("طاجين فخاري", "Tajine en terre cuite", 60, 250),
        ("زليج مزخرف", "Zellige décoré", 300, 900),
        ("مزهرية خزفية", "Vase en céramique", 120, 500),
        ("صحن خزفي", "Assiette en céramique", 50, 200),
    ),
    "terroir_products": _products(
        ("أملو", "Amlou", 80, 200),
        ("الكبار المصبر", "Câpres en conserve", 40, 120),
        ("الخليع", "Khlii", 120, 300),
        ("زيتون مصبر", "Olives en conserve", 30, 90),
    ),
    "aromatic_plants": _products(
        ("زعتر مجفف", "Thym séché", 20, 70),
        ("إكليل الجبل", "Romarin", 20, 60),
        ("زيت الخزامى العطري", "Huile essentielle de lavande", 60, 200),
        ("شيح", "Armoise", 20, 60),
    ),
    "handicrafts": _products(
        ("صينية نحاسية", "Plateau en cuivre", 250, 900),
        ("فانوس نحاسي", "Lanterne en cuivre", 200, 800),
        ("مرآة مزخرفة", "Miroir décoré", 180, 600),
    ),
    "agri_food": _products(
        ("مربى التين", "Confiture de figues", 30, 80),
        ("بسكويت بالشعير", "Biscuits à l'orge", 25, 70),
        ("سمن بلدي", "Smen beldi", 90, 250),
    ),
    "services": _products(
        ("تموين الحفلات", "Traiteur pour événements", 1500, 8000),
        ("خدمة التنظيف", "Service de nettoyage", 300, 1200),
        ("تنشيط الورشات", "Animation d'ateliers", 500, 2000),
    ),
    "argan": _products(
        ("زيت أركان تجميلي", "Huile d'argan cosmétique", 150, 400),
        ("زيت أركان غذائي", "Huile d'argan alimentaire", 180, 450),
        ("أملو بالأركان", "Amlou à l'argan", 90, 220),
    ),
    "olive_oil": _products(
        ("زيت زيتون بكر ممتاز - 1 لتر", "Huile d'olive extra vierge - 1 L", 60, 110),
        ("زيت زيتون - 5 لترات", "Huile d'olive - 5 L", 280, 450),
        ("زيتون أسود مملح", "Olives noires salées", 30, 70),
    ),
    "honey": _products(
        ("عسل الزعتر", "Miel de thym", 250, 500),
        ("عسل الدغموس", "Miel d'euphorbe", 300, 600),
        ("عسل متعدد الأزهار", "Miel toutes fleurs", 150, 300),
        ("حبوب اللقاح", "Pollen", 120, 300),
    ),
    "dates": _products(
        ("تمر المجهول", "Dattes Mejhoul", 80, 250),
        ("تمر بوفقوس", "Dattes Boufeggous", 40, 100),
        ("عجينة التمر", "Pâte de dattes", 30, 80),
    ),
    "dairy": _products(
        ("جبن الماعز", "Fromage de chèvre", 60, 180),
        ("زبدة بلدية", "Beurre beldi", 60, 140),
        ("جبن جبلي طري", "Fromage frais jebli", 30, 80),
    ),
    "couscous_pasta": _products(
        ("كسكس الشعير", "Couscous d'orge", 25, 60),
        ("كسكس بالقمح الكامل", "Couscous complet", 25, 60),
        ("تريد", "Trid", 30, 70),
        ("شعرية يدوية", "Vermicelles faits main", 25, 60),
    ),
    "saffron": _products(
        ("زعفران حر - 1 غرام", "Safran pur - 1 g", 35, 70),
        ("زعفران - 5 غرامات", "Safran - 5 g", 150, 320),
    ),
    "carpets": _products(
        ("زربية أمازيغية", "Tapis amazigh", 800, 6000),
        ("زربية الأطلس", "Tapis de l'Atlas", 1200, 8000),
        ("بوشرويط", "Boucherouite", 300, 1500),
    ),
    "embroidery": _products(
        ("مفرش مطرز", "Nappe brodée", 200, 900),
        ("طرز فاسي", "Broderie de Fès", 250, 1200),
        ("منديل مطرز", "Mouchoir brodé", 40, 120),
    ),
    "woodwork": _products(
        ("علبة من خشب العرعار", "Boîte en thuya", 120, 600),
        ("طاولة خشبية منقوشة", "Table en bois sculpté", 900, 3500),
        ("ملاعق خشبية", "Cuillères en bois", 30, 90),
    ),
    "agriculture": _products(
        ("عدس بلدي", "Lentilles beldi", 20, 45),
        ("لوز", "Amandes", 90, 160),
        ("تين مجفف", "Figues sèches", 50, 120),
    ),
    "livestock": _products(
        ("صوف مغسول", "Laine lavée", 40, 90),
        ("قديد", "Viande séchée (gueddid)", 150, 300),
        ("بيض بلدي - 30 بيضة", "Œufs beldi - 30 œufs", 45, 75),
    ),
    "fishing": _products(
        ("سردين مصبر", "Sardines en conserve", 15, 40),
        ("سمك مجفف", "Poisson séché", 80, 200),
        ("أخطبوط مجمد", "Poulpe congelé", 90, 180),
    ),
    "tourism": _products(
        ("جولة في القرية", "Visite guidée du village", 150, 400),
        ("مبيت وفطور في دار الضيافة", "Nuit et petit-déjeuner en maison d'hôtes", 300, 800),
        ("ورشة طبخ تقليدي", "Atelier de cuisine traditionnelle", 200, 500),
    ),
    "digital": _products(
        ("تصميم موقع إلكتروني", "Création de site web", 2000, 8000),
        ("تدبير صفحات التواصل الاجتماعي", "Gestion des réseaux sociaux", 800, 2500),
        ("تصوير المنتجات", "Photographie de produits", 400, 1500),
    ),
    "recycling": _products(
        ("حقيبة من البلاستيك المعاد تدويره", "Sac en plastique recyclé", 60, 180),
        ("أثاث من الإطارات المستعملة", "Mobilier en pneus recyclés", 300, 1200),
        ("ورق معاد تدويره", "Papier recyclé", 20, 60),
    ),
    "education_care": _products(
        ("حصة دعم مدرسي", "Séance de soutien scolaire", 50, 150),
        ("حراسة الأطفال - شهر", "Garde d'enfants - un mois", 400, 900),
    ),
    "other": _products(
        ("شموع طبيعية", "Bougies naturelles", 30, 120),
        ("هدايا تقليدية", "Cadeaux artisanaux", 50, 250),
    ),
}

# Mobile ranges that libphonenumber accepts as valid Moroccan numbers (06 and 07).
MOBILE_PREFIXES: tuple[str, ...] = ("61", "62", "63", "65", "66", "67", "70", "71", "76", "77")


def mobile_phone(rng: random.Random) -> str:
    """A Moroccan mobile number in E.164 form, e.g. +212661234567."""
    return f"+212{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"


def weighted_choice(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def french_of(place: str) -> str:
    """'de Tanger', "d'Azilal": the French preposition before a place name."""
    return f"d'{place}" if place[:1].lower() in "aeiouyéèâîô" else f"de {place}"


def arabic_in(place: str) -> str:
    """'بأزيلال', 'بالمضيق': the Arabic preposition bi- written onto a place name."""
    return f"ب{place}"


def with_qualifier(legal_form_fr: str, name_fr: str, qualifier_fr: str) -> str:
    """Put a French sector qualifier after the name, or an adjective after the legal form."""
    if not qualifier_fr:
        return f"{legal_form_fr} {name_fr}"
    if qualifier_fr.split(" ")[0] in {"de", "du", "des"} or qualifier_fr.startswith("d'"):
        return f"{legal_form_fr} {name_fr} {qualifier_fr}"
    return f"{legal_form_fr} {qualifier_fr} {name_fr}"


# Members of a mutual: (Arabic, French with its article).
MUTUAL_GROUPS: list[tuple[str, str]] = [
    ("الصناع التقليديين", "des artisans"),
    ("الفلاحين", "des agriculteurs"),
    ("البحارة الصيادين", "des marins-pêcheurs"),
    ("النساجات", "des tisserandes"),
    ("مربي الماشية", "des éleveurs"),
]


# The trades of the Mohammed VI Centre's microcredit clients, as the E1 article lists them.
MICROCREDIT_CLIENT_SECTORS: tuple[str, ...] = (
    "sewing",
    "leather",
    "textile",
    "basketry",
    "upholstery",
    "natural_cosmetics",
    "jewellery",
    "pottery",
    "terroir_products",
    "aromatic_plants",
)
