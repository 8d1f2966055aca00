"""The acceptance of Arabic-first search: every query finds its target in the top 3, on SQLite
and on PostgreSQL alike (the suite runs on both): hamza, taa marbuta, alef maqsura,
diacritics, tatweel, the article and prefixes, Arabic-Indic digits, Latin transliteration
both ways, French accents and one-letter typos. Names consenting to the public site only."""

import pytest

from tadamon.core.search import engine
from tests.factories import EventFactory, OrganizationFactory, ProductFactory, kind

pytestmark = pytest.mark.django_db

ORGANIZATIONS = {
    "derraza": ("تعاونية الدرازة", "Coopérative Derraza"),
    "argan": ("تعاونية الأركان النسوية", "Coopérative féminine de l'Argane"),
    "kheir": ("جمعية الخير للتنمية", "Association El Kheir pour le développement"),
    "chourouk": ("تعاونية الشروق", "Coopérative Chourouk"),
    "amal": ("تعاونية أمل للنسيج", ""),
    "tazaghine": ("", "Coopérative Tazaghine"),
    "imane": ("تعاونية إيمان للعسل", "Coopérative Imane du miel"),
    "moustaqbal": ("تعاونيّة المستقبل", "Coopérative Al Moustaqbal"),
    "zitoun": ("تعاونية الزيتون ٢٠٢٠", "Coopérative Zitoun 2020"),
    "nour": ("جمعية النور للصناعة التقليدية", "Association Nour d'artisanat"),
    "mustapha": ("تعاونية مصطفى للفخار", "Coopérative Mustapha de poterie"),
    "louroud": ("تعاونية ضيعة الورود", "Coopérative Dayaat Louroud"),
    "wafae": ("تعاونية الوفاء", "Coopérative Al Wafae"),
    "atlas": ("", "Société Atlas Épices"),
    "amira": ("تعاونية أيت عميرة", "Coopérative Ait Amira"),
    "houda": ("جمعية الهدى", "Association Al Houda"),
}
PRODUCTS = {
    "oil": ("زيت الأركان التجميلي", "Huile d'argan cosmétique"),
    "honey": ("عسل الزعتر", "Miel de thym"),
    "rug": ("زربية أمازيغية", "Tapis amazigh"),
    "amlou": ("أملو", "Amlou"),
}
EVENT = ("المعرض الجهوي للاقتصاد الاجتماعي والتضامني", "Salon régional de l'économie sociale")

CASES = [
    # hamza forms
    ("تعاونية الاركان", "argan"),
    ("ايمان", "imane"),
    ("امل للنسيج", "amal"),
    ("أيت عميرة", "amira"),
    ("ايت عميره", "amira"),
    ("الأركان", "argan"),
    # taa marbuta
    ("تعاونيه الدرازه", "derraza"),
    ("تعاونيه الشروق", "chourouk"),
    ("ضيعه الورود", "louroud"),
    ("النسويه", "argan"),
    # alef maqsura
    ("مصطفي", "mustapha"),
    ("الهدي", "houda"),
    ("جمعيه الهدي", "houda"),
    # diacritics
    ("تَعَاوُنِيَّة الدَّرَازَة", "derraza"),
    ("المُسْتَقْبَل", "moustaqbal"),
    ("الشُّرُوق", "chourouk"),
    # tatweel
    ("الـــدرازة", "derraza"),
    ("الشـــروق", "chourouk"),
    ("مستـقبل", "moustaqbal"),
    # article and prefixes
    ("الدرازة", "derraza"),
    ("درازة", "derraza"),
    ("والدرازة", "derraza"),
    ("بالأركان", "argan"),
    ("للعسل", "imane"),
    ("النسيج", "amal"),
    ("نسيج", "amal"),
    ("الزيتون", "zitoun"),
    ("زيتون", "zitoun"),
    ("فالوفاء", "wafae"),
    # Arabic-Indic digits
    ("٢٠٢٠", "zitoun"),
    ("الزيتون ٢٠٢٠", "zitoun"),
    ("zitoun ٢٠٢٠", "zitoun"),
    # Latin letters for Arabic-only names, and transliterations
    ("amal", "amal"),
    ("derraza", "derraza"),
    ("cooperative derraza", "derraza"),
    ("chourouk", "chourouk"),
    ("el kheir", "kheir"),
    ("kheir", "kheir"),
    ("mustaqbal", "moustaqbal"),
    ("wafae", "wafae"),
    ("nour", "nour"),
    # Arabic letters for Latin-only names
    ("تازاغين", "tazaghine"),
    ("أطلس", "atlas"),
    ("تعاونية تازاغين", "tazaghine"),
    # French accents
    ("cooperative feminine", "argan"),
    ("coopérative féminine", "argan"),
    ("epices", "atlas"),
    ("ÉPICES", "atlas"),
    ("developpement", "kheir"),
    ("poterie", "mustapha"),
    # one-letter typos
    ("derrasa", "derraza"),
    ("chourok", "chourouk"),
    ("الشروك", "chourouk"),
    ("imanne", "imane"),
    ("atlaz", "atlas"),
    ("tazagine", "tazaghine"),
    ("poterje", "mustapha"),
    ("المستقبال", "moustaqbal"),
    # products and events
    ("زيت اركان", "oil"),
    ("huile argan", "oil"),
    ("miel thym", "honey"),
    ("زربيه", "rug"),
    ("tapis", "rug"),
    ("amlou", "amlou"),
    ("املو", "amlou"),
    ("المعرض الجهوي", "event"),
    ("salon regional", "event"),
]


@pytest.fixture
def catalogue(db):
    targets = {}
    for key, (name_ar, name_fr) in ORGANIZATIONS.items():
        organization_kind = kind("company") if key == "atlas" else kind("cooperative")
        targets[key] = (
            "organization",
            OrganizationFactory(
                name_ar=name_ar, name_fr=name_fr, kind=organization_kind, public_profile=True
            ).pk,
        )
    # Look-alikes, so that the top 3 means something.
    for n in range(40):
        OrganizationFactory(
            name_ar=f"تعاونية الواحة {n}", name_fr=f"Coopérative Al Waha {n}", public_profile=True
        )
    seller = OrganizationFactory(name_fr="Coopérative Vendeuse", public_profile=True)
    for key, (name_ar, name_fr) in PRODUCTS.items():
        targets[key] = (
            "product",
            ProductFactory(organization=seller, name_ar=name_ar, name_fr=name_fr).pk,
        )
    targets["event"] = (
        "event",
        EventFactory(title_ar=EVENT[0], title_fr=EVENT[1], is_published=True).pk,
    )
    return targets


def test_at_least_60_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize(("query", "target"), CASES, ids=[f"{q}→{t}" for q, t in CASES])
def test_the_target_is_in_the_top_3(catalogue, query, target):
    hits = engine.search(query, limit=3)
    assert catalogue[target] in [(hit.kind, hit.object_id) for hit in hits], [
        (hit.kind, hit.object_id, hit.tier, round(hit.score)) for hit in hits
    ]


def test_only_what_is_public_is_found(db):
    hidden = OrganizationFactory(name_fr="Coopérative Secrète", public_profile=False)
    product = ProductFactory(organization=hidden, name_fr="Miel secret")
    draft = EventFactory(title_fr="Salon secret", is_published=False)
    assert engine.search("secret") == [] and engine.search("secrete") == []
    found = {(hit.kind, hit.object_id) for hit in engine.search("secret", published_only=False)}
    assert {("product", product.pk), ("event", draft.pk)} <= found
    hidden.public_profile = True
    hidden.save()  # consent given: it and its products appear
    assert ("product", product.pk) in {(h.kind, h.object_id) for h in engine.search("miel secret")}
