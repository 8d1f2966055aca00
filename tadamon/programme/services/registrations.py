"""Registering people to sessions, within capacity, with a waiting list.

register() gives a place while one remains, else a place on the waiting list; cancel()
frees the place and gives it to the first person waiting, in the same transaction. Both
lock the session row first (select_for_update), so that two registrations arriving
together cannot take the same last place. The waiting list is first come, first served
(by the time of registration).

Who may register someone: the event's managers, the session's trainers, and an exhibitor
for its own organization's people (tadamon.accounts.programme_access.can_register).
"""

from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.programme import access as programme_access
from tadamon.programme.models import Registration, Session
from tadamon.registry import services as registry_services
from tadamon.registry.models import Person

Status = Registration.Status


class Cancellation(NamedTuple):
    registration: Registration
    promoted: list[Registration]


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session.pk)
    )


def free_places(session: Session) -> int | None:
    """Places left, or None when the session has no limit."""
    if session.capacity is None:
        return None
    taken = session.registrations.filter(status=Status.REGISTERED).count()
    return max(session.capacity - taken, 0)


def promote_waitlisted(*, actor: Any, session: Session) -> list[Registration]:
    """Give the free places to the people waiting, first come first served.

    Called inside the transaction (and the session lock) of whoever freed the places.
    """
    free = free_places(session)
    waiting = (
        session.registrations.filter(status=Status.WAITLISTED)
        .order_by("created_at", "id")
        .select_for_update()
    )
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = Status.REGISTERED
        registration.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="programme.registration.promoted",
            obj=registration,
            data={"session": session.pk, "person": registration.person_id},
        )
    return promoted


@transaction.atomic
def register(*, actor: Any, session: Session, person: Person) -> Registration:
    """Register `person`: a place if one remains, else the waiting list.

    Registering someone already registered or waiting is an error; someone whose
    registration was cancelled registers again at the end of the queue.
    """
    if not programme_access.can_register(actor, session, person):
        raise PermissionDenied
    session = _locked(session)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(session=session, person=person)
        .first()
    )
    if registration is not None and registration.status != Status.CANCELLED:
        raise ValidationError(
            {
                "person": _("%(person)s is already registered to this session (%(status)s).")
                % {"person": person, "status": registration.get_status_display()}
            },
            code="already_registered",
        )
    # People already waiting take any free place before a newcomer does.
    promote_waitlisted(actor=actor, session=session)
    free = free_places(session)
    status = Status.REGISTERED if free is None or free > 0 else Status.WAITLISTED
    by = actor if getattr(actor, "is_authenticated", False) else None
    if registration is None:
        registration = Registration(session=session, person=person)
    else:
        # One row per person and session (the database says so): the cancelled one returns.
        registration.created_at = timezone.now()
    registration.status = status
    registration.registered_by = by
    registration.save()
    audit.record(
        actor=actor,
        action="programme.registration.created",
        obj=registration,
        data={"session": session.pk, "person": person.pk, "status": status},
    )
    return registration


@transaction.atomic
def register_new_person(*, actor: Any, session: Session, fields: dict[str, Any]) -> Registration:
    """Add a person to the registry and register them, all or nothing."""
    person = registry_services.save_person(actor=actor, fields=fields)
    return register(actor=actor, session=session, person=person)


@transaction.atomic
def cancel(*, actor: Any, registration: Registration) -> Cancellation:
    """Cancel a registration; a freed place goes to the first person waiting."""
    if not programme_access.can_register(actor, registration.session, registration.person):
        raise PermissionDenied
    session = _locked(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise ValidationError(
            _("This registration is already cancelled."), code="already_cancelled"
        )
    freed = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="programme.registration.cancelled",
        obj=registration,
        data={"session": session.pk, "person": registration.person_id},
    )
    promoted = promote_waitlisted(actor=actor, session=session) if freed else []
    return Cancellation(registration, promoted)
