"""Agendas, requests and table plans, as each reader may see them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tadamon.b2b.models import (
    Meeting,
    MeetingRequest,
    Outcome,
    Participant,
    ScheduleRun,
    Seat,
    Slot,
)
from tadamon.events.models import Event


@dataclass(frozen=True)
class AgendaEntry:
    seat: Seat
    meeting: Meeting
    slot: Slot
    others: list[Participant]
    outcome: Outcome | None  # what this participant recorded, if anything


def agenda(participant: Participant) -> list[AgendaEntry]:
    """The participant's meetings in time order, each with who it meets."""
    seats = (
        Seat.objects.filter(participant=participant)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting", "slot__session", "meeting__host__organization")
        .order_by("slot__starts_at", "pk")
    )
    seats = list(seats)
    meeting_ids = [seat.meeting_id for seat in seats]
    together: dict[int, list[Participant]] = {}
    for other in (
        Seat.objects.filter(meeting_id__in=meeting_ids)
        .exclude(participant=participant)
        .select_related("participant__organization")
        .order_by("pk")
    ):
        together.setdefault(other.meeting_id, []).append(other.participant)
    outcomes = {o.meeting_id: o for o in Outcome.objects.filter(participant=participant)}
    return [
        AgendaEntry(
            seat,
            seat.meeting,
            seat.slot,
            together.get(seat.meeting_id, []),
            outcomes.get(seat.meeting_id),
        )
        for seat in seats
    ]


def requests_of(participant: Participant) -> dict[str, QuerySet]:
    related = ("requester__organization", "recipient__organization")
    return {
        "received": participant.requests_received.select_related(*related).order_by(
            "status", "-created_at"
        ),
        "sent": participant.requests_sent.select_related(*related).order_by(
            "status", "-created_at"
        ),
    }


def participants_of(event: Event) -> QuerySet:
    return (
        Participant.objects.filter(event=event)
        .select_related("organization")
        .prefetch_related("sectors")
        .order_by("side", "organization__name_fr", "pk")
    )


def slots_of(event: Event) -> QuerySet:
    return Slot.objects.filter(session__event=event).select_related("session").order_by("starts_at")


def table_plan(slot: Slot) -> list[Meeting]:
    """The meetings of one slot by table, for the floor staff; collective ones last."""
    return list(
        Meeting.objects.filter(slot=slot)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("request__requester__organization", "request__recipient__organization")
        .select_related("host__organization")
        .order_by("kind", "table", "pk")
    )


def collective_meetings(event: Event) -> QuerySet:
    return (
        Meeting.objects.filter(event=event, kind=Meeting.Kind.COLLECTIVE)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("slot__session", "host__organization")
        # The host holds one seat; the page shows the others without a query per meeting.
        .annotate(guests=Count("seats") - 1)
        .order_by("slot__starts_at", "pk")
    )


def latest_run(event: Event) -> ScheduleRun | None:
    return ScheduleRun.objects.filter(event=event).first()


def meeting_for_participant(participant: Participant, pk: int) -> Meeting:
    """A meeting the participant sits in, or Meeting.DoesNotExist."""
    return Meeting.objects.select_related("slot", "event").get(
        pk=pk, seats__participant=participant
    )


def pending_requests(event: Event) -> QuerySet:
    return MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.PENDING)


def accepted_without_meeting(event: Event) -> QuerySet:
    placed = Q(meeting__isnull=False) & ~Q(meeting__status=Meeting.Status.CANCELLED)
    return MeetingRequest.objects.filter(
        event=event, status=MeetingRequest.Status.ACCEPTED
    ).exclude(placed)
