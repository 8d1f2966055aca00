"""The reference data loaded by migration registry/0002 is complete and consistent."""

import importlib

import pytest
from django.apps import apps as global_apps

from tadamon.registry import reference_data
from tadamon.registry.models import Commune, OrganizationKind, Province, Region, Sector

pytestmark = pytest.mark.django_db

REQUIRED_SECTORS = {
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
    "handicrafts",
    "agri_food",
    "services",
    "weaving",
    "argan",
    "olive_oil",
    "honey",
    "dates",
    "dairy",
    "couscous_pasta",
    "saffron",
    "carpets",
    "embroidery",
    "woodwork",
    "agriculture",
    "livestock",
    "fishing",
    "tourism",
    "digital",
    "recycling",
    "education_care",
    "other",
}

KINDS_IN_ORDER = [
    "cooperative",
    "association",
    "mutual",
    "very_small_enterprise",
    "artisan",
    "public_institution",
    "company",
    "microcredit_association",
]


def test_twelve_regions_coded_01_to_12():
    codes = list(Region.objects.order_by("code").values_list("code", flat=True))
    assert codes == [f"{n:02d}" for n in range(1, 13)]
    assert Region.objects.get(code="01").name_fr == "Tanger-Tétouan-Al Hoceïma"
    assert Region.objects.get(code="05").name_ar == "بني ملال خنيفرة"


def test_seventy_five_provinces_and_prefectures():
    assert Province.objects.count() == 75
    assert Province.objects.filter(kind=Province.Kind.PREFECTURE).count() == 13
    assert Province.objects.filter(kind=Province.Kind.PROVINCE).count() == 62


def test_every_province_in_a_region_and_every_region_has_provinces():
    assert not Province.objects.filter(region__isnull=True).exists()
    for region in Region.objects.all():
        assert region.provinces.exists(), region.code
    for province in Province.objects.select_related("region"):
        assert province.code.startswith(province.region.code + "."), province.code


def test_mdiq_fnideq_is_a_prefecture_of_region_01():
    prefecture = Province.objects.get(name_fr="M'diq-Fnideq")
    assert prefecture.kind == Province.Kind.PREFECTURE
    assert prefecture.region.code == "01"
    assert prefecture.name_ar == "المضيق الفنيدق"
    assert set(prefecture.communes.values_list("name_ar", flat=True)) >= {
        "المضيق",
        "الفنيدق",
        "مرتيل",
    }


def test_azilal_is_in_region_05_with_its_rural_communes():
    azilal = Province.objects.get(name_fr="Azilal")
    assert azilal.kind == Province.Kind.PROVINCE
    assert azilal.region.code == "05"
    communes = {c.name_en: c for c in azilal.communes.all()}
    for name in ("Tabant", "Ait Amdis", "Ait M'hamed", "Ait Bouwli", "Ait Blal"):
        assert name in communes, name
        assert communes[name].kind == Commune.Kind.RURAL
    assert communes["Tabant"].name_ar == "تبانت"
    assert communes["Ait Amdis"].name_fr == "Aït Oumdis"


def test_commune_search_text_is_filled():
    tabant = Commune.objects.get(province__name_fr="Azilal", name_fr="Tabant")
    assert " tabant " in tabant.search_text
    assert " تبانت " in tabant.search_text
    assert not Commune.objects.filter(search_text="").exists()


def test_the_main_cities_have_their_commune():
    expected = {
        "Tanger", "Tétouan", "Nador", "Midelt", "Fès", "Meknès", "Béni Mellal", "Rabat",
        "Casablanca", "Marrakech", "Agadir", "Oujda", "Errachidia", "Ouarzazate", "Guelmim",
        "Laâyoune", "Dakhla", "Chefchaouen", "Al Hoceïma", "Larache", "Ifrane", "Sefrou",
        "Taza", "Khénifra", "Khouribga", "Kénitra", "Salé", "Essaouira", "Safi", "Tiznit",
        "Taroudant", "Zagora", "Tinghir", "Demnate", "Ouaouizeght",
    }  # fmt: skip
    present = set(Commune.objects.values_list("name_fr", flat=True))
    assert expected <= present, expected - present


@pytest.mark.parametrize("model", [Region, Province, Commune, Sector, OrganizationKind])
def test_all_names_present_in_arabic_and_french(model):
    assert model.objects.exists()
    assert not model.objects.filter(name_ar="").exists()
    assert not model.objects.filter(name_fr="").exists()
    arabic = list(model.objects.values_list("name_ar", flat=True))
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in name) for name in arabic)


def test_required_sector_codes_exist():
    codes = set(Sector.objects.values_list("code", flat=True))
    assert codes >= REQUIRED_SECTORS, REQUIRED_SECTORS - codes
    weaving, textile = Sector.objects.get(code="weaving"), Sector.objects.get(code="textile")
    assert weaving.name_ar != textile.name_ar
    assert weaving.name_fr != textile.name_fr


def test_sector_positions_are_distinct():
    positions = list(Sector.objects.values_list("position", flat=True))
    assert len(positions) == len(set(positions))


def test_eight_organization_kinds_in_order():
    codes = list(OrganizationKind.objects.values_list("code", flat=True))
    assert codes == KINDS_IN_ORDER
    assert OrganizationKind.objects.get(code="cooperative").name_ar == "تعاونية"


def test_loading_twice_changes_nothing():
    migration = importlib.import_module("tadamon.registry.migrations.0002_reference_data")
    before = [m.objects.count() for m in (Region, Province, Commune, Sector, OrganizationKind)]
    migration.load_reference_data(global_apps, None)
    after = [m.objects.count() for m in (Region, Province, Commune, Sector, OrganizationKind)]
    assert after == before
    assert before == [
        len(reference_data.REGIONS),
        len(reference_data.PROVINCES),
        len(reference_data.COMMUNES),
        len(reference_data.SECTORS),
        len(reference_data.ORGANIZATION_KINDS),
    ]
