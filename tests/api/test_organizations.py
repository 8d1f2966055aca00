import pytest
from django.db import IntegrityError

from tadamon.registry import services
from tadamon.registry.models import Organization
from tests.factories import OrganizationFactory, kind, region, sector

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations"


def _body(**overrides):
    return {
        "name_ar": "تعاونية الأمل للخياطة",
        "name_fr": "Coopérative Al Amal Couture",
        "kind": "cooperative",
        "region": "01",
        "province": "01.02",
        "commune": "المضيق",
        "sectors": ["sewing", "textile"],
        "founded_year": 2012,
        "members": 25,
        "women_members": 20,
        "women_led": True,
        "microcredit_beneficiary": True,
        "registration_number": "ODCO-2012-117",
        "phone": "0612345678",
        **overrides,
    }


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


# Creating, finding, changing ------------------------------------------------------------


def test_organizer_creates_finds_updates_and_adds_a_product(api_for, organizer):
    client = api_for(organizer)

    created = client.post_json(URL, _body())
    assert created.status_code == 201, created.content
    organization_id = created.json()["id"]
    assert isinstance(organization_id, int)

    # Typed as people type: ه for ة and no hamza.
    found = client.get(URL, {"q": "تعاونيه الامل"})
    assert found.status_code == 200
    assert [item["id"] for item in found.json()["items"]] == [organization_id]

    changed = client.patch_json(f"{URL}/{organization_id}", {"members": 30, "youth_led": True})
    assert changed.status_code == 200, changed.content
    assert changed.json()["members"] == 30 and changed.json()["youth_led"] is True

    product = client.post_json(
        f"{URL}/{organization_id}/products",
        {
            "name_ar": "جلابة مطرزة",
            "name_fr": "Djellaba brodée",
            "price_mad": "450.00",
            "sector": "sewing",
        },
    )
    assert product.status_code == 201, product.content
    assert product.json()["organization"] == organization_id


def test_creation_answers_the_whole_object_with_codes(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body())

    data = response.json()
    assert data["kind"] == "cooperative"
    assert data["region"] == "01" and data["province"] == "01.02"
    assert data["commune"] == "المضيق" and data["commune_id"] is not None
    assert data["sectors"] == ["sewing", "textile"] and data["primary_sector"] == "sewing"
    assert data["phone"] == "+212612345678"
    assert data["women_led"] is True and data["microcredit_beneficiary"] is True
    assert data["registration_number"] == "ODCO-2012-117"
    stored = Organization.objects.get(pk=data["id"])
    assert stored.primary_sector == sector("sewing")
    assert stored.commune.name_fr == "M'diq"


def test_the_primary_sector_is_the_first_one_given(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(sectors=["textile", "sewing"]))

    assert response.json()["primary_sector"] == "textile"
    assert response.json()["sectors"] == ["textile", "sewing"]


def test_get_one(api_for, observer, other_org):
    response = api_for(observer).get(f"{URL}/{other_org.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == other_org.pk
    assert response.json()["name_ar"] == other_org.name_ar


def test_patch_changes_only_the_fields_sent_and_replaces_sectors(api_for, organizer, other_org):
    other_org.sectors.set([sector("textile"), sector("leather")])
    before = Organization.objects.get(pk=other_org.pk)

    response = api_for(organizer).patch_json(
        f"{URL}/{other_org.pk}", {"name_fr": "Nouveau nom", "sectors": ["honey"]}
    )

    assert response.status_code == 200, response.content
    after = Organization.objects.get(pk=other_org.pk)
    assert after.name_fr == "Nouveau nom"
    assert after.name_ar == before.name_ar
    assert after.members == before.members and after.women_members == before.women_members
    assert after.region_id == before.region_id and after.province_id == before.province_id
    assert list(after.sectors.values_list("code", flat=True)) == ["honey"]
    assert after.primary_sector.code == "honey"


def test_patch_without_sectors_keeps_them(api_for, organizer, other_org):
    other_org.sectors.set([sector("textile")])

    api_for(organizer).patch_json(f"{URL}/{other_org.pk}", {"members": 40})

    assert list(other_org.sectors.values_list("code", flat=True)) == ["textile"]


def test_patch_checks_the_result_like_a_creation(api_for, organizer, other_org):
    response = api_for(organizer).patch_json(
        f"{URL}/{other_org.pk}", {"women_members": other_org.members + 1}
    )

    assert response.status_code == 400
    assert _fields(response) == {"women_members"}
    other_org.refresh_from_db()
    assert other_org.women_members <= other_org.members


def test_organizer_deletes_an_organization(api_for, organizer, other_org):
    client = api_for(organizer)

    response = client.delete(f"{URL}/{other_org.pk}")

    assert response.status_code == 204
    assert not Organization.objects.filter(pk=other_org.pk).exists()
    assert client.get(f"{URL}/{other_org.pk}").status_code == 404


# Bad input ------------------------------------------------------------------------------


def test_unknown_region_is_400_naming_region(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(region="99", province=""))

    assert response.status_code == 400
    assert _fields(response) == {"region"}
    assert not Organization.objects.filter(name_fr__startswith="Coopérative Al Amal").exists()


def test_unknown_codes_are_all_named_at_once(api_for, organizer):
    response = api_for(organizer).post_json(
        URL, _body(kind="spaceship", region="01", province="01.02", sectors=["sewing", "nope"])
    )

    assert response.status_code == 400
    assert _fields(response) == {"kind", "sectors"}


def test_province_outside_the_region_is_400_naming_province(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(region="03", province="01.02"))

    assert response.status_code == 400
    assert _fields(response) == {"province"}


def test_more_women_members_than_members_is_400(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(members=10, women_members=11))

    assert response.status_code == 400
    assert _fields(response) == {"women_members"}


def test_text_for_members_is_422_naming_members(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(members="twenty"))

    assert response.status_code == 422
    assert _fields(response) == {"members"}
    assert response.json()["detail"][0]["message"]


def test_missing_both_names_is_4xx_naming_name_ar(api_for, organizer):
    body = _body()
    del body["name_ar"], body["name_fr"]

    response = api_for(organizer).post_json(URL, body)

    assert response.status_code == 400
    assert "name_ar" in _fields(response)


def test_missing_kind_and_region_are_named(api_for, organizer):
    body = _body()
    del body["kind"], body["region"]

    response = api_for(organizer).post_json(URL, body)

    assert response.status_code == 422
    assert _fields(response) == {"kind", "region"}


def test_bad_phone_is_400_naming_phone(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(phone="12"))

    assert response.status_code == 400
    assert _fields(response) == {"phone"}


def test_founding_year_in_the_future_is_400(api_for, organizer):
    response = api_for(organizer).post_json(URL, _body(founded_year=2999))

    assert response.status_code == 400
    assert _fields(response) == {"founded_year"}


def test_duplicate_registration_number_is_refused(api_for, organizer):
    client = api_for(organizer)
    assert client.post_json(URL, _body()).status_code == 201

    response = client.post_json(URL, _body(name_ar="تعاونية أخرى", name_fr="Autre"))

    assert response.status_code in (400, 409)
    assert Organization.objects.filter(registration_number="ODCO-2012-117").count() == 1


def test_a_database_conflict_is_409(api_for, organizer, monkeypatch):
    def conflicting(**kwargs):
        raise IntegrityError("UNIQUE constraint failed")

    monkeypatch.setattr(services, "create_organization", conflicting)

    response = api_for(organizer).post_json(URL, _body())

    assert response.status_code == 409
    assert response.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"members": 10**30}, "members"),
        ({"members": -1}, "members"),
        ({"women_members": 2.5}, "women_members"),
        ({"founded_year": 10**20}, "founded_year"),
        ({"sectors": "textile"}, "sectors"),
        ({"sectors": [["textile"]]}, "sectors"),
        ({"sectors": [1, 2]}, "sectors"),
        ({"women_led": "perhaps"}, "women_led"),
        ({"women_led": [True]}, "women_led"),
        ({"name_ar": {"text": "x"}}, "name_ar"),
        ({"name_ar": "x" * 5000}, "name_ar"),
        ({"name_ar": "bad\x00name"}, "name_ar"),
        ({"kind": None}, "kind"),
        ({"kind": ""}, "kind"),
        ({"region": 1}, "region"),
        ({"email": "not-an-email"}, "email"),
        ({"website": "not a url"}, "website"),
        ({"commune": "x" * 500}, "commune"),
    ],
)
def test_bad_values_are_4xx_naming_the_field(api_for, organizer, overrides, field):
    response = api_for(organizer).post_json(URL, _body(**overrides))

    assert 400 <= response.status_code < 500, response.content
    assert field in _fields(response)


@pytest.mark.parametrize(
    "raw", ["{not json", '{"name_ar": ', "", '"a string"', "42", "null", "[" * 100_000]
)
def test_malformed_bodies_are_4xx(api_for, organizer, raw):
    client = api_for(organizer)

    response = client.generic("POST", URL, raw, content_type="application/json")

    assert 400 <= response.status_code < 500
    assert isinstance(response.json()["detail"], list)


def test_messages_follow_accept_language(api_for, organizer):
    client = api_for(organizer)
    body = _body()
    del body["kind"]

    french = client.post_json(URL, body, HTTP_ACCEPT_LANGUAGE="fr")
    english = client.post_json(URL, body, HTTP_ACCEPT_LANGUAGE="en")

    assert french.json()["detail"][0]["message"] == "Ce champ est obligatoire."
    assert english.json()["detail"][0]["message"] == "This field is required."


# Listing --------------------------------------------------------------------------------


@pytest.fixture
def registry(db):
    """Organizations in two regions, of two kinds and several sectors."""
    tta, fes = region("01"), region("03")
    rows = {
        "tta_coop_textile": OrganizationFactory(region=tta, women_led=True),
        "tta_assoc_honey": OrganizationFactory(region=tta, kind=kind("association")),
        "fes_coop_textile": OrganizationFactory(region=fes),
        "fes_coop_argan": OrganizationFactory(region=fes, women_led=True),
    }
    rows["tta_coop_textile"].sectors.set([sector("textile"), sector("sewing")])
    rows["tta_assoc_honey"].sectors.set([sector("honey")])
    rows["fes_coop_textile"].sectors.set([sector("textile")])
    rows["fes_coop_argan"].sectors.set([sector("argan"), sector("textile")])
    return rows


def _ids(response) -> set:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_filters(api_for, observer, registry):
    client = api_for(observer)
    ids = {name: org.pk for name, org in registry.items()}

    assert _ids(client.get(URL, {"region": "03"})) == {
        ids["fes_coop_textile"],
        ids["fes_coop_argan"],
    }
    assert _ids(client.get(URL, {"kind": "association"})) == {ids["tta_assoc_honey"]}
    assert _ids(client.get(URL, {"sector": "textile"})) == {
        ids["tta_coop_textile"],
        ids["fes_coop_textile"],
        ids["fes_coop_argan"],
    }
    assert _ids(client.get(URL, {"sector": "textile", "region": "01"})) == {ids["tta_coop_textile"]}
    assert _ids(client.get(URL, {"women_led": "true", "region": "03"})) == {ids["fes_coop_argan"]}
    province = registry["fes_coop_argan"].province.code
    assert ids["fes_coop_argan"] in _ids(client.get(URL, {"province": province}))
    assert ids["tta_coop_textile"] not in _ids(client.get(URL, {"province": province}))


def test_pagination_counts_all_matches(api_for, observer, registry):
    client = api_for(observer)
    total = Organization.objects.count()

    first = client.get(URL, {"page_size": 2, "page": 1}).json()
    second = client.get(URL, {"page_size": 2, "page": 2}).json()
    textile = client.get(URL, {"sector": "textile", "page_size": 1}).json()

    assert first["count"] == total == 4
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    assert textile["count"] == 3 and len(textile["items"]) == 1


@pytest.mark.parametrize(
    "query",
    [{"page": 0}, {"page": "x"}, {"page": 10**30}, {"page_size": 0}, {"women_led": "perhaps"}],
)
def test_bad_list_parameters_are_422(api_for, observer, query):
    response = api_for(observer).get(URL, query)

    assert response.status_code == 422
    assert _fields(response) == set(query)


# Who may do what ------------------------------------------------------------------------


def test_exhibitor_cannot_read_or_change_another_organization(api_for, exhibitor, other_org):
    client = api_for(exhibitor)
    before = Organization.objects.get(pk=other_org.pk)

    assert client.get(f"{URL}/{other_org.pk}").status_code == 404
    assert client.patch_json(f"{URL}/{other_org.pk}", {"name_fr": "Pris"}).status_code == 404
    product = client.post_json(f"{URL}/{other_org.pk}/products", {"name_ar": "منتوج"})
    assert product.status_code == 404
    assert client.get(f"{URL}/{other_org.pk}/products").status_code == 404
    assert client.delete(f"{URL}/{other_org.pk}").status_code == 404

    after = Organization.objects.get(pk=other_org.pk)
    assert after.name_fr == before.name_fr
    assert not other_org.products.exists()


def test_exhibitor_reads_and_updates_its_own_organization(api_for, exhibitor, exhibitor_org):
    client = api_for(exhibitor)

    assert client.get(f"{URL}/{exhibitor_org.pk}").status_code == 200
    response = client.patch_json(f"{URL}/{exhibitor_org.pk}", {"description_fr": "Tissage"})
    assert response.status_code == 200
    exhibitor_org.refresh_from_db()
    assert exhibitor_org.description_fr == "Tissage"
    product = client.post_json(f"{URL}/{exhibitor_org.pk}/products", {"name_ar": "زربية"})
    assert product.status_code == 201


def test_exhibitor_sees_only_its_own_organization_in_lists(
    api_for, exhibitor, exhibitor_org, other_org
):
    response = api_for(exhibitor).get(URL)

    assert response.json()["count"] == 1
    assert _ids(response) == {exhibitor_org.pk}


def test_exhibitor_cannot_create_or_delete_organizations(api_for, exhibitor, exhibitor_org):
    client = api_for(exhibitor)
    count = Organization.objects.count()

    assert client.post_json(URL, _body()).status_code == 403
    assert client.delete(f"{URL}/{exhibitor_org.pk}").status_code == 403
    assert Organization.objects.count() == count


def test_observer_reads_but_does_not_change(api_for, observer, other_org):
    client = api_for(observer)

    assert client.get(f"{URL}/{other_org.pk}").status_code == 200
    assert client.get(URL).status_code == 200
    assert client.patch_json(f"{URL}/{other_org.pk}", {"name_fr": "X"}).status_code == 403
    assert client.post_json(f"{URL}/{other_org.pk}/products", {"name_ar": "x"}).status_code == 403
    assert client.post_json(URL, _body()).status_code == 403
    assert client.delete(f"{URL}/{other_org.pk}").status_code == 403
    other_org.refresh_from_db()
    assert other_org.name_fr != "X"


def test_unknown_ids_are_404(api_for, organizer):
    client = api_for(organizer)

    assert client.get(f"{URL}/999999").status_code == 404
    assert client.get(f"{URL}/{10**30}").status_code == 404
    assert client.patch_json(f"{URL}/999999", {"name_fr": "x"}).status_code == 404
    assert client.get(f"{URL}/abc").status_code == 422
