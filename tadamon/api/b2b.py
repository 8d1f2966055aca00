"""B2B meetings (issue 7, SPEC 3F): participants, sessions and slots, requests, the schedule,
meetings and outcomes, and the figures.

Who may: the event's managers do everything; a participant (the users of a buyer's or an
exhibitor's organization) reads the participants, makes and answers its own requests, reads
its own meetings and records its own outcomes; observers read the figures. 404 for an event
the caller cannot see, 403 for an action outside their part.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tadamon.api.inputs import organization_field
from tadamon.api.schemas import Id
from tadamon.b2b import access as b2b_access
from tadamon.b2b.models import Meeting, MeetingRequest, Outcome, Participant, ScheduleRun, Slot
from tadamon.b2b.selectors import agenda as agenda_selectors
from tadamon.b2b.selectors import figures
from tadamon.b2b.services import outcomes, participants, requests, scheduling, setup
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.events.selectors import events as event_selectors
from tadamon.registry.references import resolve_sectors

router = Router(tags=["b2b"])
Text = Annotated[str, Field(max_length=1000)]
Priority = Annotated[int, Field(ge=1, le=3, description="1 low, 2 normal, 3 high")]


class ParticipantIn(Schema):
    organization: int
    side: Literal["buyer", "exhibitor"]
    sectors: list[str] = Field([], description="Sector codes")
    offers: Text = ""
    seeks: Text = ""
    volumes: Annotated[str, Field(max_length=200)] = ""
    language: Literal["ar", "fr"] = "ar"


class ParticipantOut(Schema):
    id: int
    organization: int
    name: str
    side: str
    sectors: list[str]
    offers: str
    seeks: str
    volumes: str
    language: str

    @staticmethod
    def resolve_organization(obj: Participant) -> int:
        return obj.organization_id

    @staticmethod
    def resolve_name(obj: Participant) -> str:
        return str(obj.organization)

    @staticmethod
    def resolve_sectors(obj: Participant) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]


class B2BSessionIn(Schema):
    label: Annotated[str, Field(max_length=120)]
    date: datetime.date
    starts_at: datetime.time
    ends_at: datetime.time
    slot_minutes: int = Field(20, ge=5, le=240)
    breaks: Annotated[str, Field(max_length=200)] = Field(
        "", description='"12:30-14:00, 16:00-16:15"'
    )


class SlotOut(Schema):
    id: int
    session: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @staticmethod
    def resolve_session(obj: Slot) -> str:
        return obj.session.label


class SetupIn(Schema):
    tables: int = Field(..., ge=1, le=1000)
    requests_close_at: datetime.datetime | None = None


class RequestIn(Schema):
    recipient: int = Field(..., description="The participant asked to meet")
    requester: int | None = Field(
        None, description="The asking participant (managers only; else your own)"
    )
    priority: Priority = 2
    message: Annotated[str, Field(max_length=500)] = ""


class AnswerIn(Schema):
    accept: bool
    priority: Priority = Field(2, description="Your own interest, when accepting")


class RequestOut(Schema):
    id: int
    requester: int
    recipient: int
    priority: int
    recipient_priority: int | None
    status: str
    message: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_requester(obj: MeetingRequest) -> int:
        return obj.requester_id

    @staticmethod
    def resolve_recipient(obj: MeetingRequest) -> int:
        return obj.recipient_id


class MeetingOut(Schema):
    id: int
    kind: str
    status: str
    slot: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    table: int | None
    request: int | None
    title: str
    participants: list[int]

    @staticmethod
    def resolve_starts_at(obj: Meeting) -> datetime.datetime:
        return obj.slot.starts_at

    @staticmethod
    def resolve_ends_at(obj: Meeting) -> datetime.datetime:
        return obj.slot.ends_at

    @staticmethod
    def resolve_slot(obj: Meeting) -> int:
        return obj.slot_id

    @staticmethod
    def resolve_request(obj: Meeting) -> int | None:
        return obj.request_id

    @staticmethod
    def resolve_participants(obj: Meeting) -> list[int]:
        return sorted(seat.participant_id for seat in obj.seats.all())


class OutcomeIn(Schema):
    kind: Literal["none", "contact", "sample_quote", "order", "contract"]
    participant: int | None = Field(None, description="Managers only; else your own")
    amount_mad: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    note: Annotated[str, Field(max_length=500)] = ""


class OutcomeOut(Schema):
    id: int
    meeting: int
    participant: int
    kind: str
    amount_mad: Decimal | None
    note: str

    @staticmethod
    def resolve_meeting(obj: Outcome) -> int:
        return obj.meeting_id

    @staticmethod
    def resolve_participant(obj: Outcome) -> int:
        return obj.participant_id


class ScheduleRunOut(Schema):
    id: int
    status: str
    progress: int
    message: str
    result: dict
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


class FiguresOut(Schema):
    buyers: int
    exhibitors: int
    requests: int
    requests_accepted: int
    meetings_scheduled: int
    meetings_held: int
    exhibitors_with_a_meeting: int
    meetings_per_exhibitor: float
    outcomes: dict[str, int]
    outcome_amount_mad: str


# Look-ups -------------------------------------------------------------------------------


def _event(request: HttpRequest, event_id: int) -> Event:
    return event_selectors.event_for_view(user=request.user, pk=event_id)


def _managed(request: HttpRequest, event_id: int) -> Event:
    return require_event_manager(request.user, event_id)


def _me(request: HttpRequest, event: Event) -> Participant | None:
    return b2b_access.b2b_participant_for(request.user, event)


def _participant_field(event: Event, pk: int, field: str) -> Participant:
    found = Participant.objects.filter(event=event, pk=pk).select_related("event").first()
    if found is None:
        raise ValidationError(
            {field: _("Unknown participant: %(id)s.") % {"id": pk}}, code="unknown_reference"
        )
    return found


def _acting_participant(
    request: HttpRequest, event: Event, pk: int | None, field: str
) -> Participant:
    """The given participant for a manager, else the caller's own (and only it)."""
    if b2b_access.can_manage_b2b(request.user, event):
        if pk is None:
            raise ValidationError({field: _("Say for which participant.")})
        return _participant_field(event, pk, field)
    mine = _me(request, event)
    if mine is None or (pk is not None and pk != mine.pk):
        raise PermissionDenied(_("You act only for your own organization."))
    return mine


# Endpoints ------------------------------------------------------------------------------


@router.put("/events/{event_id}/b2b/setup", response=SetupIn)
def put_setup(request: HttpRequest, event_id: int, payload: SetupIn) -> dict:
    """The number of tables and the requests' deadline."""
    event = _managed(request, event_id)
    config = setup.configure(event=event, actor=request.user, **payload.dict())
    return {"tables": config.tables, "requests_close_at": config.requests_close_at}


@router.post("/events/{event_id}/b2b/sessions", response={201: list[SlotOut]})
def add_session(request: HttpRequest, event_id: int, payload: B2BSessionIn) -> Status[QuerySet]:
    """A session of meetings; answers its slots."""
    event = _managed(request, event_id)
    session = setup.add_session(event=event, actor=request.user, **payload.dict())
    return Status(201, session.slots.select_related("session").order_by("starts_at"))


@router.get("/events/{event_id}/b2b/slots", response=list[SlotOut])
def list_slots(request: HttpRequest, event_id: int) -> QuerySet:
    return agenda_selectors.slots_of(_event(request, event_id))


@router.get("/events/{event_id}/b2b/participants", response=list[ParticipantOut])
def list_participants(request: HttpRequest, event_id: int) -> QuerySet:
    """Buyers and exhibitors taking part, with what they offer and seek."""
    event = _event(request, event_id)
    if not (b2b_access.can_read_b2b(request.user, event) or _me(request, event)):
        raise PermissionDenied
    return agenda_selectors.participants_of(event)


@router.post(
    "/events/{event_id}/b2b/participants", response={200: ParticipantOut, 201: ParticipantOut}
)
def add_participant(
    request: HttpRequest, event_id: int, payload: ParticipantIn
) -> Status[Participant]:
    """Register a buyer (managers), or opt an exhibitor in (managers, or the exhibitor)."""
    event = _event(request, event_id)
    organization = organization_field(user=request.user, pk=payload.organization)
    sectors = resolve_sectors(payload.sectors)
    participant, created = participants.join(
        event=event,
        organization=organization,
        side=payload.side,
        actor=request.user,
        sectors=sectors,
        offers=payload.offers,
        seeks=payload.seeks,
        volumes=payload.volumes,
        language=payload.language,
    )
    return Status(201 if created else 200, participant)


class AvailabilityIn(Schema):
    # Ids, not any integer: one beyond SQLite's integers was a 500 (found by schemathesis).
    unavailable_slots: list[Id] = Field(..., description="Slot ids the participant cannot attend")


@router.put("/b2b/participants/{participant_id}/availability", response=list[int])
def put_availability(
    request: HttpRequest, participant_id: int, payload: AvailabilityIn
) -> list[int]:
    """The slots a participant cannot attend (managers, or the participant itself)."""
    participant = get_object_or_404(
        Participant.objects.select_related("event", "organization"), pk=participant_id
    )
    _event(request, participant.event_id)
    wanted = set(payload.unavailable_slots)
    slots = list(Slot.objects.filter(pk__in=wanted).select_related("session"))
    if len(slots) != len(wanted):
        unknown = sorted(wanted - {slot.pk for slot in slots})
        raise ValidationError(
            {"unavailable_slots": _("Unknown slots: %(ids)s.") % {"ids": unknown}}
        )
    participants.set_unavailable(participant=participant, slots=slots, actor=request.user)
    return sorted(wanted)


@router.get("/events/{event_id}/b2b/requests", response=list[RequestOut])
def list_requests(request: HttpRequest, event_id: int) -> QuerySet:
    """All requests for managers and observers; a participant's own otherwise."""
    event = _event(request, event_id)
    rows = MeetingRequest.objects.filter(event=event).order_by("-created_at", "-pk")
    if b2b_access.can_read_b2b(request.user, event):
        return rows
    mine = _me(request, event)
    if mine is None:
        raise PermissionDenied
    return rows.filter(Q(requester=mine) | Q(recipient=mine))


@router.post("/events/{event_id}/b2b/requests", response={201: RequestOut})
def make_request(request: HttpRequest, event_id: int, payload: RequestIn) -> Status[MeetingRequest]:
    event = _event(request, event_id)
    requester = _acting_participant(request, event, payload.requester, "requester")
    recipient = _participant_field(event, payload.recipient, "recipient")
    made = requests.request_meeting(
        requester=requester,
        recipient=recipient,
        actor=request.user,
        priority=payload.priority,
        message=payload.message,
    )
    return Status(201, made)


def _visible_request(request: HttpRequest, request_id: int) -> MeetingRequest:
    found = get_object_or_404(MeetingRequest.objects.select_related("event"), pk=request_id)
    event = _event(request, found.event_id)
    if b2b_access.can_manage_b2b(request.user, event):
        return found
    mine = _me(request, event)
    if mine is None or mine.pk not in (found.requester_id, found.recipient_id):
        raise Http404
    return found


@router.post("/b2b/requests/{request_id}/answer", response=RequestOut)
def answer_request(request: HttpRequest, request_id: int, payload: AnswerIn) -> MeetingRequest:
    """Accept (with your own interest) or decline a request made to you."""
    found = _visible_request(request, request_id)
    return requests.answer(
        request=found, accept=payload.accept, actor=request.user, priority=payload.priority
    )


@router.post("/events/{event_id}/b2b/schedule", response={202: ScheduleRunOut})
def run_schedule(request: HttpRequest, event_id: int) -> Status[ScheduleRun]:
    """Compute the bilateral meetings in the background; poll ``GET`` for the result
    (objective, proven bound, gap, meetings placed)."""
    event = _managed(request, event_id)
    run = scheduling.start_run(event=event, actor=request.user)
    return Status(202, run)


@router.get("/events/{event_id}/b2b/schedule", response=ScheduleRunOut)
def latest_schedule(request: HttpRequest, event_id: int) -> ScheduleRun:
    event = _event(request, event_id)
    if not b2b_access.can_read_b2b(request.user, event):
        raise PermissionDenied
    run = agenda_selectors.latest_run(event)
    if run is None:
        raise ScheduleRun.DoesNotExist
    return run


@router.get("/events/{event_id}/b2b/meetings", response=list[MeetingOut])
def list_meetings(request: HttpRequest, event_id: int) -> QuerySet:
    """Every meeting for managers and observers; a participant's own otherwise."""
    event = _event(request, event_id)
    rows = (
        Meeting.objects.filter(event=event)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("slot")
        .prefetch_related("seats")
        .order_by("slot__starts_at", "table", "pk")
    )
    if b2b_access.can_read_b2b(request.user, event):
        return rows
    mine = _me(request, event)
    if mine is None:
        raise PermissionDenied
    return rows.filter(seats__participant=mine)


@router.post("/b2b/meetings/{meeting_id}/outcomes", response={200: OutcomeOut, 201: OutcomeOut})
def record_outcome(request: HttpRequest, meeting_id: int, payload: OutcomeIn) -> Status[Outcome]:
    """Record (or correct) what came of a meeting you took part in."""
    meeting = get_object_or_404(Meeting.objects.select_related("event", "slot"), pk=meeting_id)
    event = _event(request, meeting.event_id)
    participant = _acting_participant(request, event, payload.participant, "participant")
    outcome, created = outcomes.record_outcome(
        meeting=meeting,
        participant=participant,
        kind=payload.kind,
        actor=request.user,
        amount_mad=payload.amount_mad,
        note=payload.note,
    )
    return Status(201 if created else 200, outcome)


@router.get("/events/{event_id}/b2b/figures", response=FiguresOut)
def b2b_figures(request: HttpRequest, event_id: int) -> dict:
    event = _event(request, event_id)
    if not b2b_access.can_read_b2b(request.user, event):
        raise PermissionDenied
    return figures.kpis(event)
