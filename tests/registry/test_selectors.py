import pytest

from tadamon.registry import selectors
from tests.factories import OrganizationFactory, kind, region, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def amal(db):
    return OrganizationFactory(name_ar="تعاونية الأمل للخياطة", name_fr="Coopérative Al Amal")


@pytest.mark.parametrize(
    "query",
    ["تعاونية الأمل", "تعاونيه الامل", "الأمل", "امل", "تَعاوُنيّة", "Al Amal", "amal", "coop"],
)
def test_search_finds_an_organization_as_people_type_it(organizer, amal, query):
    OrganizationFactory(name_ar="تعاونية النور", name_fr="Coopérative Nour")
    found = selectors.organization_list(user=organizer, q=query)
    assert amal in found


def test_search_by_latin_spelling_of_an_arabic_only_name(organizer):
    derraza = OrganizationFactory(name_ar="تعاونية الدرازة", name_fr="")
    assert list(selectors.organization_list(user=organizer, q="Derraza")) == [derraza]


def test_every_word_must_match(organizer, amal):
    assert not selectors.organization_list(user=organizer, q="الأمل تطوان").exists()


def test_filters_by_region_kind_and_sector(organizer):
    a = OrganizationFactory(region=region("05"), province=None, kind=kind("association"))
    a.sectors.set([sector("weaving")])
    OrganizationFactory(region=region("01"))
    assert list(selectors.organization_list(user=organizer, region="05")) == [a]
    assert list(selectors.organization_list(user=organizer, kind="association")) == [a]
    assert list(selectors.organization_list(user=organizer, sector="weaving")) == [a]


def test_list_is_scoped_to_the_user(exhibitor, exhibitor_org, amal):
    assert list(selectors.organization_list(user=exhibitor)) == [exhibitor_org]
    assert not selectors.organization_list(user=exhibitor, q="الأمل").exists()


def test_match_commune_needs_a_single_candidate(db):
    assert selectors.match_commune("Tabant").name_fr == "Tabant"
    assert selectors.match_commune("تبانت").name_fr == "Tabant"
    assert selectors.match_commune("nowhere at all") is None


def test_match_commune_by_any_of_its_names(db):
    # Reference: آيت أومديس / Aït Oumdis / Ait Amdis (the seed's spelling).
    assert selectors.match_commune("Ait Amdis").name_fr == "Aït Oumdis"
    assert selectors.match_commune("ايت اومديس").name_fr == "Aït Oumdis"
    assert selectors.match_commune("Ait") is None
