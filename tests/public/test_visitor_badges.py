"""Free visitor registration with a QR badge: the public form, the badge page, the arrival
recorded by a gate agent who opens the badge's address, and the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.visitors.models import Gate, VisitorRegistration
from tadamon.visitors.selectors import visitor_badges as selectors
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(organizer_body):
    today = timezone.localdate()
    return EventFactory(
        organizer=organizer_body,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=3),
        visitor_registration=True,
    )


@pytest.fixture
def gate_agent(organizer_body):
    return UserFactory(username="gate", role=Role.GATE_AGENT, organization=organizer_body)


def visit_url(event) -> str:
    return reverse("public:visit", args=[event.pk])


def test_anyone_registers_and_gets_a_badge_with_a_qr_code(client, fair):
    page = client.get(visit_url(fair))
    assert page.status_code == 200
    response = client.post(
        visit_url(fair), {"name": "  فاطمة   الزهراء ", "phone": "0612345678", "gender": "f"}
    )
    registration = VisitorRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("public:badge", args=[registration.code])
    assert (registration.name, registration.phone) == ("فاطمة الزهراء", "+212612345678")
    badge = client.get(response["Location"]).content.decode()
    assert "<svg" in badge and "فاطمة الزهراء" in badge
    # The QR code carries the badge's own address, so a camera app opens it.
    assert str(registration.code)[:8].upper() in badge
    assert AuditEntry.objects.filter(action="events.visitor.registered").count() == 1


def test_the_same_phone_gets_the_same_badge(client, fair):
    first = client.post(visit_url(fair), {"name": "Karim", "phone": "0612345678"})
    again = client.post(visit_url(fair), {"name": "Karim B.", "phone": "+212 6 12 34 56 78"})
    assert first["Location"] == again["Location"]
    assert VisitorRegistration.objects.count() == 1


def test_bad_input_names_the_field_and_writes_nothing(client, fair):
    response = client.post(visit_url(fair), {"name": " ", "phone": "12"})
    assert response.status_code == 200
    form = response.context["form"]
    assert {"name", "phone"} <= set(form.errors)
    robot = client.post(visit_url(fair), {"name": "Bot", "website": "http://spam"})
    assert robot.status_code == 200
    assert not VisitorRegistration.objects.exists()


def test_closed_unpublished_or_ended_events_take_no_registration(client, organizer_body, fair):
    closed = EventFactory(organizer=organizer_body, visitor_registration=False)
    ended = EventFactory(
        organizer=organizer_body,
        visitor_registration=True,
        start_date=datetime.date(2024, 5, 31),
        end_date=datetime.date(2024, 6, 9),
    )
    hidden = EventFactory(organizer=organizer_body, visitor_registration=True, is_published=False)
    for event in (closed, ended):
        page = client.get(visit_url(event))
        assert page.status_code == 200 and not page.context["is_open"]
        client.post(visit_url(event), {"name": "Karim"})
    assert client.get(visit_url(hidden)).status_code == 404
    assert not VisitorRegistration.objects.exists()


def test_a_gate_agent_records_the_arrival_once(client, fair, gate_agent, exhibitor):
    gate = Gate.objects.create(event=fair, name="Bab Okla")
    client.post(visit_url(fair), {"name": "Karim"})
    registration = VisitorRegistration.objects.get()
    badge_url = reverse("public:badge", args=[registration.code])
    arrival_url = reverse("public:badge_arrival", args=[registration.code])

    # The holder (anonymous) and an exhibitor see the badge but cannot record the arrival.
    assert arrival_url not in client.get(badge_url).content.decode()
    client.force_login(exhibitor)
    assert client.post(arrival_url).status_code == 403

    client.force_login(gate_agent)
    assert arrival_url in client.get(badge_url).content.decode()
    client.post(arrival_url, {"gate": gate.pk})
    client.post(arrival_url, {"gate": gate.pk})
    registration.refresh_from_db()
    assert registration.arrived_at is not None and registration.arrival_gate == gate
    assert AuditEntry.objects.filter(action="events.visitor.arrived").count() == 1
    assert selectors.registration_figures(fair) == {"registered": 1, "arrived": 1}
    tally = client.get(reverse("visitors:visitors_tally", args=[fair.pk]))
    assert tally.context["registrations"] == {"registered": 1, "arrived": 1}


def test_the_api_registers_counts_and_records_arrivals(fair, organizer, gate_agent, api_for):
    url = f"/api/v1/events/{fair.pk}/visitor-registrations"
    client = api_for(organizer)
    created = client.post_json(url, {"name": "Amina", "phone": "0612345678", "gender": "f"})
    assert created.status_code == 201, created.json()
    again = client.post_json(url, {"name": "Amina", "phone": "0612345678"})
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    bad = client.post_json(url, {"name": "Amina", "phone": "not a phone"})
    assert bad.status_code == 400
    assert bad.json()["detail"][0]["field"] == "phone"
    wrong_type = client.post_json(url, {"name": "Amina", "gender": "x"})
    assert wrong_type.status_code == 422

    code = created.json()["code"]
    arrival = api_for(gate_agent).post_json(f"/api/v1/visitor-badges/{code}/arrival", {})
    assert arrival.status_code == 200 and arrival.json()["arrived_at"]
    unknown_gate = api_for(gate_agent).post_json(
        f"/api/v1/visitor-badges/{code}/arrival", {"gate": 999999}
    )
    assert unknown_gate.status_code == 400
    assert client.get(url).json() == {"event": fair.pk, "registered": 1, "arrived": 1}


def test_organizers_open_and_close_registration(fair, organizer, exhibitor, api_for):
    closed = api_for(organizer).patch_json(
        f"/api/v1/events/{fair.pk}", {"visitor_registration": False}
    )
    assert closed.status_code == 200 and closed.json()["visitor_registration"] is False
    url = f"/api/v1/events/{fair.pk}/visitor-registrations"
    refused = api_for(exhibitor).post_json(url, {"name": "Amina"})
    assert refused.status_code == 400
    # The managers still register visitors at a desk by the entrance.
    assert api_for(organizer).post_json(url, {"name": "Amina"}).status_code == 201
    assert VisitorRegistration.objects.count() == 1
