"""The visitor tally pages: the phone page, its form without script, and the API its queue
sends the counts to."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.visitors.models import Gate, VisitorCount
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
    listing = client.get(reverse("visitors:visitors_events"))
    assert listing.status_code == 200
    assert event.title in listing.content.decode()
    page = client.get(reverse("visitors:visitors_tally", args=[event.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bab Okla" in html and "visitors/tally.js" in html
    assert reverse("visitors:visitors_add_gate", args=[event.pk]) not in html


def test_the_form_without_script_records(client, event, gate, gate_agent):
    client.force_login(gate_agent)
    url = reverse("visitors:visitors_save", args=[event.pk])
    response = client.post(url, {"gate": gate.pk, "date": DAY.isoformat(), "count": 250})
    assert response.status_code == 302
    assert VisitorCount.objects.get().count == 250


def test_a_manager_adds_gates_from_the_page(client, event, organizer):
    client.force_login(organizer)
    client.post(reverse("visitors:visitors_add_gate", args=[event.pk]), {"name": "Bab Sebta"})
    assert list(event.gates.values_list("name", flat=True)) == ["Bab Sebta"]


def phone(client, event) -> tuple[str, str]:
    """What the tally page gives its queue: where to send the counts, and the CSRF token."""
    page = client.get(reverse("visitors:visitors_tally", args=[event.pk])).content.decode()
    return re.search(r'data-record-url="([^"]+)"', page).group(1), client.cookies["csrftoken"].value


def send(client, url: str, token: str, body: dict):
    return client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)


def test_the_queue_sends_to_the_api_which_replaces_and_answers_totals(event, gate, gate_agent):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gate_agent)
    url, token = phone(client, event)
    assert url == f"/api/v1/events/{event.pk}/visitor-counts"
    body = {"gate": gate.pk, "date": DAY.isoformat(), "count": 40}
    first = send(client, url, token, body)
    assert first.status_code == 201
    body["count"] = 55
    second = send(client, url, token, body)
    assert second.status_code == 200
    assert second.json()["event_total"] == 55 and second.json()["day_total"] == 55
    # The page's earlier queue sent the gate's id as text: still that gate.
    third = send(client, url, token, {**body, "gate": str(gate.pk), "count": 60})
    assert third.status_code == 200 and third.json()["gate"] == gate.pk
    assert VisitorCount.objects.get().count == 60


def test_the_api_names_refused_fields(event, gate, gate_agent):
    client = Client(enforce_csrf_checks=True)
    client.force_login(gate_agent)
    url, token = phone(client, event)
    negative = send(client, url, token, {"gate": gate.pk, "date": "2020-01-01", "count": -3})
    assert negative.status_code == 400
    assert "count" in {item["field"] for item in negative.json()["detail"]}
    outside = send(client, url, token, {"gate": gate.pk, "date": "2020-01-01", "count": 3})
    assert outside.status_code == 400
    assert {item["field"] for item in outside.json()["detail"]} == {"date"}
    assert not VisitorCount.objects.exists()


def test_logged_out_and_exhibitors_are_refused(event, gate, exhibitor):
    url = f"/api/v1/events/{event.pk}/visitor-counts"
    body = {"gate": gate.pk, "date": DAY.isoformat(), "count": 1}
    client = Client()
    logged_out = client.post(url, body, content_type="application/json")
    assert logged_out.status_code == 401 and logged_out.json()["detail"]
    client.force_login(exhibitor)
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert client.get(reverse("visitors:visitors_tally", args=[event.pk])).status_code == 403
    assert not VisitorCount.objects.exists()
