"""Gates and visitor counts: services, selectors and the database's own guarantees."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tadamon.accounts.models import Role
from tadamon.events import access as event_access
from tadamon.events.models import EventPartner
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import Gate, VisitorCount
from tadamon.visitors.selectors import visitors as selectors
from tadamon.visitors.services import visitors as services
from tests.factories import EventFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 3)


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


@pytest.fixture
def gate_agent(organizer_body):
    return UserFactory(username="gate", role=Role.GATE_AGENT, organization=organizer_body)


def test_gates_are_numbered_and_unique_per_event(event, organizer):
    first = services.add_gate(event=event, name="North", actor=organizer)
    second = services.add_gate(event=event, name="South", actor=organizer)
    assert (first.position, second.position) == (0, 1)
    with pytest.raises(ValidationError) as error:
        services.add_gate(event=event, name="north", actor=organizer)
    assert "name" in error.value.message_dict
    # Another event may reuse the name.
    services.add_gate(event=EventFactory(organizer=event.organizer), name="North", actor=organizer)


def test_a_gate_added_meanwhile_is_a_named_error_not_a_conflict(event, organizer, monkeypatch):
    # Issue 15: add_gate checks the name, then inserts; on PostgreSQL a concurrent insert
    # between the two raised IntegrityError (a 500 on the phone pages). Here the other request's
    # gate appears while the position is computed, between the check and the save.
    def next_position(event_):
        Gate.objects.create(event=event_, name="North", position=9)
        return 0

    monkeypatch.setattr(services, "_next_position", next_position)
    with pytest.raises(ValidationError) as error:
        services.add_gate(event=event, name="North", actor=organizer)
    assert "name" in error.value.message_dict


def test_two_phones_counting_at_a_new_gate_share_it(event, organizer, monkeypatch):
    # The other phone's gate appears between resolve_gate's look-up and its add_gate.
    add_gate = services.add_gate

    def add_gate_after_another_phone(**kwargs):
        add_gate(**kwargs)  # the other phone's request, with its audit entry
        return add_gate(**kwargs)

    monkeypatch.setattr(services, "add_gate", add_gate_after_another_phone)
    gate = services.resolve_gate(event=event, gate="Bab Sebta", actor=organizer)
    assert gate.name == "Bab Sebta" and event.gates.count() == 1


def test_only_managers_add_gates(event, gate_agent, exhibitor):
    for user in (gate_agent, exhibitor):
        with pytest.raises(PermissionDenied):
            services.add_gate(event=event, name="North", actor=user)


def test_a_gate_agent_records_and_replaces(event, organizer, gate_agent):
    gate = services.add_gate(event=event, name="North", actor=organizer)
    row, created = services.record_count(
        event=event, gate=gate, date=DAY, count=150, actor=gate_agent
    )
    assert created and row.entered_by == gate_agent
    row, created = services.record_count(
        event=event, gate=gate.pk, date=DAY, count=900, actor=gate_agent
    )
    assert not created and row.count == 900
    assert selectors.total_visitors(event) == 900
    assert selectors.count_for(event=event, gate=gate, date=DAY) == 900


def test_co_organizers_gate_agents_count_too(event, organizer):
    partner = OrganizationFactory()
    EventPartner.objects.create(
        event=event, organization=partner, role=EventPartner.Role.CO_ORGANIZER
    )
    agent = UserFactory(role=Role.GATE_AGENT, organization=partner)
    assert visitor_access.can_count_visitors(agent, event)
    assert not event_access.can_manage_event(agent, event)


def test_a_gate_object_of_another_event_is_refused(event, organizer):
    other = EventFactory(organizer=event.organizer)
    foreign = services.add_gate(event=other, name="North", actor=organizer)
    with pytest.raises(ValidationError) as error:
        services.record_count(event=event, gate=foreign, date=DAY, count=1, actor=organizer)
    assert "gate" in error.value.message_dict


def test_exhibitors_and_observers_cannot_count(event, organizer, exhibitor, observer):
    gate = services.add_gate(event=event, name="North", actor=organizer)
    for user in (exhibitor, observer):
        with pytest.raises(PermissionDenied):
            services.record_count(event=event, gate=gate, date=DAY, count=1, actor=user)
    assert visitor_access.can_read_visitors(observer, event)
    assert not visitor_access.can_read_visitors(exhibitor, event)


def test_the_database_refuses_a_second_row_and_out_of_range_counts(event):
    gate = Gate.objects.create(event=event, name="North")
    VisitorCount.objects.create(event=event, gate=gate, date=DAY, count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitorCount.objects.create(event=event, gate=gate, date=DAY, count=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitorCount.objects.create(
            event=event, gate=gate, date=DAY.replace(day=4), count=2_000_000
        )


def test_figures_per_day_and_gate(event, organizer):
    north = services.add_gate(event=event, name="North", actor=organizer)
    south = services.add_gate(event=event, name="South", actor=organizer)
    for gate, day, count in [(north, 1, 10), (south, 1, 5), (north, 2, 7)]:
        services.record_count(
            event=event, gate=gate, date=DAY.replace(day=day), count=count, actor=organizer
        )
    figures = selectors.visitor_figures(event)
    assert figures["total"] == 22
    assert [(day["date"].day, day["total"]) for day in figures["days"]] == [(1, 15), (2, 7)]
    assert [(gate["name"], gate["total"]) for gate in figures["gates"]] == [
        ("North", 17),
        ("South", 5),
    ]
    assert selectors.report_figures(event) == {"visitors": 22}
