"""Reference data for the registry: Morocco's territorial division and shared taxonomies.

Pure Python (no Django import) so that it can be read by the data migration, by importers
and by tests alike.

* Regions: the 12 regions of the 2015 division (decree 2-15-40), coded "01".."12".
* Provinces and prefectures: all 75 of the 2015 division (62 provinces, 13 prefectures).
  Codes follow a stable local scheme "RR.PP": the region code, a dot, then a two-digit
  rank of the province within its region (the order below). They are *not* the HCP /
  Ministry of the Interior geographic codes.
* Communes: the communes named in the events' sources plus the chef-lieu of (almost) every
  province. The list is deliberately partial; organizers add the others as they meet them.
* Sectors and organization kinds: the shared taxonomies; codes are stable identifiers that
  other code refers to, positions give the display order.

Arabic names are the usual official ones, given without the words جهة / إقليم / عمالة.
"""

REGIONS: list[dict[str, str]] = [
    {
        "code": "01",
        "name_ar": "طنجة تطوان الحسيمة",
        "name_fr": "Tanger-Tétouan-Al Hoceïma",
        "name_en": "Tanger-Tetouan-Al Hoceima",
    },
    {"code": "02", "name_ar": "الشرق", "name_fr": "L'Oriental", "name_en": "Oriental"},
    {"code": "03", "name_ar": "فاس مكناس", "name_fr": "Fès-Meknès", "name_en": "Fez-Meknes"},
    {
        "code": "04",
        "name_ar": "الرباط سلا القنيطرة",
        "name_fr": "Rabat-Salé-Kénitra",
        "name_en": "Rabat-Sale-Kenitra",
    },
    {
        "code": "05",
        "name_ar": "بني ملال خنيفرة",
        "name_fr": "Béni Mellal-Khénifra",
        "name_en": "Beni Mellal-Khenifra",
    },
    {
        "code": "06",
        "name_ar": "الدار البيضاء سطات",
        "name_fr": "Casablanca-Settat",
        "name_en": "Casablanca-Settat",
    },
    {
        "code": "07",
        "name_ar": "مراكش آسفي",
        "name_fr": "Marrakech-Safi",
        "name_en": "Marrakesh-Safi",
    },
    {
        "code": "08",
        "name_ar": "درعة تافيلالت",
        "name_fr": "Drâa-Tafilalet",
        "name_en": "Draa-Tafilalet",
    },
    {"code": "09", "name_ar": "سوس ماسة", "name_fr": "Souss-Massa", "name_en": "Souss-Massa"},
    {
        "code": "10",
        "name_ar": "كلميم واد نون",
        "name_fr": "Guelmim-Oued Noun",
        "name_en": "Guelmim-Oued Noun",
    },
    {
        "code": "11",
        "name_ar": "العيون الساقية الحمراء",
        "name_fr": "Laâyoune-Sakia El Hamra",
        "name_en": "Laayoune-Sakia El Hamra",
    },
    {
        "code": "12",
        "name_ar": "الداخلة وادي الذهب",
        "name_fr": "Dakhla-Oued Ed-Dahab",
        "name_en": "Dakhla-Oued Ed-Dahab",
    },
]

PROVINCE = "province"
PREFECTURE = "prefecture"

# (code, region code, kind, name_ar, name_fr, name_en)
_PROVINCE_ROWS: list[tuple[str, str, str, str, str, str]] = [
    # 01 Tanger-Tétouan-Al Hoceïma
    ("01.01", "01", PREFECTURE, "طنجة أصيلة", "Tanger-Assilah", "Tangier-Assilah"),
    ("01.02", "01", PREFECTURE, "المضيق الفنيدق", "M'diq-Fnideq", "M'diq-Fnideq"),
    ("01.03", "01", PROVINCE, "تطوان", "Tétouan", "Tetouan"),
    ("01.04", "01", PROVINCE, "الفحص أنجرة", "Fahs-Anjra", "Fahs-Anjra"),
    ("01.05", "01", PROVINCE, "العرائش", "Larache", "Larache"),
    ("01.06", "01", PROVINCE, "الحسيمة", "Al Hoceïma", "Al Hoceima"),
    ("01.07", "01", PROVINCE, "شفشاون", "Chefchaouen", "Chefchaouen"),
    ("01.08", "01", PROVINCE, "وزان", "Ouezzane", "Ouezzane"),
    # 02 L'Oriental
    ("02.01", "02", PREFECTURE, "وجدة أنكاد", "Oujda-Angad", "Oujda-Angad"),
    ("02.02", "02", PROVINCE, "الناظور", "Nador", "Nador"),
    ("02.03", "02", PROVINCE, "الدريوش", "Driouch", "Driouch"),
    ("02.04", "02", PROVINCE, "جرادة", "Jerada", "Jerada"),
    ("02.05", "02", PROVINCE, "بركان", "Berkane", "Berkane"),
    ("02.06", "02", PROVINCE, "تاوريرت", "Taourirt", "Taourirt"),
    ("02.07", "02", PROVINCE, "جرسيف", "Guercif", "Guercif"),
    ("02.08", "02", PROVINCE, "فجيج", "Figuig", "Figuig"),
    # 03 Fès-Meknès
    ("03.01", "03", PREFECTURE, "فاس", "Fès", "Fez"),
    ("03.02", "03", PREFECTURE, "مكناس", "Meknès", "Meknes"),
    ("03.03", "03", PROVINCE, "الحاجب", "El Hajeb", "El Hajeb"),
    ("03.04", "03", PROVINCE, "إفران", "Ifrane", "Ifrane"),
    ("03.05", "03", PROVINCE, "مولاي يعقوب", "Moulay Yacoub", "Moulay Yacoub"),
    ("03.06", "03", PROVINCE, "صفرو", "Sefrou", "Sefrou"),
    ("03.07", "03", PROVINCE, "بولمان", "Boulemane", "Boulemane"),
    ("03.08", "03", PROVINCE, "تاونات", "Taounate", "Taounate"),
    ("03.09", "03", PROVINCE, "تازة", "Taza", "Taza"),
    # 04 Rabat-Salé-Kénitra
    ("04.01", "04", PREFECTURE, "الرباط", "Rabat", "Rabat"),
    ("04.02", "04", PREFECTURE, "سلا", "Salé", "Sale"),
    ("04.03", "04", PREFECTURE, "الصخيرات تمارة", "Skhirate-Témara", "Skhirate-Temara"),
    ("04.04", "04", PROVINCE, "القنيطرة", "Kénitra", "Kenitra"),
    ("04.05", "04", PROVINCE, "الخميسات", "Khémisset", "Khemisset"),
    ("04.06", "04", PROVINCE, "سيدي قاسم", "Sidi Kacem", "Sidi Kacem"),
    ("04.07", "04", PROVINCE, "سيدي سليمان", "Sidi Slimane", "Sidi Slimane"),
    # 05 Béni Mellal-Khénifra
    ("05.01", "05", PROVINCE, "بني ملال", "Béni Mellal", "Beni Mellal"),
    ("05.02", "05", PROVINCE, "أزيلال", "Azilal", "Azilal"),
    ("05.03", "05", PROVINCE, "الفقيه بن صالح", "Fquih Ben Salah", "Fquih Ben Salah"),
    ("05.04", "05", PROVINCE, "خنيفرة", "Khénifra", "Khenifra"),
    ("05.05", "05", PROVINCE, "خريبكة", "Khouribga", "Khouribga"),
    # 06 Casablanca-Settat
    ("06.01", "06", PREFECTURE, "الدار البيضاء", "Casablanca", "Casablanca"),
    ("06.02", "06", PREFECTURE, "المحمدية", "Mohammédia", "Mohammedia"),
    ("06.03", "06", PROVINCE, "الجديدة", "El Jadida", "El Jadida"),
    ("06.04", "06", PROVINCE, "النواصر", "Nouaceur", "Nouaceur"),
    ("06.05", "06", PROVINCE, "مديونة", "Médiouna", "Mediouna"),
    ("06.06", "06", PROVINCE, "بنسليمان", "Benslimane", "Benslimane"),
    ("06.07", "06", PROVINCE, "برشيد", "Berrechid", "Berrechid"),
    ("06.08", "06", PROVINCE, "سطات", "Settat", "Settat"),
    ("06.09", "06", PROVINCE, "سيدي بنور", "Sidi Bennour", "Sidi Bennour"),
    # 07 Marrakech-Safi
    ("07.01", "07", PREFECTURE, "مراكش", "Marrakech", "Marrakesh"),
    ("07.02", "07", PROVINCE, "شيشاوة", "Chichaoua", "Chichaoua"),
    ("07.03", "07", PROVINCE, "الحوز", "Al Haouz", "Al Haouz"),
    ("07.04", "07", PROVINCE, "قلعة السراغنة", "El Kelâa des Sraghna", "El Kelaa des Sraghna"),
    ("07.05", "07", PROVINCE, "الصويرة", "Essaouira", "Essaouira"),
    ("07.06", "07", PROVINCE, "الرحامنة", "Rehamna", "Rehamna"),
    ("07.07", "07", PROVINCE, "آسفي", "Safi", "Safi"),
    ("07.08", "07", PROVINCE, "اليوسفية", "Youssoufia", "Youssoufia"),
    # 08 Drâa-Tafilalet
    ("08.01", "08", PROVINCE, "الرشيدية", "Errachidia", "Errachidia"),
    ("08.02", "08", PROVINCE, "ورزازات", "Ouarzazate", "Ouarzazate"),
    ("08.03", "08", PROVINCE, "ميدلت", "Midelt", "Midelt"),
    ("08.04", "08", PROVINCE, "تنغير", "Tinghir", "Tinghir"),
    ("08.05", "08", PROVINCE, "زاكورة", "Zagora", "Zagora"),
    # 09 Souss-Massa
    ("09.01", "09", PREFECTURE, "أكادير إداوتنان", "Agadir Ida-Outanane", "Agadir Ida-Outanane"),
    ("09.02", "09", PREFECTURE, "إنزكان آيت ملول", "Inezgane-Aït Melloul", "Inezgane-Ait Melloul"),
    ("09.03", "09", PROVINCE, "اشتوكة آيت باها", "Chtouka-Aït Baha", "Chtouka-Ait Baha"),
    ("09.04", "09", PROVINCE, "تارودانت", "Taroudant", "Taroudant"),
    ("09.05", "09", PROVINCE, "تيزنيت", "Tiznit", "Tiznit"),
    ("09.06", "09", PROVINCE, "طاطا", "Tata", "Tata"),
    # 10 Guelmim-Oued Noun
    ("10.01", "10", PROVINCE, "كلميم", "Guelmim", "Guelmim"),
    ("10.02", "10", PROVINCE, "أسا الزاك", "Assa-Zag", "Assa-Zag"),
    ("10.03", "10", PROVINCE, "طانطان", "Tan-Tan", "Tan-Tan"),
    ("10.04", "10", PROVINCE, "سيدي إفني", "Sidi Ifni", "Sidi Ifni"),
    # 11 Laâyoune-Sakia El Hamra
    ("11.01", "11", PROVINCE, "العيون", "Laâyoune", "Laayoune"),
    ("11.02", "11", PROVINCE, "بوجدور", "Boujdour", "Boujdour"),
    ("11.03", "11", PROVINCE, "طرفاية", "Tarfaya", "Tarfaya"),
    ("11.04", "11", PROVINCE, "السمارة", "Es-Semara", "Es-Semara"),
    # 12 Dakhla-Oued Ed-Dahab
    ("12.01", "12", PROVINCE, "وادي الذهب", "Oued Ed-Dahab", "Oued Ed-Dahab"),
    ("12.02", "12", PROVINCE, "أوسرد", "Aousserd", "Aousserd"),
]

PROVINCES: list[dict[str, str]] = [
    {
        "code": code,
        "region": region,
        "kind": kind,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "name_en": name_en,
    }
    for code, region, kind, name_ar, name_fr, name_en in _PROVINCE_ROWS
]

URBAN = "urban"
RURAL = "rural"

# (province code, kind, name_ar, name_fr, name_en)
_COMMUNE_ROWS: list[tuple[str, str, str, str, str]] = [
    # 01 Tanger-Tétouan-Al Hoceïma
    ("01.01", URBAN, "طنجة", "Tanger", "Tangier"),
    ("01.02", URBAN, "المضيق", "M'diq", "M'diq"),
    ("01.02", URBAN, "الفنيدق", "Fnideq", "Fnideq"),
    ("01.02", URBAN, "مرتيل", "Martil", "Martil"),
    ("01.03", URBAN, "تطوان", "Tétouan", "Tetouan"),
    ("01.04", RURAL, "أنجرة", "Anjra", "Anjra"),
    ("01.05", URBAN, "العرائش", "Larache", "Larache"),
    ("01.06", URBAN, "الحسيمة", "Al Hoceïma", "Al Hoceima"),
    ("01.07", URBAN, "شفشاون", "Chefchaouen", "Chefchaouen"),
    ("01.08", URBAN, "وزان", "Ouezzane", "Ouezzane"),
    # 02 L'Oriental
    ("02.01", URBAN, "وجدة", "Oujda", "Oujda"),
    ("02.02", URBAN, "الناظور", "Nador", "Nador"),
    ("02.03", URBAN, "الدريوش", "Driouch", "Driouch"),
    ("02.04", URBAN, "جرادة", "Jerada", "Jerada"),
    ("02.05", URBAN, "بركان", "Berkane", "Berkane"),
    ("02.06", URBAN, "تاوريرت", "Taourirt", "Taourirt"),
    ("02.07", URBAN, "جرسيف", "Guercif", "Guercif"),
    ("02.08", URBAN, "بوعرفة", "Bouarfa", "Bouarfa"),
    ("02.08", URBAN, "فجيج", "Figuig", "Figuig"),
    # 03 Fès-Meknès
    ("03.01", URBAN, "فاس", "Fès", "Fez"),
    ("03.02", URBAN, "مكناس", "Meknès", "Meknes"),
    ("03.03", URBAN, "الحاجب", "El Hajeb", "El Hajeb"),
    ("03.04", URBAN, "إفران", "Ifrane", "Ifrane"),
    ("03.06", URBAN, "صفرو", "Sefrou", "Sefrou"),
    ("03.07", URBAN, "بولمان", "Boulemane", "Boulemane"),
    ("03.08", URBAN, "تاونات", "Taounate", "Taounate"),
    ("03.09", URBAN, "تازة", "Taza", "Taza"),
    # 04 Rabat-Salé-Kénitra
    ("04.01", URBAN, "الرباط", "Rabat", "Rabat"),
    ("04.02", URBAN, "سلا", "Salé", "Sale"),
    ("04.03", URBAN, "تمارة", "Témara", "Temara"),
    ("04.03", URBAN, "الصخيرات", "Skhirate", "Skhirate"),
    ("04.04", URBAN, "القنيطرة", "Kénitra", "Kenitra"),
    ("04.05", URBAN, "الخميسات", "Khémisset", "Khemisset"),
    ("04.06", URBAN, "سيدي قاسم", "Sidi Kacem", "Sidi Kacem"),
    ("04.07", URBAN, "سيدي سليمان", "Sidi Slimane", "Sidi Slimane"),
    # 05 Béni Mellal-Khénifra
    ("05.01", URBAN, "بني ملال", "Béni Mellal", "Beni Mellal"),
    ("05.02", URBAN, "أزيلال", "Azilal", "Azilal"),
    ("05.02", URBAN, "دمنات", "Demnate", "Demnate"),
    ("05.02", RURAL, "واويزغت", "Ouaouizeght", "Ouaouizeght"),
    # The five rural communes of the Azilal training days (the source writes them
    # ايت امحمد، تبانت، ايت بووالي، ايت امديس، ايت بلال); name_en keeps that spelling.
    ("05.02", RURAL, "آيت امحمد", "Aït M'hamed", "Ait M'hamed"),
    ("05.02", RURAL, "تبانت", "Tabant", "Tabant"),
    ("05.02", RURAL, "آيت بولي", "Aït Bouli", "Ait Bouwli"),
    ("05.02", RURAL, "آيت أومديس", "Aït Oumdis", "Ait Amdis"),
    ("05.02", RURAL, "آيت بلال", "Aït Blal", "Ait Blal"),
    ("05.03", URBAN, "الفقيه بن صالح", "Fquih Ben Salah", "Fquih Ben Salah"),
    ("05.04", URBAN, "خنيفرة", "Khénifra", "Khenifra"),
    ("05.05", URBAN, "خريبكة", "Khouribga", "Khouribga"),
    # 06 Casablanca-Settat
    ("06.01", URBAN, "الدار البيضاء", "Casablanca", "Casablanca"),
    ("06.02", URBAN, "المحمدية", "Mohammédia", "Mohammedia"),
    ("06.03", URBAN, "الجديدة", "El Jadida", "El Jadida"),
    ("06.05", URBAN, "مديونة", "Médiouna", "Mediouna"),
    ("06.06", URBAN, "بنسليمان", "Benslimane", "Benslimane"),
    ("06.07", URBAN, "برشيد", "Berrechid", "Berrechid"),
    ("06.08", URBAN, "سطات", "Settat", "Settat"),
    ("06.09", URBAN, "سيدي بنور", "Sidi Bennour", "Sidi Bennour"),
    # 07 Marrakech-Safi
    ("07.01", URBAN, "مراكش", "Marrakech", "Marrakesh"),
    ("07.02", URBAN, "شيشاوة", "Chichaoua", "Chichaoua"),
    ("07.03", URBAN, "تحناوت", "Tahannaout", "Tahannaout"),
    ("07.04", URBAN, "قلعة السراغنة", "El Kelâa des Sraghna", "El Kelaa des Sraghna"),
    ("07.05", URBAN, "الصويرة", "Essaouira", "Essaouira"),
    ("07.06", URBAN, "ابن جرير", "Ben Guerir", "Ben Guerir"),
    ("07.07", URBAN, "آسفي", "Safi", "Safi"),
    ("07.08", URBAN, "اليوسفية", "Youssoufia", "Youssoufia"),
    # 08 Drâa-Tafilalet
    ("08.01", URBAN, "الرشيدية", "Errachidia", "Errachidia"),
    ("08.02", URBAN, "ورزازات", "Ouarzazate", "Ouarzazate"),
    ("08.03", URBAN, "ميدلت", "Midelt", "Midelt"),
    ("08.04", URBAN, "تنغير", "Tinghir", "Tinghir"),
    ("08.05", URBAN, "زاكورة", "Zagora", "Zagora"),
    # 09 Souss-Massa
    ("09.01", URBAN, "أكادير", "Agadir", "Agadir"),
    ("09.02", URBAN, "إنزكان", "Inezgane", "Inezgane"),
    ("09.02", URBAN, "آيت ملول", "Aït Melloul", "Ait Melloul"),
    ("09.03", URBAN, "بيوكرى", "Biougra", "Biougra"),
    ("09.04", URBAN, "تارودانت", "Taroudant", "Taroudant"),
    ("09.05", URBAN, "تيزنيت", "Tiznit", "Tiznit"),
    ("09.06", URBAN, "طاطا", "Tata", "Tata"),
    # 10 Guelmim-Oued Noun
    ("10.01", URBAN, "كلميم", "Guelmim", "Guelmim"),
    ("10.02", URBAN, "أسا", "Assa", "Assa"),
    ("10.03", URBAN, "طانطان", "Tan-Tan", "Tan-Tan"),
    ("10.04", URBAN, "سيدي إفني", "Sidi Ifni", "Sidi Ifni"),
    # 11 Laâyoune-Sakia El Hamra
    ("11.01", URBAN, "العيون", "Laâyoune", "Laayoune"),
    ("11.02", URBAN, "بوجدور", "Boujdour", "Boujdour"),
    ("11.03", URBAN, "طرفاية", "Tarfaya", "Tarfaya"),
    ("11.04", URBAN, "السمارة", "Es-Semara", "Es-Semara"),
    # 12 Dakhla-Oued Ed-Dahab
    ("12.01", URBAN, "الداخلة", "Dakhla", "Dakhla"),
    ("12.02", RURAL, "أوسرد", "Aousserd", "Aousserd"),
]

COMMUNES: list[dict[str, str]] = [
    {
        "province": province,
        "kind": kind,
        "name_ar": name_ar,
        "name_fr": name_fr,
        "name_en": name_en,
    }
    for province, kind, name_ar, name_fr, name_en in _COMMUNE_ROWS
]

# (code, name_ar, name_fr, name_en); the position is the rank in this list.
_SECTOR_ROWS: list[tuple[str, str, str, str]] = [
    # The sectors named in the events' sources.
    (
        "sewing",
        "الخياطة العصرية والتقليدية",
        "Couture moderne et traditionnelle",
        "Modern and traditional sewing",
    ),
    ("leather", "الجلد", "Cuir et maroquinerie", "Leather goods"),
    ("textile", "النسيج", "Textile", "Textiles"),
    ("weaving", "الحياكة والنسيج اليدوي", "Tissage manuel", "Hand weaving"),
    ("basketry", "صناعة السلال (الحلفاء والدوم)", "Vannerie (alfa et doum)", "Basketry"),
    ("upholstery", "التنجيد والمفروشات", "Tapisserie d'ameublement", "Upholstery and furnishings"),
    ("natural_cosmetics", "مستحضرات التجميل الطبيعية", "Cosmétiques naturels", "Natural cosmetics"),
    ("jewellery", "الحلي والإكسسوارات", "Bijoux et accessoires", "Jewellery and accessories"),
    ("pottery", "الفخار والخزف", "Poterie et céramique", "Pottery and ceramics"),
    ("terroir_products", "المنتجات المجالية", "Produits du terroir", "Local terroir products"),
    (
        "aromatic_plants",
        "النباتات العطرية والطبية",
        "Plantes aromatiques et médicinales",
        "Aromatic and medicinal plants",
    ),
    ("handicrafts", "الصناعة التقليدية", "Artisanat", "Handicrafts"),
    ("agri_food", "الصناعات الغذائية", "Agroalimentaire", "Agri-food"),
    ("services", "الخدمات", "Services", "Services"),
    # The usual sectors of the social and solidarity economy.
    ("argan", "الأركان", "Argan", "Argan"),
    ("olive_oil", "زيت الزيتون", "Huile d'olive", "Olive oil"),
    ("honey", "تربية النحل والعسل", "Apiculture et miel", "Beekeeping and honey"),
    ("dates", "التمور", "Dattes", "Dates"),
    ("dairy", "الحليب ومشتقاته", "Lait et produits laitiers", "Dairy products"),
    (
        "couscous_pasta",
        "الكسكس والعجائن التقليدية",
        "Couscous et pâtes traditionnelles",
        "Couscous and traditional pasta",
    ),
    ("saffron", "الزعفران", "Safran", "Saffron"),
    ("carpets", "الزرابي", "Tapis", "Carpets and rugs"),
    ("embroidery", "الطرز", "Broderie", "Embroidery"),
    ("woodwork", "النجارة والصناعة الخشبية", "Travail du bois", "Woodwork"),
    ("agriculture", "الفلاحة", "Agriculture", "Agriculture"),
    ("livestock", "تربية المواشي", "Élevage", "Livestock farming"),
    ("fishing", "الصيد البحري", "Pêche", "Fishing"),
    ("tourism", "السياحة التضامنية", "Tourisme solidaire", "Solidarity tourism"),
    ("digital", "الخدمات الرقمية", "Services numériques", "Digital services"),
    ("recycling", "إعادة التدوير", "Recyclage", "Recycling"),
    (
        "education_care",
        "التعليم الأولي ورعاية الأطفال",
        "Éducation et garde d'enfants",
        "Education and childcare",
    ),
    ("other", "أخرى", "Autre", "Other"),
]

SECTORS: list[dict[str, object]] = [
    {"code": code, "position": position, "name_ar": ar, "name_fr": fr, "name_en": en}
    for position, (code, ar, fr, en) in enumerate(_SECTOR_ROWS, start=1)
]

_ORGANIZATION_KIND_ROWS: list[tuple[str, str, str, str]] = [
    ("cooperative", "تعاونية", "Coopérative", "Cooperative"),
    ("association", "جمعية", "Association", "Association"),
    ("mutual", "تعاضدية", "Mutuelle", "Mutual"),
    (
        "very_small_enterprise",
        "مقاولة صغيرة جدا",
        "Très petite entreprise",
        "Very small enterprise",
    ),
    ("artisan", "صانع تقليدي فردي", "Artisan individuel", "Individual artisan"),
    ("public_institution", "مؤسسة عمومية", "Établissement public", "Public institution"),
    (
        "company",
        "شركة أو منصة تسويق",
        "Société ou plateforme de commercialisation",
        "Company or marketing platform",
    ),
    (
        "microcredit_association",
        "جمعية للقروض الصغرى",
        "Association de microcrédit",
        "Microcredit association",
    ),
]

ORGANIZATION_KINDS: list[dict[str, object]] = [
    {"code": code, "position": position, "name_ar": ar, "name_fr": fr, "name_en": en}
    for position, (code, ar, fr, en) in enumerate(_ORGANIZATION_KIND_ROWS, start=1)
]
