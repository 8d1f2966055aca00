"""The acceptance: a generated event with 40 buyers, 165 exhibitors, 600 accepted requests,
2 days × 12 slots and 25 tables is scheduled within the hard rules, with objective and bound
reported and shown to the organizer; manual moves are checked for conflicts."""

import random
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from tadamon.b2b.models import Meeting, ScheduleRun, Seat
from tadamon.b2b.selectors import figures
from tadamon.b2b.services import scheduling, setup
from tadamon.core.models import AuditEntry
from tests.b2b import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(organizer, organizer_body):
    event = support.future_event(organizer_body)
    setup.configure(event=event, actor=organizer, tables=25, requests_close_at=None)
    support.sessions(event, organizer, days=2, slots=12)
    buyers = [support.buyer(event) for _ in range(40)]
    exhibitors = [support.exhibitor(event) for _ in range(165)]
    support.accepted_requests(event, buyers, exhibitors, 600)
    # Some participants cannot attend some slots.
    rng = random.Random(3)
    slots = list(support.setup.Slot.objects.filter(session__event=event))
    for participant in rng.sample(buyers + exhibitors, 30):
        participant.unavailable_slots.set(rng.sample(slots, 6))
    return event


def schedule(event, organizer, capture):
    with capture(execute=True):
        return scheduling.start_run(event=event, actor=organizer)


@override_settings(TADAMON_B2B_TIME_LIMIT_S=20)
def test_generated_event_is_scheduled_within_the_rules(
    generated, organizer, client, django_capture_on_commit_callbacks
):
    run = schedule(generated, organizer, django_capture_on_commit_callbacks)
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.DONE, run.message
    result = run.result
    assert result["requests"] == 600 and result["slots"] == 24 and result["tables"] == 25
    assert result["objective"] <= result["bound"]
    assert result["meetings"] + result["unscheduled"] == 600

    meetings = list(Meeting.objects.filter(event=generated).select_related("request"))
    assert len(meetings) == result["meetings"] > 0
    per_slot = Counter(meeting.slot_id for meeting in meetings)
    assert max(per_slot.values()) <= 25
    seats = Counter((seat.participant_id, seat.slot_id) for seat in Seat.objects.all())
    assert max(seats.values()) == 1  # nobody twice in a slot
    assert len({meeting.request_id for meeting in meetings}) == len(meetings)
    for meeting in meetings:
        for participant in (meeting.request.requester, meeting.request.recipient):
            assert not participant.unavailable_slots.filter(pk=meeting.slot_id).exists()
    assert sum(m.request.weight for m in meetings) == result["objective"]

    client.force_login(organizer)
    page = client.get(reverse("b2b:home", args=[generated.pk])).content.decode()
    assert f'id="schedule-objective">{result["objective"]}<' in page
    assert f'id="schedule-bound">{result["bound"]}<' in page
    assert figures.kpis(generated)["meetings_scheduled"] == len(meetings)


def test_a_manual_move_is_checked_for_conflicts(
    organizer, organizer_body, django_capture_on_commit_callbacks
):
    event = support.future_event(organizer_body, days=1)
    setup.configure(event=event, actor=organizer, tables=2, requests_close_at=None)
    support.sessions(event, organizer, days=1, slots=2)
    buyer = support.buyer(event)
    first, second = support.exhibitor(event), support.exhibitor(event)
    support.accepted_requests(event, [buyer], [first, second], 2)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    one, two = Meeting.objects.filter(event=event).order_by("slot__starts_at")
    assert one.slot_id != two.slot_id  # the buyer cannot be in both at once
    with pytest.raises(ValidationError) as refused:
        scheduling.move_meeting(meeting=two, slot=one.slot, table=2, actor=organizer)
    assert "slot" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        scheduling.move_meeting(meeting=two, slot=two.slot, table=3, actor=organizer)
    assert "table" in refused.value.message_dict
    moved = scheduling.move_meeting(meeting=two, slot=two.slot, table=2, actor=organizer)
    assert moved.table == 2


def test_computing_again_keeps_one_meeting_per_request(
    organizer, organizer_body, django_capture_on_commit_callbacks
):
    event = support.future_event(organizer_body, days=1)
    support.sessions(event, organizer, days=1, slots=3)
    buyers = [support.buyer(event) for _ in range(2)]
    exhibitors = [support.exhibitor(event) for _ in range(3)]
    support.accepted_requests(event, buyers, exhibitors, 5)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    assert Meeting.objects.filter(event=event).count() == 5
    assert ScheduleRun.objects.filter(event=event, status="done").count() == 2


def test_participants_are_told_when_their_agenda_changes(
    organizer, organizer_body, django_capture_on_commit_callbacks, mailoutbox
):
    event = support.future_event(organizer_body, days=1)
    support.sessions(event, organizer, days=1, slots=2)
    buyer, seller = support.buyer(event, email="buyer@example.ma"), support.exhibitor(event)
    support.accepted_requests(event, [buyer], [seller], 1)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    assert [message.to for message in mailoutbox] == [["buyer@example.ma"]]
    # Computing again with nothing changed tells nobody.
    schedule(event, organizer, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_storing_a_schedule_is_in_the_audit_trail(
    organizer, organizer_body, django_capture_on_commit_callbacks
):
    """Replacing the meetings is the biggest change a schedule makes (issue 16): it was the
    one write of the run with no entry."""
    event = support.future_event(organizer_body, days=1)
    support.sessions(event, organizer, days=1, slots=3)
    buyers = [support.buyer(event) for _ in range(2)]
    exhibitors = [support.exhibitor(event) for _ in range(3)]
    support.accepted_requests(event, buyers, exhibitors, 5)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    schedule(event, organizer, django_capture_on_commit_callbacks)
    entries = AuditEntry.objects.filter(action="b2b.schedule.stored").order_by("pk")
    assert [entry.actor for entry in entries] == [organizer, organizer]
    assert entries[0].event_id == event.pk
    assert entries[0].data == {"meetings": 5, "replaced": 0, "changed": 5}
    assert entries[1].data == {"meetings": 5, "replaced": 5, "changed": 0}
