"""The public buyer form: nothing enters the registry until an organizer accepts."""

import pytest
from django.urls import reverse

from tadamon.b2b.models import BuyerApplication, Participant
from tadamon.registry.models import Organization
from tests.b2b import support
from tests.factories import region

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(organizer_body, organizer):
    event = support.future_event(organizer_body, days=1)
    support.sessions(event, organizer, days=1, slots=2)
    return event


def body(**changes) -> dict:
    return {
        "name_fr": "Souk Platform",
        "region": region("01").pk,
        "contact_name": "Yassine",
        "email": "achats@souk.example.ma",
        "phone": "0522123456",
        "language": "fr",
        "seeks": "huile d'argan",
        **changes,
    }


def test_a_company_applies_and_the_organizer_accepts(client, fair, organizer):
    url = reverse("b2b:buyer_apply", args=[fair.pk])
    organizations = Organization.objects.count()
    answer = client.post(url, body())
    assert answer.status_code == 200 and "b2b/buyer_applied.html" in [
        t.name for t in answer.templates
    ]
    again = client.post(url, body())
    assert "email" in again.context["form"].errors
    application = BuyerApplication.objects.get()
    assert Organization.objects.count() == organizations  # nothing in the registry yet

    client.force_login(organizer)
    page = client.get(reverse("b2b:home", args=[fair.pk])).content.decode()
    assert "Souk Platform" in page
    client.post(reverse("b2b:decide_buyer", args=[application.pk]), {"decision": "accept"})
    application.refresh_from_db()
    assert application.status == BuyerApplication.Status.ACCEPTED
    participant = application.participant
    assert participant.side == Participant.Side.BUYER
    assert participant.organization.kind.code == "company"
    assert participant.organization.phone == "+212522123456"
    assert participant.language == "fr"


def test_bad_applications_name_the_field_and_write_nothing(client, fair, organizer_body):
    url = reverse("b2b:buyer_apply", args=[fair.pk])
    answer = client.post(url, body(name_fr="", email="not-an-email", phone="12"))
    errors = answer.context["form"].errors
    assert {"email", "phone", "name_fr"} <= set(errors)
    robot = client.post(url, body(website="http://spam"))
    assert "website" in robot.context["form"].errors
    closed = support.future_event(organizer_body)  # no B2B session: no applications
    page = client.get(reverse("b2b:buyer_apply", args=[closed.pk]))
    assert page.context["is_open"] is False
    assert not BuyerApplication.objects.exists()
