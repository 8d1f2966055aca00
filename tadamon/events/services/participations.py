"""Organizations taking part in an event, registered directly by its organizers.

Events run without a call (E3's 160 exhibitors) are filled here; the call for exhibitors
reaches the same records with ``source="call"``. An organization takes part at most once
per event: the database enforces it, and this module says so in words first.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event, Participation, Wave
from tadamon.registry import access as registry_access
from tadamon.registry.models import Organization

Status = Participation.Status
# Statuses that take one of a wave's places.
TAKES_A_PLACE = frozenset({Status.PENDING, Status.CONFIRMED})
# A new registration is either still to be confirmed or already confirmed.
REGISTRATION_STATUSES = frozenset({Status.PENDING, Status.CONFIRMED})

_UNCHANGED: Any = object()


def _check_wave(event: Event, wave: Wave | None, status: str, participation_pk: int | None) -> None:
    if wave is None:
        return
    if wave.event_id != event.pk:
        raise ValidationError({"wave": _("This wave belongs to another event.")})
    if wave.capacity is None or status not in TAKES_A_PLACE:
        return
    taken = (
        Participation.objects.filter(wave=wave, status__in=TAKES_A_PLACE)
        .exclude(pk=participation_pk)
        .count()
    )
    if taken >= wave.capacity:
        raise ValidationError(
            {
                "wave": _("The wave “%(wave)s” is full: %(capacity)s places are taken.")
                % {"wave": wave.name, "capacity": wave.capacity}
            }
        )


def _check_status(status: str, allowed: frozenset[str] | list[str]) -> None:
    if status not in allowed:
        raise ValidationError(
            {
                "status": _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(sorted(str(choice) for choice in allowed))}
            }
        )


@transaction.atomic
def register_participation(
    *,
    actor: Any,
    event: Event,
    organization: Organization,
    wave: Wave | None = None,
    status: str = Status.CONFIRMED,
    source: str = Participation.Source.DIRECT,
) -> Participation:
    """An organizer registers `organization` at `event` (in `wave`, when given)."""
    require_event_manager(actor, event)
    if not registry_access.organizations_for(actor).filter(pk=organization.pk).exists():
        raise PermissionDenied
    _check_status(status, REGISTRATION_STATUSES)
    if source not in Participation.Source.values:
        raise ValueError(f"Unknown participation source: {source!r}")
    existing = Participation.objects.filter(event=event, organization=organization).first()
    if existing is not None:
        raise ValidationError(
            {
                "organization": _(
                    "%(organization)s already takes part in this event (%(status)s); change "
                    "that participation instead."
                )
                % {"organization": organization, "status": existing.get_status_display()}
            },
            code="already_participating",
        )
    _check_wave(event, wave, status, None)
    participation = Participation(
        event=event, organization=organization, wave=wave, status=status, source=source
    )
    participation.full_clean(validate_constraints=False)
    participation.save()
    audit.record(
        actor=actor,
        action="events.participation.registered",
        obj=participation,
        created=True,
        data={"event": event.pk, "wave": wave.pk if wave else None, "status": status},
    )
    return participation


@transaction.atomic
def change_participation(
    *,
    actor: Any,
    participation: Participation,
    status: str = _UNCHANGED,
    wave: Wave | None = _UNCHANGED,
) -> Participation:
    """Change the status and/or the wave; what is not given stays (a wave of None clears it)."""
    event = participation.event
    require_event_manager(actor, event)
    new_status = participation.status if status is _UNCHANGED else status
    new_wave = participation.wave if wave is _UNCHANGED else wave
    _check_status(new_status, Status.values)
    wave_changed = (new_wave.pk if new_wave else None) != participation.wave_id
    # A full wave refuses newcomers, not the exhibitors already in it.
    if wave_changed or (participation.status not in TAKES_A_PLACE and new_status in TAKES_A_PLACE):
        _check_wave(event, new_wave, new_status, participation.pk)
    before = audit.snapshot(participation, ["status", "wave"])
    changed = {}
    if new_status != participation.status:
        changed["status"] = [participation.status, new_status]
    if wave_changed:
        changed["wave"] = [participation.wave_id, new_wave.pk if new_wave else None]
    participation.status = new_status
    participation.wave = new_wave
    participation.full_clean(validate_constraints=False)
    participation.save()
    audit.record(
        actor=actor,
        action="events.participation.changed",
        obj=participation,
        data=changed,
        before=before,
    )
    return participation


@transaction.atomic
def remove_participation(*, actor: Any, participation: Participation) -> None:
    require_event_manager(actor, participation.event)
    audit.record(
        actor=actor,
        action="events.participation.removed",
        obj=participation,
        deleted=True,
        data={"event": participation.event_id, "organization": participation.organization_id},
    )
    participation.delete()
