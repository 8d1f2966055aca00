"""Actions on an event's programme: its sessions, their topics and trainers.

Only the event's managers act here (tadamon.events.access). A session lies within the
event's dates, read in the local time of the platform (Africa/Casablanca); its commune is
typed as text and linked to the reference list when it names a known commune of the
event's province (or region). Errors are ValidationErrors naming the field.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.accounts.models import Role
from tadamon.core import audit
from tadamon.core.updates import set_fields
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.programme import access as programme_access
from tadamon.programme.models import Registration, Session, Topic
from tadamon.programme.services.registrations import promote_waitlisted
from tadamon.registry.selectors import match_commune


def aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time sent without an offset is local time (what an organizer in Morocco means)."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _local_day(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _date_errors(session: Session) -> dict[str, list[str]]:
    event = session.event
    errors: dict[str, list[str]] = {}
    span = {"start": event.start_date.isoformat(), "end": event.end_date.isoformat()}
    for name in ("starts_at", "ends_at"):
        value = getattr(session, name)
        if value is None:
            continue
        day = _local_day(value)
        if day < event.start_date:
            errors[name] = [
                _("This is on %(day)s, before the event, which runs from %(start)s to %(end)s.")
                % {"day": day.isoformat(), **span}
            ]
        elif day > event.end_date:
            errors[name] = [
                _("This is on %(day)s, after the event, which runs from %(start)s to %(end)s.")
                % {"day": day.isoformat(), **span}
            ]
    return errors


def _trainer_errors(trainers: Iterable[Any] | None) -> dict[str, list[str]]:
    if trainers is None:
        return {}
    wrong = [user for user in trainers if user.role != Role.TRAINER or not user.is_active]
    if not wrong:
        return {}
    names = ", ".join(user.get_full_name() or user.username for user in wrong)
    return {"trainers": [_("Not an active trainer: %(names)s.") % {"names": names}]}


def _capacity_errors(session: Session) -> dict[str, list[str]]:
    if session.capacity is None:
        return {}
    if session.capacity < 1:
        return {"capacity": [_("A session needs at least one place (or leave it empty).")]}
    if session.pk is None:
        return {}
    taken = session.registrations.filter(status=Registration.Status.REGISTERED).count()
    if session.capacity < taken:
        # Nobody loses a place they were given: the organizer cancels registrations first.
        return {
            "capacity": [
                _(
                    "%(count)s people are already registered; give at least %(count)s places "
                    "or cancel registrations first."
                )
                % {"count": taken}
            ]
        }
    return {}


def _place_commune(session: Session, changed: list[str]) -> None:
    """Link the typed name to the reference commune it names, if exactly one fits."""
    if session.pk is not None and "commune_name" not in changed:
        return
    session.commune_name = (session.commune_name or "").strip()
    event = session.event
    commune = None
    if session.commune_name and event.province_id:
        commune = match_commune(session.commune_name, province=event.province)
    if session.commune_name and commune is None:
        commune = match_commune(session.commune_name, region=event.region)
    session.commune = commune


def _validate_and_save(session: Session, trainers: Iterable[Any] | None) -> None:
    errors: dict[str, Any] = {}
    try:
        session.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for extra in (_date_errors(session), _trainer_errors(trainers), _capacity_errors(session)):
        for name, messages in extra.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    session.save()


def _prepare(fields: Mapping[str, Any]) -> dict[str, Any]:
    fields = dict(fields)
    for name in ("starts_at", "ends_at"):
        if name in fields:
            fields[name] = aware(fields[name])
    return fields


@transaction.atomic
def create_session(
    *,
    actor: Any,
    event: Event,
    fields: Mapping[str, Any],
    topics: Iterable[Topic] = (),
    trainers: Iterable[Any] = (),
) -> Session:
    require_event_manager(actor, event)
    trainers = list(trainers)
    session = Session(event=event)
    changed = set_fields(session, fields=Session.EDITABLE_FIELDS, data=_prepare(fields))
    _place_commune(session, changed)
    _validate_and_save(session, trainers)
    session.topics.set(list(topics))
    session.trainers.set(trainers)
    audit.record(
        actor=actor,
        action="programme.session.created",
        obj=session,
        data={"event": event.pk, "trainers": [user.pk for user in trainers]},
    )
    return session


@transaction.atomic
def update_session(
    *,
    actor: Any,
    session: Session,
    fields: Mapping[str, Any],
    topics: Iterable[Topic] | None = None,
    trainers: Iterable[Any] | None = None,
) -> Session:
    """Only the fields given change; `topics` or `trainers` of None stay as they are.

    More places (or none: no limit) give them at once to the people waiting.
    """
    if not programme_access.can_manage_session(actor, session):
        raise PermissionDenied
    # Locked like a registration would lock it: places are counted against the capacity.
    Session.objects.select_for_update(of=("self",)).filter(pk=session.pk).first()
    trainers = None if trainers is None else list(trainers)
    changed = set_fields(session, fields=Session.EDITABLE_FIELDS, data=_prepare(fields))
    _place_commune(session, changed)
    _validate_and_save(session, trainers)
    if topics is not None:
        session.topics.set(list(topics))
        changed.append("topics")
    if trainers is not None:
        session.trainers.set(trainers)
        changed.append("trainers")
    promoted = promote_waitlisted(actor=actor, session=session) if "capacity" in changed else []
    audit.record(
        actor=actor,
        action="programme.session.changed",
        obj=session,
        data={"fields": changed, "promoted": [registration.pk for registration in promoted]},
    )
    return session


@transaction.atomic
def delete_session(*, actor: Any, session: Session) -> None:
    """A session with recorded attendance stays: those figures feed the reports."""
    if not programme_access.can_manage_session(actor, session):
        raise PermissionDenied
    present = session.attendances.count()
    if present:
        raise ValidationError(
            _(
                "%(count)s people were checked in at this session; it cannot be deleted "
                "without losing them from the reports."
            )
            % {"count": present},
            code="session_has_attendance",
        )
    audit.record(
        actor=actor,
        action="programme.session.deleted",
        obj=session,
        data={"event": session.event_id, "registrations": session.registrations.count()},
    )
    session.delete()
