"""Visitor counts (SPEC 3G, 4 and 5).

``POST /events/{id}/visitor-counts`` records the count of one gate on one day: 201 when it
is the first for that gate and day, 200 when it replaces the earlier one (a running count
followed by the final one, or the same count sent again); the answer brings the day's and
the event's totals (the phone's tally page shows them). ``gate`` is a gate id or a gate
name; a new name creates the gate when the caller manages the event. Who may: the event's
managers and the gate agents of its organizer (tadamon.visitors.access.can_count_visitors);
404 for an event the caller cannot see, 403 for one they see but do not count at.

Free visitor registration: ``POST /events/{id}/visitor-registrations`` gives a badge (the same
one again for the same phone number), ``GET`` the same path counts registrations and arrivals,
``POST /visitor-badges/{code}/arrival`` records the holder's arrival at a gate.
"""

import datetime
import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.visitors import access as visitor_access
from tadamon.visitors.models import VisitorCount, VisitorRegistration
from tadamon.visitors.selectors import visitor_badges as badge_selectors
from tadamon.visitors.selectors import visitors as selectors
from tadamon.visitors.services import visitor_badges as badge_services
from tadamon.visitors.services import visitors as services

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
    day_total: int = Field(
        description="The counts of every gate on this day, as the tally page's day total"
    )
    event_total: int = Field(
        description="Every count recorded at the event: the tally page's total and the "
        "report's `visitors`"
    )

    @staticmethod
    def resolve_event(obj: VisitorCount) -> int:
        return obj.event_id

    @staticmethod
    def resolve_day_total(obj: VisitorCount) -> int:
        return obj.totals["day_total"]

    @staticmethod
    def resolve_event_total(obj: VisitorCount) -> int:
        return obj.totals["event_total"]

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
    # Both totals in one query, read after the write: what the server kept, as the tally
    # page and the report show it.
    row.totals = selectors.count_totals(event, row.date)
    return Status(201 if created else 200, row)


@router.get("/events/{event_id}/visitor-counts", response=VisitorFiguresOut)
def visitor_counts(request: HttpRequest, event_id: int) -> dict:
    """Daily totals with each gate's count, per-gate totals and the event's total."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    if not visitor_access.can_read_visitors(request.user, event):
        raise PermissionDenied
    return selectors.visitor_figures(event)


# Free visitor registration with a QR badge ----------------------------------------------


class VisitorRegistrationIn(Schema):
    name: str = Field(..., max_length=200)
    phone: str = Field(
        "", max_length=30, description="Optional; the same number finds the same badge"
    )
    commune: str = Field("", max_length=200)
    gender: Literal["", "f", "m"] = ""


class VisitorRegistrationOut(Schema):
    id: int
    event: int
    code: uuid.UUID = Field(description="The badge code carried by its QR code")
    badge_url: str
    name: str
    registered_at: datetime.datetime
    arrived_at: datetime.datetime | None

    @staticmethod
    def resolve_event(obj: VisitorRegistration) -> int:
        return obj.event_id

    @staticmethod
    def resolve_badge_url(obj: VisitorRegistration) -> str:
        return reverse("public:badge", args=[obj.code])


class RegistrationFiguresOut(Schema):
    event: int
    registered: int
    arrived: int


class ArrivalIn(Schema):
    gate: int | None = None


@router.post(
    "/events/{event_id}/visitor-registrations",
    response={200: VisitorRegistrationOut, 201: VisitorRegistrationOut},
)
def register_visitor(
    request: HttpRequest, event_id: int, payload: VisitorRegistrationIn
) -> Status[VisitorRegistration]:
    """Register a visitor (201), or find the badge of the same phone number (200). Open to
    anyone who sees the event while it accepts registrations; its managers always."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    registration, created = badge_services.register_visitor(
        event=event,
        name=payload.name,
        phone=payload.phone,
        commune_name=payload.commune,
        gender=payload.gender,
        actor=request.user,
    )
    return Status(201 if created else 200, registration)


@router.get("/events/{event_id}/visitor-registrations", response=RegistrationFiguresOut)
def registration_figures(request: HttpRequest, event_id: int) -> dict:
    """How many visitors registered, and how many of them arrived."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    if not visitor_access.can_read_visitors(request.user, event):
        raise PermissionDenied
    return {"event": event.pk, **badge_selectors.registration_figures(event)}


@router.post("/visitor-badges/{code}/arrival", response=VisitorRegistrationOut)
def record_arrival(
    request: HttpRequest, code: uuid.UUID, payload: ArrivalIn
) -> VisitorRegistration:
    """Record the arrival of a badge holder at the gate (once; later scans change nothing)."""
    registration = badge_selectors.badge(code)
    event = registration.event
    if not visitor_access.can_count_visitors(request.user, event):
        event_selectors.event_for_view(user=request.user, pk=event.pk)
        raise PermissionDenied
    gate = None
    if payload.gate is not None:
        gate = event.gates.filter(pk=payload.gate).first()
        if gate is None:
            raise ValidationError(
                {"gate": _("This event has no gate %(id)s.") % {"id": payload.gate}}
            )
    registration, _first = badge_services.record_arrival(
        registration=registration, actor=request.user, gate=gate
    )
    return registration
