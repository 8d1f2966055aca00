"""People (beneficiaries) of an organization: add and change, within scope."""

import pytest
from django.urls import reverse

from tadamon.registry.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def person_data(**overrides):
    data = {
        "first_name": "فاطمة",
        "last_name": "الزهراء",
        "gender": "f",
        "age_band": "25_34",
        "phone": "0612345678",
        "commune_name": "",
    }
    data.update(overrides)
    return data


def test_exhibitor_adds_a_person(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:person_create", args=[exhibitor_org.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, person_data())
    assert response.status_code == 302
    person = Person.objects.get(organization=exhibitor_org)
    assert (person.first_name, person.gender, person.age_band) == ("فاطمة", "f", "25_34")
    assert person.phone == "+212612345678"
    detail = client.get(reverse("registry:organization_detail", args=[exhibitor_org.pk]))
    assert "فاطمة" in detail.content.decode()


def test_person_form_shows_errors_and_saves_nothing(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:person_create", args=[exhibitor_org.pk])
    response = client.post(url, person_data(gender="", phone="12"))
    assert response.status_code == 200
    assert "gender" in response.context["form"].errors
    assert not Person.objects.exists()


def test_bad_phone_from_the_service_lands_on_the_phone_field(client, exhibitor, exhibitor_org):
    client.force_login(exhibitor)
    url = reverse("registry:person_create", args=[exhibitor_org.pk])
    response = client.post(url, person_data(phone="12"))
    assert list(response.context["form"].errors) == ["phone"]
    assert not Person.objects.exists()


def test_organizer_edits_a_person(client, organizer, other_org):
    person = PersonFactory(organization=other_org)
    client.force_login(organizer)
    url = reverse("registry:person_edit", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, person_data(first_name="خديجة", gender="f"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "خديجة"
    assert person.organization == other_org


def test_another_organizations_people_are_out_of_reach(client, exhibitor, other_org):
    person = PersonFactory(organization=other_org)
    client.force_login(exhibitor)
    assert client.get(reverse("registry:person_edit", args=[person.pk])).status_code == 404
    create = reverse("registry:person_create", args=[other_org.pk])
    assert client.post(create, person_data()).status_code == 404
    assert Person.objects.count() == 1
