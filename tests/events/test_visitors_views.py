"""The visitor tally pages: the phone page, its form without script and its JSON endpoint."""

import datetime

import pytest
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.events.models import Gate, VisitorCount
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 2)


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


@pytest.fixture
def gate(event):
    return Gate.objects.create(event=event, name="Bab Okla")


@pytest.fixture
def gate_agent(organizer_body):
    return UserFactory(username="gate", role=Role.GATE_AGENT, organization=organizer_body)


def test_the_gate_agent_sees_the_events_and_the_tally(client, event, gate, gate_agent):
    client.force_login(gate_agent)
    listing = client.get(reverse("events:visitors_events"))
    assert listing.status_code == 200
    assert event.title in listing.content.decode()
    page = client.get(reverse("events:visitors_tally", args=[event.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bab Okla" in html and "events/tally.js" in html
    assert reverse("events:visitors_add_gate", args=[event.pk]) not in html


def test_the_form_without_script_records(client, event, gate, gate_agent):
    client.force_login(gate_agent)
    url = reverse("events:visitors_save", args=[event.pk])
    response = client.post(url, {"gate": gate.pk, "date": DAY.isoformat(), "count": 250})
    assert response.status_code == 302
    assert VisitorCount.objects.get().count == 250


def test_a_manager_adds_gates_from_the_page(client, event, organizer):
    client.force_login(organizer)
    client.post(reverse("events:visitors_add_gate", args=[event.pk]), {"name": "Bab Sebta"})
    assert list(event.gates.values_list("name", flat=True)) == ["Bab Sebta"]


def test_the_json_endpoint_replaces_and_answers_totals(client, event, gate, gate_agent):
    client.force_login(gate_agent)
    url = reverse("events:visitors_record", args=[event.pk])
    body = {"gate": str(gate.pk), "date": DAY.isoformat(), "count": 40}
    first = client.post(url, body, content_type="application/json")
    assert first.status_code == 201
    body["count"] = 55
    second = client.post(url, body, content_type="application/json")
    assert second.status_code == 200
    assert second.json()["total"] == 55
    assert VisitorCount.objects.count() == 1


def test_the_json_endpoint_names_refused_fields(client, event, gate, gate_agent):
    client.force_login(gate_agent)
    url = reverse("events:visitors_record", args=[event.pk])
    response = client.post(
        url, {"gate": gate.pk, "date": "2020-01-01", "count": -3}, content_type="application/json"
    )
    assert response.status_code == 400
    assert {item["field"] for item in response.json()["detail"]} == {"count"}
    outside = client.post(
        url, {"gate": gate.pk, "date": "2020-01-01", "count": 3}, content_type="application/json"
    )
    assert outside.status_code == 400
    assert {item["field"] for item in outside.json()["detail"]} == {"date"}
    assert not VisitorCount.objects.exists()


def test_logged_out_and_exhibitors_are_refused(client, event, gate, exhibitor):
    url = reverse("events:visitors_record", args=[event.pk])
    body = {"gate": gate.pk, "date": DAY.isoformat(), "count": 1}
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(exhibitor)
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert client.get(reverse("events:visitors_tally", args=[event.pk])).status_code == 403
    assert not VisitorCount.objects.exists()
