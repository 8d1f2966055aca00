"""Opening and changing an event's call for exhibitors and its scoring grid.

Only the event's managers (events.access.can_manage_event) may do this.
"""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tadamon.calls.models import Call, ReviewAssignment, Score, ScoringCriterion
from tadamon.calls.services.reviews import REVIEWABLE, recompute_call_scores
from tadamon.core import audit
from tadamon.core.updates import model_update, set_fields
from tadamon.events.access import require_event_manager
from tadamon.events.models import Event
from tadamon.registry.models import OrganizationKind, Region, Sector

CRITERION_FIELDS = frozenset({"name_ar", "name_fr", "weight", "max_points"})


def _invalid(field: str, message: str | list[str], code: str) -> ValidationError:
    """A field error that keeps its code (Django drops the code of a dict's values)."""
    messages = message if isinstance(message, list) else [message]
    return ValidationError({field: [ValidationError(m, code=code) for m in messages]})


def default_capacity(event: Event) -> int:
    """Places over all waves: each wave's own capacity, else its booths; without waves,
    the booths."""
    booths = event.booths.count()
    waves = list(event.waves.all())
    if not waves:
        return booths
    return sum(wave.capacity if wave.capacity is not None else booths for wave in waves)


def _validate(call: Call) -> None:
    """The model's rules, plus those that need the event."""
    errors: dict[str, list[str]] = {}
    if call.capacity is None:
        call.capacity = default_capacity(call.event)
        if not call.capacity:
            errors["capacity"] = [
                _("Give the number of places: the event has no booths or waves with places yet.")
            ]
    if call.closes_on and call.closes_on > call.event.end_date:
        errors["closes_on"] = [_("The call must close before the event ends.")]
    try:
        call.full_clean(exclude=["event"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _set_eligibility(
    call: Call,
    kinds: Iterable[OrganizationKind] | None,
    regions: Iterable[Region] | None,
    sectors: Iterable[Sector] | None,
) -> None:
    if kinds is not None:
        call.eligible_kinds.set(list(kinds))
    if regions is not None:
        call.eligible_regions.set(list(regions))
    if sectors is not None:
        call.eligible_sectors.set(list(sectors))


def _eligibility_codes(call: Call) -> dict[str, list[str]]:
    return {
        "kinds": [k.code for k in call.eligible_kinds.all()],
        "regions": [r.code for r in call.eligible_regions.all()],
        "sectors": [s.code for s in call.eligible_sectors.all()],
    }


@transaction.atomic
def open_call(
    *,
    actor,
    event: Event,
    fields: dict[str, Any],
    kinds: Iterable[OrganizationKind] = (),
    regions: Iterable[Region] = (),
    sectors: Iterable[Sector] = (),
) -> Call:
    """Create the event's call. `fields` holds opens_on, closes_on and optionally capacity
    (None or absent: booths × waves), microcredit_only, founded_before, offer_days,
    instructions_ar/_fr. Empty kinds/regions/sectors mean "all"."""
    require_event_manager(actor, event)
    if Call.objects.filter(event=event).exists():
        raise _invalid("event", _("This event already has a call for exhibitors."), "duplicate")
    call = Call(event=event, capacity=None)
    set_fields(call, fields=Call.EDITABLE_FIELDS, data=fields)
    _validate(call)
    call.save()
    _set_eligibility(call, kinds, regions, sectors)
    audit.record(
        actor=actor,
        action="events.call.opened",
        obj=call,
        data={"fields": sorted(fields), **_eligibility_codes(call)},
    )
    return call


@transaction.atomic
def update_call(
    *,
    actor,
    call: Call,
    fields: dict[str, Any],
    kinds: Iterable[OrganizationKind] | None = None,
    regions: Iterable[Region] | None = None,
    sectors: Iterable[Sector] | None = None,
) -> Call:
    """Change the fields given; a capacity of None goes back to booths × waves. Lists left
    as None are kept. Applications already submitted are not re-checked."""
    require_event_manager(actor, call.event)
    update = model_update(instance=call, fields=Call.EDITABLE_FIELDS, data=fields, clean=_validate)
    _set_eligibility(call, kinds, regions, sectors)
    audit.record(
        actor=actor,
        action="events.call.changed",
        obj=call,
        data={"fields": update.fields, **_eligibility_codes(call)},
        changes=update.changes,
    )
    return call


def _criterion_error(index: int, message: str) -> ValidationError:
    return ValidationError(
        {
            "criteria": _("Criterion %(number)s: %(message)s")
            % {"number": index + 1, "message": message}
        }
    )


@transaction.atomic
def set_criteria(
    *, actor, call: Call, criteria: Sequence[dict[str, Any]]
) -> list[ScoringCriterion]:
    """Replace the scoring grid. Each item has name_ar/name_fr, weight, max_points and,
    to keep an existing criterion (and its scores), its "id". A criterion that already has
    scores cannot be removed, nor its maximum lowered below points given. Applications'
    scores are recomputed with the new weights."""
    require_event_manager(actor, call.event)
    existing = {c.pk: c for c in call.criteria.all()}
    kept: list[ScoringCriterion] = []
    for index, item in enumerate(criteria):
        data = dict(item)
        pk = data.pop("id", None)
        unknown = set(data) - CRITERION_FIELDS
        if unknown:
            raise ValueError(f"Not fields of a criterion: {sorted(unknown)}")
        if pk is not None and pk not in existing:
            raise _criterion_error(index, _("it is not a criterion of this call."))
        criterion = existing.get(pk) or ScoringCriterion(call=call)
        for name, value in data.items():
            setattr(criterion, name, value)
        criterion.position = index
        if not (criterion.name_ar or "").strip() and not (criterion.name_fr or "").strip():
            raise _criterion_error(index, _("give its name in Arabic or in French."))
        given = Score.objects.filter(criterion_id=criterion.pk).order_by("-points").first()
        if criterion.pk and given and criterion.max_points and given.points > criterion.max_points:
            raise _criterion_error(
                index,
                _("reviewers already gave up to %(points)s points; the maximum cannot be lower.")
                % {"points": given.points},
            )
        try:
            criterion.full_clean(exclude=["call"])
        except ValidationError as error:
            raise _criterion_error(index, " ".join(error.messages)) from None
        kept.append(criterion)
    if kept and sum(Decimal(c.weight) for c in kept) <= 0:
        raise ValidationError({"criteria": _("At least one criterion needs a weight above 0.")})
    removed = [c for pk, c in existing.items() if pk not in {k.pk for k in kept}]
    scored = [c for c in removed if Score.objects.filter(criterion=c).exists()]
    if scored:
        message = _("“%(name)s” already has reviewers' scores and cannot be removed.")
        raise _invalid("criteria", message % {"name": scored[0]}, "scored")
    added = [c for c in kept if c.pk is None]
    for criterion in removed:
        criterion.delete()
    for criterion in kept:
        criterion.save()
    if added:
        # Reviews finished before a criterion was added are incomplete again: the
        # reviewers find them back in their list with their earlier points filled in.
        ReviewAssignment.objects.filter(
            application__call=call,
            application__status__in=REVIEWABLE,
            completed_at__isnull=False,
        ).update(completed_at=None)
    # Weights may have changed: every aggregate of the call follows.
    recompute_call_scores(call)
    audit.record(
        actor=actor,
        action="events.call.criteria",
        obj=call,
        data={"criteria": [[c.pk, str(c), str(c.weight), c.max_points] for c in kept]},
    )
    return kept
