"""Check-in: recording that a person is present at a session, and taking it back.

A check-in is recorded once per person and session however often it arrives: twice from a
hurried trainer, three times from a phone whose queue is sent again when its connection
returns. The database's unique constraint (attendance_once) is the guarantee; this module
reads the existing row first and, when two requests race past that read, catches the
IntegrityError and answers with the row the other request wrote.
"""

import datetime
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.programme import access as programme_access
from tadamon.programme.models import Attendance, Session
from tadamon.programme.selectors import attendance as selectors
from tadamon.registry.models import Person


def _existing(session: Session, person: Person) -> Attendance | None:
    return Attendance.objects.filter(session=session, person=person).first()


def _time_of(checked_in_at: datetime.datetime | None) -> datetime.datetime:
    now = timezone.now()
    if checked_in_at is None:
        return now
    if timezone.is_naive(checked_in_at):
        checked_in_at = timezone.make_aware(checked_in_at)
    # A phone's clock may run ahead: the record never claims a time still to come.
    return min(checked_in_at, now)


def resolve_person(
    *, actor: Any, session: Session, person_id: int | None = None, code: uuid.UUID | None = None
) -> Person:
    """The person to check in, given by id or by the code of a registration (a QR badge).

    Raises a ValidationError naming the field when nobody the actor may check in matches.
    """
    if code is not None:
        registration = selectors.registration_for_code(session=session, code=code)
        if registration is None:
            raise ValidationError(
                {"code": _("This code is not a registration for this event.")},
                code="unknown_reference",
            )
        return registration.person
    if person_id is None:
        raise ValidationError(
            {"person": _("Choose the person, or scan their registration code.")},
            code="required",
        )
    person = selectors.checkin_people(user=actor, session=session).filter(pk=person_id).first()
    if person is None:
        raise ValidationError(
            {"person": _("Unknown person: %(id)s.") % {"id": person_id}}, code="unknown_reference"
        )
    return person


@transaction.atomic
def check_in(
    *,
    session: Session,
    person: Person,
    actor: Any,
    checked_in_at: datetime.datetime | None = None,
    client_uuid: uuid.UUID | None = None,
) -> tuple[Attendance, bool]:
    """Record `person` present at `session`; answers (attendance, created).

    When the person is already checked in, the existing row comes back unchanged, whatever
    time or device id the repeated request carries.
    """
    if not programme_access.can_check_in(actor, session):
        raise PermissionDenied
    if not selectors.checkin_people(user=actor, session=session).filter(pk=person.pk).exists():
        raise PermissionDenied
    existing = _existing(session, person)
    if existing is not None:
        return existing, False
    if (
        client_uuid is not None
        and Attendance.objects.filter(session=session, client_uuid=client_uuid).exists()
    ):
        raise ValidationError(
            {"client_uuid": _("This check-in id was already used for another person.")},
            code="client_uuid_reused",
        )
    attendance = Attendance(
        session=session,
        person=person,
        checked_in_at=_time_of(checked_in_at),
        checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
        client_uuid=client_uuid,
    )
    # Uniqueness is the database's to enforce (see the race below), not a pre-read's; the
    # related rows were just read, so their existence needs no second look.
    attendance.full_clean(
        exclude=["session", "person", "checked_in_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        # Another request checked the same person in between our read and our write.
        winner = _existing(session, person)
        if winner is None:
            raise
        return winner, False
    audit.record(
        actor=actor,
        action="programme.attendance.checked_in",
        obj=attendance,
        data={
            "session": session.pk,
            "person": person.pk,
            "client_uuid": str(client_uuid) if client_uuid else None,
        },
    )
    return attendance, True


@transaction.atomic
def undo_check_in(*, attendance: Attendance, actor: Any) -> None:
    """Take back a check-in made by mistake (the event's managers and the session's trainers)."""
    if not programme_access.can_undo_check_in(actor, attendance.session):
        raise PermissionDenied
    audit.record(
        actor=actor,
        action="programme.attendance.undone",
        obj=attendance,
        data={
            "session": attendance.session_id,
            "person": attendance.person_id,
            "checked_in_at": attendance.checked_in_at.isoformat(),
        },
    )
    attendance.delete()
