"""Names for the search benchmark (bench/search.py): cooperatives and associations with
distinct names, in Arabic and French, and the ways Moroccans type them (issue 18, item 3).

A name is a legal form, a word and a place, as many are in the registry ("تعاونية السعادة
أزيلال", "Coopérative Assaada Azilal"); no two organizations share the word and the place, so
a query that names both has one right answer. Each word carries its French spelling and its
Arabizi one (digits for the letters Latin lacks). Products are named by kind and quality.

Seeded: the same seed gives the same catalogue and the same queries.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# (Arabic, French spelling, Arabizi spelling)
WORDS = [
    ("الأمل", "Al Amal", "l2amal"), ("النور", "Ennour", "nour"), ("الخير", "El Kheir", "lkhir"),
    ("الشروق", "Echchourouk", "chorouk"), ("الوفاء", "Al Wafae", "lwafa2"),
    ("الزيتون", "Azzitoune", "zitoun"), ("الأركان", "Al Argane", "argan"),
    ("الورود", "Louroud", "lwrod"), ("المستقبل", "Al Moustaqbal", "lmosta9bal"),
    ("الصفاء", "Assafae", "safa2"), ("الهدى", "Al Houda", "lhoda"),
    ("الإخلاص", "Al Ikhlass", "l2ikhlas"), ("السلام", "Assalam", "salam"),
    ("البركة", "El Baraka", "lbaraka"), ("الياسمين", "Yasmine", "yasmin"),
    ("الفتح", "Al Fath", "lfat7"), ("الرحمة", "Errahma", "ra7ma"), ("النجاح", "Ennajah", "naja7"),
    ("الواحة", "Al Waha", "lwa7a"), ("الأطلس", "Atlas", "atlas"), ("الريف", "Errif", "rif"),
    ("النخيل", "Annakhil", "nkhil"), ("الزعفران", "Zaafrane", "za3fran"),
    ("العسل", "Al Assal", "l3sel"), ("السعادة", "Assaada", "sa3ada"),
    ("الحياة", "Al Hayat", "l7ayat"), ("القمر", "Al Qamar", "l9amar"),
    ("الفجر", "Al Fajr", "lfajr"),
    ("الأمان", "Al Amane", "l2aman"), ("التوفيق", "Attawfiq", "tawfi9"),
    ("الإحسان", "Al Ihssane", "l2i7san"), ("النهضة", "Annahda", "nahda"),
    ("الوحدة", "Al Wahda", "lw7da"), ("التضامن", "Attadamoun", "tadamon"),
    ("الكرامة", "Al Karama", "lkarama"), ("الأصالة", "Al Assala", "l2assala"),
    ("الإبداع", "Al Ibdaa", "l2ibda3"), ("العطاء", "Al Ataa", "l3ata2"),
    ("الغد", "Al Ghad", "l8ad"),
    ("الخيرات", "Al Khayrat", "lkhayrat"), ("تامونت", "Tamount", "tamount"),
    ("تيفاوين", "Tifawin", "tifawin"), ("تودرت", "Toudert", "toudert"),
    ("تيويزي", "Tiwizi", "tiwizi"), ("إيمان", "Imane", "iman"), ("مريم", "Meryem", "maryam"),
    ("فاطمة", "Fatima", "fatima"), ("خديجة", "Khadija", "5adija"), ("زينب", "Zineb", "zineb"),
    ("سكينة", "Sakina", "skina"), ("حليمة", "Halima", "7lima"), ("عائشة", "Aicha", "3aicha"),
    ("نعيمة", "Naima", "na3ima"), ("رشيدة", "Rachida", "rachida"), ("سعيدة", "Saida", "s3ida"),
    ("الفلاح", "El Fellah", "lfla7"), ("الربيع", "Errabie", "rbi3"), ("الندى", "Annada", "nda"),
    ("الزهراء", "Azzahrae", "zahra"), ("الأنوار", "Al Anouar", "l2anwar"),
    ("البستان", "El Boustane", "bostan"), ("الجنان", "Al Jinane", "ljnan"),
    ("الصباح", "Assabah", "saba7"), ("الشمس", "Achams", "chams"), ("الوئام", "Al Wiam", "lwi2am"),
    ("الإشراق", "Al Ichraq", "l2ichra9"), ("المحبة", "Al Mahabba", "lma7abba"),
    ("الرضا", "Arrida", "rida"), ("الفردوس", "Al Firdaous", "lfirdaws"),
    ("النسيم", "Annassim", "nssim"), ("الربوة", "Arrabwa", "rabwa"),
    ("القصبة", "Al Kasbah", "l9asba"), ("السنبلة", "Assounboula", "sonbola"),
    ("الرمان", "Arroumane", "romman"), ("التين", "Attine", "karmous"),
    ("اللوز", "Allouz", "louz"), ("الخروب", "Al Kharroub", "lkharrob"),
    ("الصبار", "Assabbar", "sabbar"), ("العرعار", "Al Araar", "l3ar3ar"),
    ("الحناء", "Al Hanna", "l7enna"), ("الزربية", "Zarbia", "zarbiya"),
    ("النسيج", "Annassij", "nssij"), ("الفخار", "Al Fakhar", "lfakhar"),
    ("الجوهرة", "Al Jawhara", "jawhara"), ("اللؤلؤة", "Al Loulouaa", "loulou2a"),
    ("المرجان", "Al Morjane", "morjan"), ("الياقوت", "Al Yakout", "ya9out"),
    ("الذهب", "Adhahab", "dhahab"), ("الأرز", "Al Arz", "l2arz"),
    ("الصنوبر", "Assanawbar", "sanawbar"), ("البلوط", "El Ballout", "ballout"),
    ("الزعتر", "Zaater", "za3tar"), ("النعناع", "Annaanaa", "na3na3"), ("الشيح", "Achih", "chi7"),
    ("الخزامى", "Al Khouzama", "khozama"), ("المنار", "Al Manar", "lmanar"),
    ("الهلال", "Al Hilal", "lhilal"), ("النجمة", "Annajma", "nejma"),
    ("الغزالة", "Al Ghazala", "8zala"), ("الحمامة", "Al Hamama", "7mama"),
    ("النحلة", "Annahla", "n7la"), ("الفراشة", "Al Farasha", "frracha"),
    ("القلعة", "Al Qalaa", "l9al3a"), ("الساقية", "Assaqia", "sa9ya"),
    ("الينبوع", "Al Yanbouaa", "yanbo3"), ("العين", "Al Ain", "l3in"), ("الواد", "Al Oued", "lwad"),
    ("الساحل", "Assahel", "sa7el"), ("البحر", "El Bahr", "lb7ar"), ("السهل", "Assahl", "sahl"),
    ("المرج", "Al Marj", "lmarj"), ("الحقل", "Al Haql", "l7a9l"), ("البيدر", "El Baydar", "baydar"),
    ("السوق", "Assouk", "sou9"), ("الدار", "Addar", "dar"), ("الخيمة", "Al Khaima", "lkhima"),
    ("الأجيال", "Al Ajyal", "l2ajyal"), ("الشباب", "Achabab", "chabab"),
    ("الأسرة", "Al Ousra", "l2osra"), ("التعاون", "Attaawoun", "ta3awon"),
    ("التقدم", "Attaqaddoum", "ta9adom"), ("التنمية", "Attanmia", "tanmiya"),
    ("الازدهار", "Al Izdihar", "izdihar"), ("الرقي", "Arrouki", "ro9i"),
    ("الإتقان", "Al Itqane", "l2it9an"), ("الجودة", "Al Jouda", "jawda"),
    ("البشرى", "Al Bouchra", "bochra"), ("الفرح", "Al Farah", "lfara7"),
    ("البسمة", "Al Basma", "basma"), ("الكنز", "Al Kanz", "lkanz"), ("الثقة", "Attiqa", "ti9a"),
]  # fmt: skip
# (Arabic, French)
PLACES = [
    ("أزيلال", "Azilal"), ("وزان", "Ouezzane"), ("تطوان", "Tétouan"), ("الحسيمة", "Al Hoceïma"),
    ("مراكش", "Marrakech"), ("تارودانت", "Taroudant"), ("فاس", "Fès"), ("مكناس", "Meknès"),
    ("وجدة", "Oujda"), ("الرشيدية", "Errachidia"), ("ورزازات", "Ouarzazate"), ("أكادير", "Agadir"),
    ("شفشاون", "Chefchaouen"), ("العرائش", "Larache"), ("تزنيت", "Tiznit"), ("زاكورة", "Zagora"),
    ("الصويرة", "Essaouira"), ("آسفي", "Safi"), ("الجديدة", "El Jadida"), ("خريبكة", "Khouribga"),
    ("بني ملال", "Béni Mellal"), ("خنيفرة", "Khénifra"), ("إفران", "Ifrane"), ("ميدلت", "Midelt"),
    ("تنغير", "Tinghir"), ("طاطا", "Tata"), ("كلميم", "Guelmim"), ("طانطان", "Tan-Tan"),
    ("العيون", "Laâyoune"), ("الداخلة", "Dakhla"), ("السمارة", "Smara"), ("بوجدور", "Boujdour"),
    ("الناظور", "Nador"), ("بركان", "Berkane"), ("تاوريرت", "Taourirt"), ("جرادة", "Jerada"),
    ("فكيك", "Figuig"), ("تازة", "Taza"), ("تاونات", "Taounate"), ("صفرو", "Sefrou"),
    ("بولمان", "Boulemane"), ("الحاجب", "El Hajeb"), ("سيدي قاسم", "Sidi Kacem"),
    ("سيدي سليمان", "Sidi Slimane"), ("القنيطرة", "Kénitra"), ("الخميسات", "Khémisset"),
    ("سلا", "Salé"), ("الرباط", "Rabat"), ("تمارة", "Témara"), ("الصخيرات", "Skhirat"),
    ("بنسليمان", "Benslimane"), ("برشيد", "Berrechid"), ("سطات", "Settat"),
    ("الفقيه بن صالح", "Fquih Ben Salah"), ("قلعة السراغنة", "Kelâat Sraghna"),
    ("شيشاوة", "Chichaoua"), ("الحوز", "Al Haouz"), ("اليوسفية", "Youssoufia"),
    ("سيدي بنور", "Sidi Bennour"), ("الرحامنة", "Rehamna"), ("أسا", "Assa"), ("طرفاية", "Tarfaya"),
    ("سيدي إفني", "Sidi Ifni"), ("إنزكان", "Inezgane"), ("أيت ملول", "Aït Melloul"),
    ("بيوكرى", "Biougra"), ("أولاد تايمة", "Ouled Teima"), ("تافراوت", "Tafraout"),
    ("إغرم", "Igherm"), ("تالوين", "Taliouine"), ("أمسكرود", "Amskroud"),
    ("إمنتانوت", "Imintanoute"), ("أمزميز", "Amizmiz"), ("تحناوت", "Tahannaout"),
    ("أوريكة", "Ourika"), ("أسني", "Asni"), ("دمنات", "Demnate"), ("واويزغت", "Ouaouizeght"),
    ("أفورار", "Afourar"), ("بزو", "Bzou"), ("القصيبة", "El Ksiba"), ("أغبالة", "Aghbala"),
    ("بومية", "Boumia"), ("تونفيت", "Tounfite"), ("الريش", "Rich"), ("الريصاني", "Rissani"),
    ("أرفود", "Erfoud"), ("كلميمة", "Goulmima"), ("تنجداد", "Tinejdad"),
    ("بومالن دادس", "Boumalne Dadès"),
    ("قلعة مكونة", "Kelâat M'Gouna"), ("سكورة", "Skoura"), ("أكدز", "Agdz"),
    ("تازناخت", "Taznakht"), ("فم زكيد", "Foum Zguid"), ("محاميد الغزلان", "M'Hamid El Ghizlane"),
    ("أقا", "Akka"), ("بويزكارن", "Bouizakarne"), ("ميرلفت", "Mirleft"), ("أكلو", "Aglou"),
    ("ماسة", "Massa"), ("تامري", "Tamri"), ("إيموزار", "Imouzzer"), ("أزرو", "Azrou"),
    ("عين اللوح", "Aïn Leuh"), ("مريرت", "M'rirt"), ("مولاي بوعزة", "Moulay Bouazza"),
    ("الرماني", "Rommani"), ("تيفلت", "Tiflet"), ("ابن أحمد", "Ben Ahmed"), ("وادي زم", "Oued Zem"),
    ("أبي الجعد", "Boujad"), ("قصبة تادلة", "Kasba Tadla"), ("سوق السبت", "Souk Sebt"),
    ("بني تجيت", "Beni Tadjit"), ("بوعرفة", "Bouarfa"), ("عين بني مطهر", "Aïn Beni Mathar"),
    ("دبدو", "Debdou"), ("زايو", "Zaïo"), ("الدريوش", "Driouch"), ("ميضار", "Midar"),
    ("تارجيست", "Targuist"), ("إمزورن", "Imzouren"), ("بني بوعياش", "Beni Bouayach"),
    ("كتامة", "Ketama"), ("باب برد", "Bab Berred"), ("مرتيل", "Martil"), ("المضيق", "M'diq"),
    ("الفنيدق", "Fnideq"), ("واد لاو", "Oued Laou"), ("أصيلة", "Asilah"),
    ("القصر الكبير", "Ksar El Kébir"), ("مولاي بوسلهام", "Moulay Bousselham"),
    ("سوق الأربعاء", "Souk Larbaa"), ("مشرع بلقصيري", "Mechra Bel Ksiri"),
    ("جرف الملحة", "Jorf El Melha"), ("عين تاوجطات", "Aïn Taoujdate"),
    ("مولاي إدريس زرهون", "Moulay Idriss Zerhoun"), ("المنزل", "El Menzel"),
    ("غفساي", "Ghafsai"), ("تيسة", "Tissa"), ("قرية با محمد", "Karia Ba Mohamed"),
    ("أكنول", "Aknoul"), ("تاهلة", "Tahla"), ("جرسيف", "Guercif"), ("أيت أورير", "Aït Ourir"),
    ("سيدي رحال", "Sidi Rahal"), ("تامصلوحت", "Tamesloht"), ("أيت بن حدو", "Aït Benhaddou"),
    ("تلوات", "Telouet"), ("إملشيل", "Imilchil"), ("أنفكو", "Anefgou"), ("تنمل", "Tinmel"),
    ("أيت بوكماز", "Aït Bouguemez"), ("زاوية أحنصال", "Zaouiat Ahansal"),
    ("تاكلفت", "Tagelft"), ("أنركي", "Anergui"), ("أيت عباس", "Aït Abbas"), ("تبانت", "Tabant"),
    ("أولماس", "Oulmès"), ("تيداس", "Tiddas"), ("مولاي يعقوب", "Moulay Yacoub"),
]  # fmt: skip
LEGAL_FORMS = [("تعاونية", "Coopérative"), ("جمعية", "Association")]
PRODUCT_KINDS = [
    ("زيت الأركان", "Huile d'argan"), ("عسل الزعتر", "Miel de thym"), ("زربية", "Tapis"),
    ("أملو", "Amlou"), ("كسكس", "Couscous"), ("صابون بلدي", "Savon beldi"), ("طاجين", "Tajine"),
    ("حناء", "Henné"), ("زعفران", "Safran"), ("تمر", "Dattes"), ("زيت الزيتون", "Huile d'olive"),
    ("عسل الدغموس", "Miel d'euphorbe"), ("ماء الورد", "Eau de rose"), ("غاسول", "Ghassoul"),
    ("بلغة", "Babouches"), ("جلابة", "Djellaba"), ("قفطان", "Caftan"),
    ("سلة من الدوم", "Panier en doum"),
    ("كسكس الشعير", "Couscous d'orge"), ("لوز", "Amandes"), ("تين مجفف", "Figues sèches"),
    ("كبار", "Câpres"), ("خروب", "Caroube"), ("جبن الماعز", "Fromage de chèvre"),
]  # fmt: skip
PRODUCT_QUALITIES = [
    ("بلدي", "beldi"), ("طبيعي", "naturel"), ("عضوي", "bio"), ("تقليدي", "traditionnel"),
    ("ممتاز", "extra"), ("جبلي", "de montagne"), ("حر", "pur"), ("يدوي", "fait main"),
    ("مطحون", "moulu"), ("محمص", "torréfié"), ("صغير", "petit format"), ("كبير", "grand format"),
]  # fmt: skip


@dataclass(frozen=True)
class Name:
    arabic: str
    french: str
    word: tuple[str, str, str]
    place: tuple[str, str]


def organizations(count: int, rng: random.Random) -> list[Name]:
    """`count` organizations, no two with the same word and place."""
    pairs = [(word, place) for word in WORDS for place in PLACES]
    if count > len(pairs):
        raise ValueError(f"At most {len(pairs)} distinct names.")
    names = []
    for word, place in rng.sample(pairs, count):
        legal = LEGAL_FORMS[0] if rng.random() < 0.7 else LEGAL_FORMS[1]
        names.append(
            Name(
                arabic=f"{legal[0]} {word[0]} {place[0]}",
                french=f"{legal[1]} {word[1]} {place[1]}",
                word=word,
                place=place,
            )
        )
    return names


def product(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(PRODUCT_KINDS)
    quality = rng.choice(PRODUCT_QUALITIES)
    return f"{kind[0]} {quality[0]}", f"{kind[1]} {quality[1]}"


# The ways to type ------------------------------------------------------------------------


def _plain_arabic(text: str) -> str:
    """Arabic typed without hamza, with ه for ة and ي for ى, as phones often produce it."""
    return text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"}))


def _darija_spelling(rng: random.Random, word: str) -> str:
    """Another way a Moroccan writes the same word in Latin letters: the article as el, al, l
    or melted into a sun letter ("Assaada"), or left out; then two of: ou as u, a doubled
    letter single, e for a, k for q (or q for k)."""
    word = word.lower()
    melted = re.match(r"^[ae]([tdrzsnl])\1", word) or re.match(r"^[ae]chch", word)
    if word.startswith(("el ", "al ")):
        bare = word[3:]
    elif melted:
        bare = word[2:] if melted.group().endswith(tuple("tdrzsnl")) else word[3:]
    else:
        bare = ""
    if bare:
        articles = ["el ", "al ", "l", ""]
        if bare[0] in "tdrzsnl":
            articles.append("a" + bare[0])
        word = rng.choice(articles) + bare
    changes: list[Callable[[str], str]] = [
        lambda w: w.replace("ou", "u", 1),
        lambda w: re.sub(r"([a-z])\1", r"\1", w, count=1),
        lambda w: re.sub(r"a(?=[^aeiou ]*$)", "e", w, count=1),
        lambda w: w.replace("q", "k", 1),
        lambda w: w.replace("k", "q", 1) if "kh" not in w else w,
    ]
    for change in rng.sample(changes, 2):
        word = change(word)
    return word


def _with_particle(rng: random.Random, name: Name) -> str:
    """The word with و, ب or ل clinging to it (ل and the article make لل)."""
    particle, word = rng.choice("وبل"), name.word[0]
    glued = "لل" + word[2:] if particle == "ل" and word.startswith("ال") else particle + word
    return _plain_arabic(f"{glued} {name.place[0]}")


def _typo(rng: random.Random, word: str) -> str:
    """One letter of the name's last word (not its article) typed wrong."""
    start = word.rfind(" ") + 1
    letters = [i for i, ch in enumerate(word) if ch.isalpha() and i > start]
    i = rng.choice(letters)
    return word[:i] + rng.choice("aeioukmnrst".replace(word[i], "")) + word[i + 1 :]


def _place_fr(name: Name) -> str:
    """The French place name as typed on a phone: lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", name.place[1].lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


WAYS: dict[str, Callable[[random.Random, Name], str]] = {
    # The Arabic name as written.
    "Arabic, as written": lambda rng, n: n.arabic,
    # Without hamza, ه for ة, without the legal form.
    "Arabic, no hamza, ه for ة": lambda rng, n: _plain_arabic(f"{n.word[0]} {n.place[0]}"),
    # A particle clinging to the first word: والسعادة, بالسعادة, للسعادة.
    "Arabic, و ب ل attached": _with_particle,
    # The French name without the legal form, as written.
    "French spelling": lambda rng, n: f"{n.word[1].lower()} {_place_fr(n)}",
    # Another Latin spelling of the word (el/al/l', ou/u, doubled letters, e/a, k/q).
    "Darija Latin spelling": lambda rng, n: f"{_darija_spelling(rng, n.word[1])} {_place_fr(n)}",
    # Arabizi: digits for ع ح ق ء خ غ.
    "Arabizi": lambda rng, n: f"{n.word[2]} {_place_fr(n)}",
    # One wrong letter in the French word.
    "one-letter typo": lambda rng, n: f"{_typo(rng, n.word[1].lower())} {_place_fr(n)}",
}
