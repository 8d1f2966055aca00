"""B2B figures (issue 7): requests, meetings, outcomes, and `b2b_meetings` for the report.

A meeting is *held* once its slot has ended or an outcome was recorded for it, unless it was
cancelled. Collective meetings count once each.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from tadamon.b2b.models import Meeting, MeetingRequest, Outcome, Participant, Seat
from tadamon.events.models import Event


def held_meetings(event: Event):
    return (
        Meeting.objects.filter(event=event)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(Q(status=Meeting.Status.HELD) | Q(slot__ends_at__lte=timezone.now()))
    )


def kpis(event: Event) -> dict[str, Any]:
    requests = MeetingRequest.objects.filter(event=event).exclude(
        status=MeetingRequest.Status.CANCELLED
    )
    meetings = Meeting.objects.filter(event=event).exclude(status=Meeting.Status.CANCELLED)
    exhibitors = Participant.objects.filter(event=event, side=Participant.Side.EXHIBITOR)
    met = (
        Seat.objects.filter(meeting__in=meetings, participant__side=Participant.Side.EXHIBITOR)
        .values("participant_id")
        .distinct()
        .count()
    )
    seats_of_exhibitors = Seat.objects.filter(
        meeting__in=meetings, participant__side=Participant.Side.EXHIBITOR
    ).count()
    outcomes = Outcome.objects.filter(meeting__event=event)
    by_kind = dict(outcomes.values_list("kind").annotate(n=Count("id")).order_by())
    amount = outcomes.aggregate(total=Sum("amount_mad"))["total"] or Decimal(0)
    return {
        "buyers": Participant.objects.filter(event=event, side=Participant.Side.BUYER).count(),
        "exhibitors": exhibitors.count(),
        "requests": requests.count(),
        "requests_accepted": requests.filter(status=MeetingRequest.Status.ACCEPTED).count(),
        "meetings_scheduled": meetings.count(),
        "meetings_held": held_meetings(event).count(),
        "exhibitors_with_a_meeting": met,
        "meetings_per_exhibitor": round(seats_of_exhibitors / met, 2) if met else 0,
        "outcomes": {kind: by_kind.get(kind, 0) for kind in Outcome.Kind.values},
        "outcome_amount_mad": f"{amount:.2f}",
    }


def report_figures(event: Event) -> dict[str, int | None]:
    """The `b2b_meetings` key of the closing report (SPEC 5); None (unknown) when the event
    had no B2B programme (no session and no participant)."""
    if not (event.b2b_sessions.exists() or event.b2b_participants.exists()):
        return {"b2b_meetings": None}
    return {"b2b_meetings": held_meetings(event).count()}
