"""Booths and waves for an event's exhibitors (SPEC 3D): computed by the optimizer, stored at
once, adjusted by hand with every constraint checked again.

1. :func:`build_instance` turns the event into the input of ``tadamon.optimize.allocation``
   (SPEC 6, ``allocate``):

   - exhibitors are the event's *confirmed* participations (exhibitor id = participation id);
     sector = the organization's main sector code (null without one: never "same sector" as
     anybody), region = its region code;
   - ``waves`` is ``[label]`` when the participation's wave is fixed (chosen by the organizer,
     see below), else the waves the organization said it can attend on its application, else
     null (any wave); ``needs_accessible`` comes from the organization's application to the
     event's call (both read through tadamon.events.wishes);
   - booths carry their zone (null when it has none) and accessibility (ids are booth
     ids). Two booths are
     *neighbours* when they are in the same zone and either in the same row with columns
     differing by 1, or in the same column with rows differing by 1. Booths without a row
     and a column have no neighbours. Zones are separate areas: booths of two zones are
     never neighbours, even with adjacent positions;
   - ``waves`` are the event's wave labels; an event without waves is one pseudo-wave
     ``"all"`` (its assignments have no wave). ``wave_capacity`` is the number of booths, or the
     smallest capacity set on a wave when that is smaller (the contract has one capacity for
     all waves);
   - ``sector_zones`` ({zone: [sector codes]}) is the organizer's optional rule of which
     zones receive which sectors; it is kept in the run's ``result["input_options"]``. A
     sector listed for some zones goes only there; a sector not listed goes anywhere.

2. :func:`start_allocation` records an :class:`AllocationRun` (queued) and hands it to the
   background task ``run_allocation`` below (at once in-process with the
   default backend), which calls :func:`execute_run`: running 10% → instance built → solved
   90% → :func:`store_result` replaces the event's booth assignments in one transaction
   and sets each participation's wave when the optimizer chose it.

   A wave the optimizer chose stays *flexible*: it is remembered in the run's
   ``result["waves_chosen"]``, so the next run may change it and a move by hand may put the
   exhibitor in another wave. A wave set by the organizer (or through the call) is *fixed*.

3. :func:`move_exhibitor` puts one exhibitor in another booth and/or wave by hand after
   checking every hard constraint again, with one message per constraint the move breaks.
   A same-sector neighbour is a warning, not a refusal. The database's unique constraint on
   (booth, wave) settles two moves racing for the same booth: the loser gets a
   ValidationError, never a 500.
"""

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tadamon.core import audit, runs
from tadamon.events.access import require_event_manager
from tadamon.events.models import (
    AllocationResult,
    AllocationRun,
    Booth,
    BoothAssignment,
    Event,
    Participation,
    Wave,
)
from tadamon.events.selectors.allocation import confirmed_participations
from tadamon.events.wishes import Wishes, wishes_by_organization
from tadamon.optimize.allocation import allocate
from tadamon.optimize.errors import InstanceError
from tadamon.registry.models import Sector

Status = AllocationRun.Status

NO_WAVE = "all"  # the pseudo-wave of an event without waves
METHODS = ("optimal", "greedy")
# E1's size (180 exhibitors, 3 waves of 60 booths) is proven optimal in under a second on a
# 2-core machine; a national fair (1,000 exhibitors) is given up to a minute for a 1% gap.
DEFAULT_TIME_LIMIT_S = 60
MAX_TIME_LIMIT_S = 600


# The instance ------------------------------------------------------------------------------


def neighbour_pairs(booths: Iterable[Booth]) -> list[tuple[Booth, Booth]]:
    """Pairs of neighbouring booths (see the module's docstring), each pair once."""
    at: dict[tuple[str, int, int], Booth] = {}
    for booth in booths:
        if booth.row is not None and booth.column is not None:
            at[(booth.zone, booth.row, booth.column)] = booth
    pairs = []
    for (zone, row, column), booth in sorted(at.items(), key=lambda item: item[1].pk):
        for other_key in ((zone, row, column + 1), (zone, row + 1, column)):
            other = at.get(other_key)
            if other is not None:
                pairs.append((booth, other))
    return pairs


def neighbours_of(booths: Iterable[Booth]) -> dict[int, set[int]]:
    """Booth id → the ids of its neighbours."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for first, second in neighbour_pairs(booths):
        neighbours[first.pk].add(second.pk)
        neighbours[second.pk].add(first.pk)
    return neighbours


def sector_of(participation: Participation) -> str | None:
    """The sector the optimizer sees: the main sector's code."""
    sector = participation.organization.primary_sector
    return sector.code if sector is not None else None


def wishes_of(participation: Participation) -> Wishes | None:
    """What the participation's organization asked for at its event (see tadamon.events.wishes)."""
    event = participation.event
    return wishes_by_organization(event, [participation.organization_id]).get(
        participation.organization_id
    )


def latest_done_run(event: Event) -> AllocationRun | None:
    return event.allocation_runs.filter(status=Status.DONE).order_by("-created_at", "-pk").first()


def waves_chosen(event: Event, run: AllocationRun | None = None) -> dict[int, int]:
    """Participation id → the wave id the last allocation chose (moves by hand included)."""
    run = run if run is not None else latest_done_run(event)
    if run is None:
        return {}
    return {int(pk): int(wave) for pk, wave in run.outcome.waves_chosen.items()}


def wave_is_fixed(participation: Participation, chosen: Mapping[int, int]) -> bool:
    """True when the participation's wave was set by the organizer, not by an allocation."""
    return (
        participation.wave_id is not None and chosen.get(participation.pk) != participation.wave_id
    )


def allowed_waves(
    participation: Participation,
    wishes: Wishes | None,
    chosen: Mapping[int, int],
    event_waves: Mapping[int, Wave],
) -> list[Wave] | None:
    """The waves the exhibitor may be in; None means any."""
    if wave_is_fixed(participation, chosen):
        return [event_waves[participation.wave_id]]
    if wishes is not None:
        preferred = [event_waves[pk] for pk in wishes.wave_ids if pk in event_waves]
        if preferred:
            return sorted(preferred, key=lambda wave: (wave.start_date, wave.pk))
    return None


def zones_for(sector: str | None, sector_zones: Mapping[str, list[str]] | None) -> list[str] | None:
    if not sector_zones or sector is None:
        return None
    zones = sorted(zone for zone, sectors in sector_zones.items() if sector in sectors)
    return zones or None


def wave_capacity(event: Event, booth_count: int, waves: Iterable[Wave]) -> int:
    capacities = [wave.capacity for wave in waves if wave.capacity is not None]
    return min([booth_count, *capacities])


def build_instance(
    event: Event, *, sector_zones: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    """The input of ``allocate`` for `event` (see the module's docstring)."""
    booths = list(event.booths.order_by("pk"))
    waves = list(event.waves.order_by("start_date", "pk"))
    event_waves = {wave.pk: wave for wave in waves}
    wishes = wishes_by_organization(event)
    chosen = waves_chosen(event)
    exhibitors = []
    for participation in confirmed_participations(event):
        wished = wishes.get(participation.organization_id)
        allowed = allowed_waves(participation, wished, chosen, event_waves) if waves else None
        sector = sector_of(participation)
        exhibitors.append(
            {
                "id": participation.pk,
                "sector": sector,
                "region": participation.organization.region.code,
                "waves": None if allowed is None else [wave.label for wave in allowed],
                "needs_accessible": bool(wished and wished.needs_accessible_booth),
                "zones": zones_for(sector, sector_zones),
            }
        )
    return {
        "booths": [
            {"id": booth.pk, "zone": booth.zone or None, "accessible": booth.accessible}
            for booth in booths
        ],
        "adjacency": [[first.pk, second.pk] for first, second in neighbour_pairs(booths)],
        "waves": [wave.label for wave in waves] or [NO_WAVE],
        "wave_capacity": wave_capacity(event, len(booths), waves),
        "exhibitors": exhibitors,
        "sector_zones": dict(sector_zones) if sector_zones else None,
    }


# Starting a run ----------------------------------------------------------------------------


def clean_sector_zones(event: Event, sector_zones: Any) -> dict[str, list[str]] | None:
    """{zone: [sector codes]} checked against the event's zones and the sector list."""
    if sector_zones in (None, {}, ""):
        return None
    if not isinstance(sector_zones, Mapping):
        raise ValidationError({"sector_zones": _("Give, for each zone, a list of sector codes.")})
    zones = set(event.booths.exclude(zone="").values_list("zone", flat=True))
    known = set(Sector.objects.values_list("code", flat=True))
    errors = []
    cleaned: dict[str, list[str]] = {}
    for zone, sectors in sector_zones.items():
        zone = str(zone).strip()
        if zone not in zones:
            errors.append(_("The event has no zone “%(zone)s”.") % {"zone": zone})
            continue
        if isinstance(sectors, str) or not isinstance(sectors, Iterable):
            errors.append(_("Zone %(zone)s: give a list of sector codes.") % {"zone": zone})
            continue
        codes = [str(code).strip() for code in sectors if str(code).strip()]
        unknown = [code for code in codes if code not in known]
        if unknown:
            errors.append(
                _("Zone %(zone)s: unknown sector codes: %(codes)s.")
                % {"zone": zone, "codes": ", ".join(unknown)}
            )
            continue
        cleaned[zone] = sorted(set(codes))
    if errors:
        raise ValidationError({"sector_zones": errors})
    return cleaned or None


def active_run(event: Event) -> AllocationRun | None:
    """A run of `event` still queued or running (and not stale)."""
    return runs.active(event.allocation_runs.all())


def start_allocation(
    *,
    actor: Any,
    event: Event,
    method: str = "optimal",
    sector_zones: Any = None,
    time_limit_s: int | None = None,
) -> AllocationRun:
    """Record a run and hand it to the background task; answer the run (done already with the
    default in-process backend). Call it outside a transaction, so that a worker sees it."""
    require_event_manager(actor, event)
    if method not in METHODS:
        raise ValidationError(
            {"method": _("Choose one of: %(choices)s.") % {"choices": ", ".join(METHODS)}}
        )
    limit = DEFAULT_TIME_LIMIT_S if time_limit_s is None else int(time_limit_s)
    if not 1 <= limit <= MAX_TIME_LIMIT_S:
        raise ValidationError(
            {"time_limit_s": _("Between 1 and %(max)s seconds.") % {"max": MAX_TIME_LIMIT_S}}
        )
    cleaned = clean_sector_zones(event, sector_zones)
    errors = {}
    if not event.booths.exists():
        errors["booths"] = _("The event has no booths yet: add its floor plan first.")
    if not event.participations.filter(status=Participation.Status.CONFIRMED).exists():
        errors["participations"] = _("The event has no confirmed exhibitors to place.")
    if errors:
        raise ValidationError(errors)

    def create() -> AllocationRun:
        run = AllocationRun.objects.create(
            event=event,
            status=Status.QUEUED,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            result={
                "input_options": {
                    "method": method,
                    "sector_zones": cleaned,
                    "time_limit_s": limit,
                }
            },
        )
        audit.record(
            actor=actor,
            action="events.allocation.started",
            obj=run,
            data={"event": event.pk, "method": method, "sector_zones": cleaned},
        )
        return run

    run = runs.start(
        event.allocation_runs.all(),
        scope=event,
        create=create,
        busy=_("An allocation of this event is already being computed; wait for it to end."),
    )
    run_allocation.enqueue(run.pk)
    run.refresh_from_db()
    return run


# Running it (in the background task) -------------------------------------------------------


def execute_run(run_id: int) -> None:
    """The background task's work; every failure ends as a failed run with its message."""
    runs.execute(AllocationRun.objects.select_related("event"), run_id, _compute, explain=_explain)


def _compute(run: AllocationRun) -> None:
    runs.set_progress(run, 5, _("Reading the event."))
    options = run.outcome.input_options
    instance = build_instance(run.event, sector_zones=options.get("sector_zones"))
    if options.get("method") == "greedy":
        instance["method"] = "greedy"
    runs.set_progress(
        run,
        10,
        _("%(exhibitors)s exhibitors, %(booths)s booths: computing.")
        % {"exhibitors": len(instance["exhibitors"]), "booths": len(instance["booths"])},
    )
    started = time.perf_counter()
    output = allocate(
        instance,
        time_limit_s=options.get("time_limit_s", DEFAULT_TIME_LIMIT_S),
        seed=0,
    )
    seconds = round(time.perf_counter() - started, 3)
    runs.set_progress(run, 90, _("Saving the booths."))
    store_result(run=run, instance=instance, output=output, seconds=seconds)


def _explain(error: Exception) -> str | None:
    """The message of a failure the organizer can act on; None for a bug."""
    if isinstance(error, InstanceError):
        return _("The optimizer refused the event's data: %(error)s") % {"error": error}
    if isinstance(error, IntegrityError):
        return _("Booths were given by hand during the computation; compute again.")
    return runs.explain_validation(error)


def check_output(instance: Mapping[str, Any], output: Mapping[str, Any]) -> None:
    """Refuse an optimizer answer that breaks a hard constraint (it never should)."""
    booths = {booth["id"]: booth for booth in instance["booths"]}
    exhibitors = {exhibitor["id"]: exhibitor for exhibitor in instance["exhibitors"]}
    seen: set[Any] = set()
    taken: set[tuple[Any, Any]] = set()
    loads: Counter = Counter()
    problems = []
    for item in output.get("assignments", []):
        exhibitor = exhibitors.get(item.get("exhibitor"))
        booth = booths.get(item.get("booth"))
        wave = item.get("wave")
        key = (item.get("booth"), wave)
        if exhibitor is None or booth is None or wave not in instance["waves"]:
            problems.append(f"unknown exhibitor, booth or wave in {item}")
        elif exhibitor["id"] in seen:
            problems.append(f"exhibitor {exhibitor['id']} placed twice")
        elif key in taken:
            problems.append(f"booth {booth['id']} given twice in wave {wave!r}")
        elif exhibitor["waves"] is not None and wave not in exhibitor["waves"]:
            problems.append(f"exhibitor {exhibitor['id']} in a wave it cannot attend")
        elif exhibitor["needs_accessible"] and not booth["accessible"]:
            problems.append(f"exhibitor {exhibitor['id']} in a booth that is not accessible")
        elif exhibitor["zones"] is not None and booth["zone"] not in exhibitor["zones"]:
            problems.append(f"exhibitor {exhibitor['id']} outside its zones")
        else:
            seen.add(exhibitor["id"])
            taken.add(key)
            loads[wave] += 1
    if any(load > instance["wave_capacity"] for load in loads.values()):
        problems.append("a wave over its capacity")
    if problems:
        raise ValidationError(
            _("The optimizer's answer breaks a rule (%(problem)s); nothing was saved.")
            % {"problem": problems[0]}
        )


def _gap(objective: Any, bound: Any) -> float | None:
    if objective is None or bound is None:
        return None
    if bound == objective:
        return 0.0
    if not bound:
        return None
    return round((bound - objective) / abs(bound), 6)


def same_sector_neighbours(event: Event) -> list[tuple[BoothAssignment, BoothAssignment]]:
    """Pairs of neighbouring booths given, in one wave, to exhibitors of the same sector."""
    assignments = list(
        event.assignments.select_related(
            "booth", "participation__organization__primary_sector", "wave"
        )
    )
    by_place = {(a.booth_id, a.wave_id): a for a in assignments}
    pairs = []
    for first, second in neighbour_pairs(event.booths.all()):
        for wave_id in {a.wave_id for a in assignments}:
            one, other = by_place.get((first.pk, wave_id)), by_place.get((second.pk, wave_id))
            if one is None or other is None:
                continue
            sector = one.participation.organization.primary_sector_id
            if sector is not None and sector == other.participation.organization.primary_sector_id:
                pairs.append((one, other))
    return pairs


@transaction.atomic
def store_result(
    *,
    run: AllocationRun,
    instance: Mapping[str, Any],
    output: Mapping[str, Any],
    seconds: float | None = None,
) -> AllocationRun:
    """Replace the event's booth assignments with the optimizer's, all or nothing. Only for
    a run still running: one abandoned as stale meanwhile (a newer run may have started)
    keeps its end, and the booths stay as they are."""
    event = Event.objects.select_for_update().get(pk=run.event_id)
    run = AllocationRun.objects.select_for_update().get(pk=run.pk)
    if run.status != Status.RUNNING:
        raise ValidationError(
            _("This run was abandoned while it computed; its booths were not saved."),
            code="run_not_running",
        )
    check_output(instance, output)
    waves = {wave.label: wave for wave in event.waves.all()}
    booths = {booth.pk: booth for booth in event.booths.all()}
    previous = waves_chosen(event)
    participations = {p.pk: p for p in confirmed_participations(event)}
    event.assignments.all().delete()
    rows, chosen, changed, skipped = [], {}, [], []
    now = timezone.now()
    for item in output.get("assignments", []):
        participation = participations.get(item["exhibitor"])
        booth = booths.get(item["booth"])
        wave = waves.get(item["wave"]) if waves else None
        if participation is None or booth is None or (waves and wave is None):
            # Withdrawn, or the booth or wave deleted, while the optimizer was running.
            skipped.append(item["exhibitor"])
            continue
        rows.append(
            BoothAssignment(
                event=event,
                participation=participation,
                wave=wave,
                booth=booth,
                assigned_by=run.created_by,
            )
        )
        if wave is not None and not wave_is_fixed(participation, previous):
            chosen[str(participation.pk)] = wave.pk
            if participation.wave_id != wave.pk:
                participation.wave = wave
                participation.updated_at = now
                changed.append(participation)
    placed = {row.participation_id for row in rows}
    for participation in participations.values():
        # A wave an earlier run chose is given back when this run places nobody there.
        given_back = participation.pk not in placed and participation.wave_id is not None
        if given_back and previous.get(participation.pk) == participation.wave_id:
            participation.wave = None
            participation.updated_at = now
            changed.append(participation)
    BoothAssignment.objects.bulk_create(rows)
    Participation.objects.bulk_update(changed, ["wave", "updated_at"])
    unassigned = sorted(
        {pk for pk in output.get("unassigned", []) if pk in participations} | set(skipped)
    )
    objective, bound = output.get("objective"), output.get("bound")
    loads = Counter(row.wave.label if row.wave else "" for row in rows)
    asked = run.outcome
    outcome = AllocationResult(
        input_options=asked.input_options,
        status=output.get("status"),
        method=output.get("method", asked.input_options.get("method")),
        objective=objective,
        bound=bound,
        gap=_gap(objective, bound),
        exhibitors=len(instance["exhibitors"]),
        booths=len(instance["booths"]),
        waves=list(waves),
        wave_capacity=instance["wave_capacity"],
        adjacent_pairs=len(instance["adjacency"]),
        placed=len(rows),
        unassigned=unassigned,
        wave_loads={label: loads.get(label, 0) for label in [*waves] or [""]},
        same_sector_neighbours=len(same_sector_neighbours(event)),
        imbalance=output.get("imbalance"),
        waves_chosen=chosen,
        seconds=seconds,
    )
    run.result = outcome.as_json()
    run.status = Status.DONE
    run.progress = 100
    run.message = ""
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "progress", "message", "finished_at"])
    audit.record(
        actor=run.created_by,
        action="events.allocation.stored",
        obj=run,
        data={
            "status": outcome.status,
            "placed": len(rows),
            "unassigned": len(unassigned),
            "objective": objective,
            "bound": bound,
        },
    )
    return run


# Moves by hand -----------------------------------------------------------------------------


@task()
def run_allocation(run_id: int) -> None:
    """The background task (django-tasks; in-process at once by default, a worker when
    TADAMON_TASKS_BACKEND names another backend): compute and store one AllocationRun."""
    execute_run(run_id)
