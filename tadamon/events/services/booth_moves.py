"""Moving an exhibitor to another booth or wave by hand: every rule is checked again and
each one the move breaks is named; a same-sector neighbour is only a warning."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.events.access import require_event_manager
from tadamon.events.models import (
    AllocationRun,
    Booth,
    BoothAssignment,
    Event,
    Participation,
    Wave,
)
from tadamon.events.services.allocation import (
    allowed_waves,
    latest_done_run,
    neighbours_of,
    sector_of,
    wave_capacity,
    wave_is_fixed,
    waves_chosen,
    wishes_of,
    zones_for,
)


@dataclass
class MoveResult:
    assignment: BoothAssignment
    warnings: list[str] = field(default_factory=list)


def _add(errors: dict[str, list[str]], name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _sector_zones_in_force(event: Event) -> dict[str, list[str]] | None:
    run = latest_done_run(event)
    if run is None:
        return None
    return run.outcome.sector_zones or None


def _check_move(
    participation: Participation, booth: Booth, wave: Wave | None, chosen: Mapping[int, int]
) -> dict[str, list[str]]:
    """One message per hard constraint the move breaks."""
    event = participation.event
    organization = participation.organization
    errors: dict[str, list[str]] = {}
    if participation.status != Participation.Status.CONFIRMED:
        _add(errors, "participation", _("Only confirmed exhibitors get a booth."))
    event_waves = {w.pk: w for w in event.waves.all()}
    if event_waves and wave is None:
        _add(errors, "wave", _("Choose the wave: this event has waves."))
    elif not event_waves and wave is not None:
        _add(errors, "wave", _("This event has no waves."))
    elif wave is not None and wave.event_id != event.pk:
        _add(errors, "wave", _("This wave belongs to another event."))
    if booth.event_id != event.pk:
        _add(errors, "booth", _("Booth %(booth)s belongs to another event.") % {"booth": booth})
        return errors
    wishes = wishes_of(participation)
    wave_ok = "wave" not in errors
    if wave_ok and wave is not None:
        allowed = allowed_waves(participation, wishes, chosen, event_waves)
        if allowed is not None and wave.pk not in {w.pk for w in allowed}:
            if wave_is_fixed(participation, chosen):
                message = _(
                    "%(name)s takes part in wave “%(fixed)s” only; change the participation's "
                    "wave first."
                ) % {"name": organization, "fixed": participation.wave}
            else:
                message = _("%(name)s can attend only these waves: %(waves)s.") % {
                    "name": organization,
                    "waves": ", ".join(w.name for w in allowed),
                }
            _add(errors, "wave", message)
        capacity = wave_capacity(event, event.booths.count(), [wave])
        occupied = (
            BoothAssignment.objects.filter(event=event, wave=wave)
            .exclude(participation=participation)
            .count()
        )
        if occupied >= capacity:
            _add(
                errors,
                "wave",
                _("Wave “%(wave)s” is full: %(capacity)s exhibitors already have a booth.")
                % {"wave": wave, "capacity": capacity},
            )
    if wave_ok:
        holder = (
            BoothAssignment.objects.filter(booth=booth, wave=wave)
            .exclude(participation=participation)
            .select_related("participation__organization")
            .first()
        )
        if holder is not None:
            if wave is not None:
                message = _("Booth %(booth)s is already taken in wave “%(wave)s” by %(name)s.")
            else:
                message = _("Booth %(booth)s is already taken by %(name)s.")
            _add(
                errors,
                "booth",
                message % {"booth": booth, "wave": wave, "name": holder.participation.organization},
            )
    if wishes is not None and wishes.needs_accessible_booth and not booth.accessible:
        _add(
            errors,
            "booth",
            _("%(name)s needs an accessible booth; booth %(booth)s is not accessible.")
            % {"name": organization, "booth": booth},
        )
    sector = sector_of(participation)
    zones = zones_for(sector, _sector_zones_in_force(event))
    if zones is not None and booth.zone not in zones:
        _add(
            errors,
            "booth",
            _(
                "The sector %(sector)s is placed in zone(s) %(zones)s; booth %(booth)s is in "
                "zone “%(zone)s”."
            )
            % {
                "sector": organization.primary_sector,
                "zones": ", ".join(zones),
                "booth": booth,
                "zone": booth.zone,
            },
        )
    return errors


def neighbour_warnings(participation: Participation, booth: Booth, wave: Wave | None) -> list[str]:
    """Same-sector exhibitors in the booths next to `booth` in `wave` (allowed, but said)."""
    sector = participation.organization.primary_sector_id
    if sector is None:
        return []
    neighbours = neighbours_of(participation.event.booths.filter(zone=booth.zone)).get(
        booth.pk, set()
    )
    same = (
        BoothAssignment.objects.filter(
            booth_id__in=neighbours,
            wave=wave,
            participation__organization__primary_sector_id=sector,
        )
        .exclude(participation=participation)
        .select_related("booth", "participation__organization")
        .order_by("booth__code")
    )
    return [
        _("Next door, booth %(booth)s holds %(name)s, of the same sector.")
        % {"booth": other.booth, "name": other.participation.organization}
        for other in same
    ]


def move_exhibitor(
    *, actor: Any, participation: Participation, booth: Booth, wave: Wave | None = None
) -> MoveResult:
    """Put the exhibitor in `booth` for `wave` (None for an event without waves)."""
    participation = Participation.objects.select_related(
        "event", "organization__primary_sector", "wave"
    ).get(pk=participation.pk)
    event = participation.event
    require_event_manager(actor, event)
    run = latest_done_run(event)
    chosen = waves_chosen(event, run)
    errors = _check_move(participation, booth, wave, chosen)
    if errors:
        raise ValidationError(errors, code="move_refused")
    flexible = not wave_is_fixed(participation, chosen)
    try:
        with transaction.atomic():
            assignment = BoothAssignment.objects.filter(participation=participation).first()
            before = (assignment.booth_id, assignment.wave_id) if assignment else None
            if assignment is None:
                assignment = BoothAssignment(event=event, participation=participation)
            assignment.booth = booth
            assignment.wave = wave
            assignment.assigned_by = actor if getattr(actor, "is_authenticated", False) else None
            assignment.full_clean(validate_unique=False, validate_constraints=False)
            assignment.save()
            if wave is not None and flexible and participation.wave_id != wave.pk:
                participation.wave = wave
                participation.save(update_fields=["wave", "updated_at"])
            if wave is not None and flexible and run is not None:
                run = AllocationRun.objects.select_for_update().get(pk=run.pk)
                run.result.setdefault("waves_chosen", {})[str(participation.pk)] = wave.pk
                run.save(update_fields=["result"])
            audit.record(
                actor=actor,
                action="events.allocation.moved",
                obj=assignment,
                data={
                    "participation": participation.pk,
                    "from": before,
                    "to": [booth.pk, wave.pk if wave else None],
                },
            )
    except IntegrityError as error:
        # Another request took the booth between the checks and the save.
        raise ValidationError(
            {
                "booth": _(
                    "Booth %(booth)s was taken by another change a moment ago; choose "
                    "another booth."
                )
                % {"booth": booth}
            },
            code="booth_taken",
        ) from error
    return MoveResult(
        assignment=assignment, warnings=neighbour_warnings(participation, booth, wave)
    )


@transaction.atomic
def remove_assignment(*, actor: Any, participation: Participation) -> bool:
    """Take the exhibitor's booth away (answers whether it had one)."""
    require_event_manager(actor, participation.event)
    assignment = BoothAssignment.objects.filter(participation=participation).first()
    if assignment is None:
        return False
    audit.record(
        actor=actor,
        action="events.allocation.removed",
        obj=assignment,
        data={"participation": participation.pk, "booth": assignment.booth_id},
    )
    assignment.delete()
    return True
