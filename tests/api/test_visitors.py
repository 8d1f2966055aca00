"""Visitor counts through the API (SPEC 3G, 4 and 5; reference event E4: 60,000 visitors)."""

import datetime

import pytest

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.visitors.models import Gate, VisitorCount
from tadamon.visitors.selectors import visitors as selectors
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

# E4: ten days closing on Sunday 9 June 2024.
E4_START = datetime.date(2024, 5, 31)
E4_DAYS = 10
E4_VISITORS = 60_000
GATES = ["Bab Okla", "Bab Sebta", "Bab Nouader"]


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=E4_START,
        end_date=E4_START + datetime.timedelta(days=E4_DAYS - 1),
    )


@pytest.fixture
def gate_agent(organizer_body):
    return UserFactory(username="gate", role=Role.GATE_AGENT, organization=organizer_body)


def url(event) -> str:
    return f"/api/v1/events/{event.pk}/visitor-counts"


def body(day: int = 0, gate: int | str = "Bab Okla", count: int = 100) -> dict:
    return {
        "date": (E4_START + datetime.timedelta(days=day)).isoformat(),
        "gate": gate,
        "count": count,
    }


def fields_of(response) -> set:
    return {item["field"] for item in response.json()["detail"]}


def test_e4_shape_sums_to_sixty_thousand(event, organizer, api_for):
    client = api_for(organizer)
    # 30 counts (10 days × 3 gates) of 2,000 each; gates created by name on first use.
    for day in range(E4_DAYS):
        for gate in GATES:
            response = client.post_json(url(event), body(day, gate, 2000))
            assert response.status_code == 201, response.json()
    assert selectors.report_figures(event) == {"visitors": E4_VISITORS}
    figures = client.get(url(event)).json()
    assert figures["total"] == E4_VISITORS
    assert len(figures["days"]) == E4_DAYS
    assert all(day["total"] == 6000 for day in figures["days"])
    assert [gate["name"] for gate in figures["gates"]] == GATES
    assert all(gate["total"] == 20_000 for gate in figures["gates"])


def test_replacing_a_count_does_not_double(event, organizer, gate_agent, api_for):
    gate = Gate.objects.create(event=event, name="Bab Okla")
    client = api_for(gate_agent)
    assert client.post_json(url(event), body(0, gate.pk, 1200)).status_code == 201
    again = client.post_json(url(event), body(0, gate.pk, 1200))
    assert again.status_code == 200
    final = client.post_json(url(event), body(0, "Bab Okla", 3500))
    assert final.status_code == 200
    assert final.json()["count"] == 3500
    assert VisitorCount.objects.count() == 1
    assert selectors.report_figures(event)["visitors"] == 3500
    history = AuditEntry.objects.filter(action="events.visitors.counted").order_by("pk")
    assert [entry.data["count"] for entry in history] == [1200, 3500]
    assert history.last().data["previous"] == 1200


def test_the_answer_brings_the_days_and_the_events_totals(event, gate_agent, api_for):
    # The phone's tally page shows the event's total after each count it sends.
    okla = Gate.objects.create(event=event, name="Bab Okla")
    sebta = Gate.objects.create(event=event, name="Bab Sebta")
    client = api_for(gate_agent)
    client.post_json(url(event), body(0, okla.pk, 100))
    client.post_json(url(event), body(1, okla.pk, 7))

    answer = client.post_json(url(event), body(0, sebta.pk, 40)).json()

    assert (answer["count"], answer["day_total"], answer["event_total"]) == (40, 140, 147)


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        (body(count=-1), 400, "count"),
        (body(count=1_000_001), 400, "count"),
        (body(day=-1), 400, "date"),
        (body(day=E4_DAYS), 400, "date"),
        (body(count="many"), 422, "count"),
        ({"gate": "Bab Okla", "count": 5}, 422, "date"),
    ],
)
def test_refused_values_name_the_field_and_write_nothing(
    event, organizer, api_for, payload, status, field
):
    response = api_for(organizer).post_json(url(event), payload)
    assert response.status_code == status
    assert field in fields_of(response)
    assert not VisitorCount.objects.exists()
    assert not Gate.objects.exists()


def test_a_gate_of_another_event_is_refused(event, organizer, api_for):
    other = EventFactory(organizer=event.organizer)
    foreign = Gate.objects.create(event=other, name="Elsewhere")
    response = api_for(organizer).post_json(url(event), body(gate=foreign.pk))
    assert response.status_code == 400
    assert fields_of(response) == {"gate"}
    assert not VisitorCount.objects.exists()


def test_a_gate_agent_cannot_invent_gates(event, gate_agent, api_for):
    response = api_for(gate_agent).post_json(url(event), body(gate="New gate"))
    assert response.status_code == 400
    assert fields_of(response) == {"gate"}
    assert not Gate.objects.exists()


def test_an_exhibitor_cannot_record_counts(event, exhibitor, api_for):
    Gate.objects.create(event=event, name="Bab Okla")
    response = api_for(exhibitor).post_json(url(event), body())
    assert response.status_code == 403
    assert api_for(exhibitor).get(url(event)).status_code == 403
    assert not VisitorCount.objects.exists()


def test_a_gate_agent_of_another_organizer_is_refused(event, other_org, api_for):
    outsider = UserFactory(role=Role.GATE_AGENT, organization=other_org)
    Gate.objects.create(event=event, name="Bab Okla")
    assert api_for(outsider).post_json(url(event), body()).status_code == 403


def test_an_unpublished_event_is_not_found_for_outsiders(organizer_body, exhibitor, api_for):
    hidden = EventFactory(organizer=organizer_body, is_published=False)
    assert api_for(exhibitor).post_json(url(hidden), body()).status_code == 404


def test_observers_read_the_figures(event, organizer, observer, api_for):
    api_for(organizer).post_json(url(event), body(count=42))
    response = api_for(observer).get(url(event))
    assert response.status_code == 200
    assert response.json()["total"] == 42
    assert api_for(observer).post_json(url(event), body()).status_code == 403


def test_without_a_token(event, api_for):
    assert api_for().post_json(url(event), body()).status_code == 401
