"""Programme sessions and registrations (SPEC 3E and 4).

Reading: the sessions scoping lets the caller see (managers: their events'; a trainer:
only their own sessions; exhibitors: those of published events). Writing sessions: only
the event's managers, 403 for a session the caller sees but does not manage, 404 for one
they cannot see. Registering a person: managers, the session's trainers, and an exhibitor
for its own people.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from tadamon.accounts.models import User
from tadamon.api.inputs import Errors, Pages
from tadamon.api.schemas import ReferenceOut
from tadamon.api.session_schemas import (
    RegistrationIn,
    RegistrationOut,
    RegistrationStatus,
    SessionIn,
    SessionKindCode,
    SessionOut,
    SessionPatch,
)
from tadamon.events.access import require_event_manager
from tadamon.programme import access as programme_access
from tadamon.programme.models import Registration, Session, Topic
from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.services import registrations as registration_services
from tadamon.programme.services import sessions as services
from tadamon.registry.models import Person
from tadamon.registry.selectors import people_list

router = Router(tags=["programme"])

# Body fields are Session.EDITABLE_FIELDS (tests/core/test_editable_fields), with the
# commune's name sent as "commune", and the topics and trainers.
_PLAIN_FIELDS = tuple(name for name in Session.EDITABLE_FIELDS if name != "commune_name")


def _session_to_manage(request: HttpRequest, session_id: int) -> Session:
    try:
        return selectors.session_for_manage(user=request.user, pk=session_id)
    except Session.DoesNotExist:
        selectors.session_for_view(user=request.user, pk=session_id)
        raise PermissionDenied from None


def _topics(codes: list[str]) -> list[Topic]:
    topics = {topic.code: topic for topic in Topic.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in topics]
    if unknown:
        raise ValidationError(
            {"topics": _("Unknown topic: %(codes)s.") % {"codes": ", ".join(unknown)}},
            code="unknown_reference",
        )
    return [topics[code] for code in dict.fromkeys(codes)]


def _trainers(ids: list[int]) -> list[User]:
    """Users by id; whether each is a trainer is the service's rule."""
    users = {user.pk: user for user in User.objects.filter(pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in users]
    if unknown:
        raise ValidationError(
            {"trainers": _("Unknown user: %(ids)s.") % {"ids": ", ".join(unknown)}},
            code="unknown_reference",
        )
    return [users[pk] for pk in dict.fromkeys(ids)]


def _session_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """The services' keyword arguments from the body fields sent."""
    errors = Errors()
    fields = {name: data[name] for name in _PLAIN_FIELDS if name in data}
    if "commune" in data:
        fields["commune_name"] = data["commune"]
    arguments: dict[str, Any] = {"fields": fields}
    if data.get("topics") is not None:
        arguments["topics"] = errors.check(_topics, data["topics"])
    if data.get("trainers") is not None:
        arguments["trainers"] = errors.check(_trainers, data["trainers"])
    errors.raise_if_any()
    return arguments


def _person(request: HttpRequest, session: Session, pk: int) -> Person:
    """A person the user may register to `session` (programme_access.registrable_people_for);
    403 for one they see but may not register, 400 for one they do not see."""
    try:
        return programme_access.registrable_people_for(request.user, session).get(pk=pk)
    except Person.DoesNotExist:
        if people_list(user=request.user).filter(pk=pk).exists():
            raise PermissionDenied from None
        raise ValidationError(
            {"person": _("Unknown person: %(id)s.") % {"id": pk}}, code="unknown_reference"
        ) from None


# Sessions --------------------------------------------------------------------------------


@router.get("/topics", response=list[ReferenceOut])
def list_topics(request: HttpRequest) -> QuerySet:
    """The taxonomy of training topics: the codes that sessions take."""
    return selectors.topic_choices()


@router.post("/events/{event_id}/sessions", response={201: SessionOut})
def create_session(request: HttpRequest, event_id: int, payload: SessionIn) -> Status[Session]:
    visible = selectors.programme_events_for(request.user)
    event = require_event_manager(request.user, event_id, visible=visible)
    session = services.create_session(
        actor=request.user, event=event, **_session_arguments(payload.model_dump())
    )
    return Status(201, session)


@router.get("/events/{event_id}/sessions", response=list[SessionOut])
@paginate(Pages)
def list_sessions(
    request: HttpRequest, event_id: int, kind: SessionKindCode | None = None
) -> QuerySet:
    """The event's sessions the caller may see, in time order."""
    event = selectors.event_for_programme(user=request.user, pk=event_id)
    return selectors.session_list(user=request.user, event=event, kind=kind or "")


@router.get("/sessions/{session_id}", response=SessionOut)
def get_session(request: HttpRequest, session_id: int) -> Session:
    return selectors.session_for_view(user=request.user, pk=session_id)


@router.patch("/sessions/{session_id}", response=SessionOut)
def update_session(request: HttpRequest, session_id: int, payload: SessionPatch) -> Session:
    session = _session_to_manage(request, session_id)
    services.update_session(
        actor=request.user,
        session=session,
        **_session_arguments(payload.model_dump(exclude_unset=True)),
    )
    return selectors.session_for_view(user=request.user, pk=session.pk)


@router.delete("/sessions/{session_id}", response={204: None})
def delete_session(request: HttpRequest, session_id: int) -> Status[None]:
    services.delete_session(actor=request.user, session=_session_to_manage(request, session_id))
    return Status(204, None)


# Registrations ---------------------------------------------------------------------------


@router.post("/sessions/{session_id}/registrations", response={201: RegistrationOut})
def register(
    request: HttpRequest, session_id: int, payload: RegistrationIn
) -> Status[Registration]:
    """A place while one remains (`registered`), else the waiting list (`waitlisted`)."""
    session = selectors.session_for_view(user=request.user, pk=session_id)
    registration = registration_services.register(
        actor=request.user, session=session, person=_person(request, session, payload.person)
    )
    return Status(201, registration)


@router.get("/sessions/{session_id}/registrations", response=list[RegistrationOut])
@paginate(Pages)
def list_registrations(
    request: HttpRequest, session_id: int, status: RegistrationStatus | None = None
) -> QuerySet:
    """In order of registration (the waiting list's order)."""
    session = selectors.session_for_view(user=request.user, pk=session_id)
    return selectors.registration_list(user=request.user, session=session, status=status or "")


@router.get("/registrations/{registration_id}", response=RegistrationOut)
def get_registration(request: HttpRequest, registration_id: int) -> Registration:
    return selectors.registration_for_view(user=request.user, pk=registration_id)


@router.post("/registrations/{registration_id}/cancel", response=RegistrationOut)
def cancel_registration(request: HttpRequest, registration_id: int) -> Registration:
    """The freed place goes to the first person on the waiting list."""
    registration = selectors.registration_for_view(user=request.user, pk=registration_id)
    return registration_services.cancel(actor=request.user, registration=registration).registration
