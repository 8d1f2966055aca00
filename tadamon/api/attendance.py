"""Check-in, attendance and beneficiary figures (SPEC 3E, 4 and 5).

``POST /sessions/{id}/attendance`` is idempotent per person and session: 201 when the
check-in is new, 200 with the same body when it was already recorded, however often a phone
sends it again. Who may check in: the event's managers, the session's own trainers and the
organizer's gate agents (tadamon.accounts.programme_access.checkin_sessions_for); 404 for a session
the caller cannot see, 403 for one they see but do not check in at.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tadamon.api.inputs import Pages
from tadamon.api.schemas import Id
from tadamon.events import access as event_access
from tadamon.events.selectors import events as event_selectors
from tadamon.programme.models import Attendance, Session
from tadamon.programme.selectors import attendance as selectors
from tadamon.programme.selectors.beneficiaries import event_beneficiaries
from tadamon.programme.services import attendance as services

router = Router(tags=["attendance"])


class AttendanceIn(Schema):
    person: Id | None = Field(None, description="The person's id (or give `code`)")
    code: uuid.UUID | None = Field(None, description="A registration's code, as its QR holds")
    client_uuid: uuid.UUID | None = Field(None, description="The device's id of this check-in")
    checked_in_at: datetime.datetime | None = Field(
        None, description="When the person was checked in on the device; default: now"
    )


class AttendanceOut(Schema):
    """A check-in. Its figures of the session are in the answer to a check-in only."""

    id: int
    session: int
    person: int
    person_name: str
    checked_in_at: datetime.datetime
    checked_in_by: int | None
    client_uuid: uuid.UUID | None
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_session(obj: Attendance) -> int:
        return obj.session_id

    @staticmethod
    def resolve_person(obj: Attendance) -> int:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj: Attendance) -> str:
        return str(obj.person)

    @staticmethod
    def resolve_checked_in_by(obj: Attendance) -> int | None:
        return obj.checked_in_by_id


class CheckInOut(AttendanceOut):
    session_present: int = Field(
        description="People present at the session once this check-in is kept, as its "
        "attendance sheet and the event's attendance page count them"
    )
    session_registered: int = Field(
        description="People registered for the session or on its waiting list (not those "
        "who cancelled), as its attendance sheet counts them"
    )

    @staticmethod
    def resolve_session_present(obj: Attendance) -> int:
        return obj.session_counts["present"]

    @staticmethod
    def resolve_session_registered(obj: Attendance) -> int:
        return obj.session_counts["registered"]


class CountRow(Schema):
    code: str
    label: str
    beneficiaries: int


class NamedRow(Schema):
    id: int | None
    name: str
    name_ar: str
    name_fr: str
    beneficiaries: int
    women: int


class TopicRow(Schema):
    code: str
    name: str
    name_ar: str
    name_fr: str
    beneficiaries: int
    women: int


class BeneficiariesOut(Schema):
    event: int
    sessions: dict[str, int] = Field(description="Sessions held (started, or with attendance)")
    sessions_held: int
    beneficiaries: int = Field(description="Distinct people with recorded attendance")
    beneficiaries_women: int
    beneficiary_organizations: int
    communes: int
    by_gender: list[CountRow]
    by_age_band: list[CountRow]
    by_organization: list[NamedRow] = Field(description="`id` null: people without one")
    by_commune: list[NamedRow] = Field(description="By the beneficiaries' own communes")
    by_session_commune: list[NamedRow] = Field(description="By where the sessions took place")
    by_topic: list[TopicRow]


def _session_for_checkin(request: HttpRequest, session_id: int) -> Session:
    try:
        return selectors.session_for_checkin(user=request.user, pk=session_id)
    except Session.DoesNotExist:
        selectors.visible_sessions(user=request.user).get(pk=session_id)
        raise PermissionDenied from None


@router.post("/sessions/{session_id}/attendance", response={200: CheckInOut, 201: CheckInOut})
def check_in(request: HttpRequest, session_id: int, payload: AttendanceIn) -> Status[Attendance]:
    """Check a person in, by id or by registration code; sending it again changes nothing."""
    session = _session_for_checkin(request, session_id)
    person = services.resolve_person(
        actor=request.user, session=session, person_id=payload.person, code=payload.code
    )
    attendance, created = services.check_in(
        session=session,
        person=person,
        actor=request.user,
        checked_in_at=payload.checked_in_at,
        client_uuid=payload.client_uuid,
    )
    # Read after the write, in one query: what the server kept, as the sheet counts it.
    attendance.session_counts = selectors.session_counts(session)
    return Status(201 if created else 200, attendance)


@router.get("/sessions/{session_id}/attendance", response=list[AttendanceOut])
@paginate(Pages)
def list_attendance(request: HttpRequest, session_id: int) -> QuerySet:
    session = _session_for_checkin(request, session_id)
    return selectors.present_list(session).order_by("checked_in_at", "id")


@router.delete("/sessions/{session_id}/attendance/{person_id}", response={204: None})
def undo_check_in(request: HttpRequest, session_id: int, person_id: int) -> Status[None]:
    """Take back a check-in made by mistake (the event's managers and the session's trainers)."""
    session = _session_for_checkin(request, session_id)
    attendance = session.attendances.get(person_id=person_id)
    services.undo_check_in(attendance=attendance, actor=request.user)
    return Status(204, None)


@router.get("/events/{event_id}/beneficiaries", response=BeneficiariesOut)
def beneficiaries(request: HttpRequest, event_id: int) -> dict:
    """The programme figures of SPEC 5 and their breakdowns (managers and observers)."""
    event = event_selectors.event_for_view(user=request.user, pk=event_id)
    if not event_access.can_read_beneficiaries(request.user, event):
        raise PermissionDenied
    return event_beneficiaries(event)
