import pytest

from tadamon.registry.models import Person
from tests.factories import OrganizationFactory, PersonFactory, region

pytestmark = pytest.mark.django_db

URL = "/api/v1/people"


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


@pytest.fixture
def mdiq_org(db):
    tta = region("01")
    return OrganizationFactory(region=tta, province=tta.provinces.get(code="01.02"))


def test_organizer_records_a_beneficiary(api_for, organizer, mdiq_org):
    response = api_for(organizer).post_json(
        URL,
        {
            "first_name": "فاطمة",
            "last_name": "العلوي",
            "gender": "f",
            "age_band": "25_34",
            "phone": "0612345678",
            "organization": mdiq_org.pk,
            "commune": "المضيق",
        },
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert isinstance(data["id"], int)
    assert data["organization"] == mdiq_org.pk and data["gender"] == "f"
    assert data["commune"] == "المضيق" and data["commune_id"] is not None
    assert data["phone"] == "+212612345678"
    assert Person.objects.get(pk=data["id"]).commune.name_fr == "M'diq"


def test_an_unknown_commune_is_kept_as_typed(api_for, organizer, mdiq_org):
    response = api_for(organizer).post_json(
        URL,
        {
            "first_name": "Aicha",
            "last_name": "Amrani",
            "gender": "f",
            "organization": mdiq_org.pk,
            "commune": "Douar Inexistant",
        },
    )

    assert response.status_code == 201
    assert response.json()["commune"] == "Douar Inexistant"
    assert response.json()["commune_id"] is None


@pytest.mark.parametrize(
    ("overrides", "field", "status"),
    [
        ({"gender": "x"}, "gender", 422),
        ({"first_name": ""}, "first_name", 422),
        ({"last_name": None}, "last_name", 422),
        ({"phone": "123"}, "phone", 400),
        ({"age_band": "ancient"}, "age_band", 400),
        ({"organization": 999999}, "organization", 400),
        ({"organization": "abc"}, "organization", 422),
        # Beyond the largest id: refused by the schema (it answered 500 on SQLite in lists).
        ({"organization": 10**30}, "organization", 422),
    ],
)
def test_bad_people_are_refused_naming_the_field(
    api_for, organizer, mdiq_org, overrides, field, status
):
    body = {
        "first_name": "Fatima",
        "last_name": "Alaoui",
        "gender": "f",
        "organization": mdiq_org.pk,
        **overrides,
    }

    response = api_for(organizer).post_json(URL, body)

    assert response.status_code == status, response.content
    assert field in _fields(response)
    assert not Person.objects.exists()


def test_list_filters_by_organization_and_name(api_for, observer, mdiq_org, other_org):
    PersonFactory(organization=mdiq_org, first_name="خديجة", last_name="بناني")
    PersonFactory(organization=mdiq_org, first_name="سعاد", last_name="الإدريسي")
    PersonFactory(organization=other_org, first_name="خديجة", last_name="التازي")
    client = api_for(observer)

    of_org = client.get(URL, {"organization": mdiq_org.pk}).json()
    named = client.get(URL, {"q": "خديجه"}).json()
    both = client.get(URL, {"organization": mdiq_org.pk, "q": "خديجة"}).json()

    assert of_org["count"] == 2
    assert named["count"] == 2
    assert both["count"] == 1 and both["items"][0]["last_name"] == "بناني"


def test_get_and_patch_one_person(api_for, organizer, mdiq_org):
    person = PersonFactory(organization=mdiq_org, gender="f", last_name="العلوي")
    client = api_for(organizer)

    assert client.get(f"{URL}/{person.pk}").json()["last_name"] == "العلوي"
    response = client.patch_json(f"{URL}/{person.pk}", {"age_band": "35_44"})

    assert response.status_code == 200, response.content
    person.refresh_from_db()
    assert person.age_band == "35_44" and person.last_name == "العلوي" and person.gender == "f"


def test_exhibitor_manages_only_its_own_people(api_for, exhibitor, exhibitor_org, other_org):
    own = PersonFactory(organization=exhibitor_org)
    foreign = PersonFactory(organization=other_org, last_name="Bennani")
    client = api_for(exhibitor)

    assert client.get(URL).json()["count"] == 1
    assert client.get(f"{URL}/{foreign.pk}").status_code == 404
    assert client.patch_json(f"{URL}/{foreign.pk}", {"last_name": "X"}).status_code == 404
    assert client.patch_json(f"{URL}/{own.pk}", {"last_name": "Idrissi"}).status_code == 200
    created = client.post_json(
        URL,
        {
            "first_name": "Nadia",
            "last_name": "Saidi",
            "gender": "f",
            "organization": exhibitor_org.pk,
        },
    )
    assert created.status_code == 201
    elsewhere = client.post_json(
        URL,
        {"first_name": "Nadia", "last_name": "Saidi", "gender": "f", "organization": other_org.pk},
    )
    assert elsewhere.status_code in (400, 403, 404)
    foreign.refresh_from_db()
    assert foreign.last_name == "Bennani"
    assert not other_org.people.filter(first_name="Nadia").exists()


def test_observer_reads_people_but_does_not_record_them(api_for, observer, mdiq_org):
    person = PersonFactory(organization=mdiq_org)
    client = api_for(observer)

    assert client.get(f"{URL}/{person.pk}").status_code == 200
    response = client.post_json(
        URL, {"first_name": "A", "last_name": "B", "gender": "m", "organization": mdiq_org.pk}
    )
    assert response.status_code == 403
    assert client.patch_json(f"{URL}/{person.pk}", {"last_name": "X"}).status_code == 403
