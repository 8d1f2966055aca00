"""Visitor counts (SPEC 3G, 4 and 5).

``POST /events/{id}/visitor-counts`` records the count of one gate on one day: 201 when it
is the first for that gate and day, 200 when it replaces the earlier one (a running count
followed by the final one, or the same count sent again). ``gate`` is a gate id or a gate
name; a new name creates the gate when the caller manages the event. Who may: the event's
managers and the gate agents of its organizer (tadamon.accounts.scoping.can_count_visitors);
404 for an event the caller cannot see, 403 for one they see but do not count at.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from tadamon.accounts import scoping
from tadamon.events.models import Event, VisitorCount
from tadamon.events.selectors import events as event_selectors
from tadamon.events.selectors import visitors as selectors
from tadamon.events.services import visitors as services

router = Router(tags=["visitors"])


class VisitorCountIn(Schema):
    date: datetime.date
    gate: int | str = Field(description="A gate id, or a gate name (new names create the gate)")
    count: int = Field(description="Visitors through this gate on this day, 0 to 1,000,000")


class VisitorCountOut(Schema):
    id: int
    event: int
    gate: int
    gate_name: str
    date: datetime.date
    count: int
    entered_by: int | None
    updated_at: datetime.datetime

    @staticmethod
    def resolve_event(obj: VisitorCount) -> int:
        return obj.event_id

    @staticmethod
    def resolve_gate(obj: VisitorCount) -> int:
        return obj.gate_id

    @staticmethod
    def resolve_gate_name(obj: VisitorCount) -> str:
        return obj.gate.name

    @staticmethod
    def resolve_entered_by(obj: VisitorCount) -> int | None:
        return obj.entered_by_id


class GateCount(Schema):
    gate: int
    name: str
    count: int


class DayOut(Schema):
    date: datetime.date
    total: int
    gates: list[GateCount]


class GateTotal(Schema):
    id: int
    name: str
    position: int
    total: int


class VisitorFiguresOut(Schema):
    event: int
    total: int = Field(description="All recorded counts: the report's `visitors`")
    days: list[DayOut]
    gates: list[GateTotal]


def _counting_event(request: HttpRequest, event_id: int) -> Event:
    try:
        return selectors.counting_event(user=request.user, pk=event_id)
    except Event.DoesNotExist:
        event_selectors.event_for_view(user=request.user, pk=event_id)
        raise PermissionDenied from None


@router.post(
    "/events/{event_id}/visitor-counts", response={200: VisitorCountOut, 201: VisitorCountOut}
)
def record_count(
    request: HttpRequest, event_id: int, payload: VisitorCountIn
) -> Status[VisitorCount]:
    """Record (or replace) the count of a gate for a day."""
    event = _counting_event(request, event_id)
    row, created = services.record_count(
        event=event,
        gate=payload.gate,
        date=payload.date,
        count=payload.count,
        actor=request.user,
    )
    return Status(201 if created else 200, row)


@router.get("/events/{event_id}/visitor-counts", response=VisitorFiguresOut)
def visitor_counts(request: HttpRequest, event_id: int) -> dict:
    """Daily totals with each gate's count, per-gate totals and the event's total."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    if not scoping.can_read_visitors(request.user, event):
        raise PermissionDenied
    return selectors.visitor_figures(event)
