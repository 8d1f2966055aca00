"""Queries of the allocation pages and API: runs, the booths given per wave, who has none.
Callers pass the user where scoping applies (tadamon.events.access)."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tadamon.events import access as event_access
from tadamon.events.models import AllocationRun, Booth, BoothAssignment, Event, Participation, Wave

ASSIGNMENT_RELATED = (
    "booth",
    "wave",
    "participation__organization__primary_sector",
    "participation__organization__region",
)


def confirmed_participations(event: Event) -> QuerySet:
    """The event's exhibitors: its confirmed participations, with what allocation needs."""
    return (
        event.participations.filter(status=Participation.Status.CONFIRMED)
        .select_related("organization__primary_sector", "organization__region", "wave")
        .order_by("pk")
    )


def runs_of(event: Event) -> QuerySet:
    return event.allocation_runs.select_related("created_by").order_by("-created_at", "-pk")


def latest_run(event: Event) -> AllocationRun | None:
    return runs_of(event).first()


def run_for_manage(*, user, pk: int) -> AllocationRun:
    """A run of an event the user manages, or AllocationRun.DoesNotExist."""
    return AllocationRun.objects.select_related("event", "created_by").get(
        pk=pk, event__in=event_access.managed_events_for(user)
    )


def run_of(event: Event, pk: int) -> AllocationRun:
    return runs_of(event).get(pk=pk)


def assignments_of(event: Event, *, wave: Wave | None = None) -> QuerySet:
    """The event's booth assignments (of one wave when given), by wave then booth."""
    queryset = event.assignments.select_related(*ASSIGNMENT_RELATED)
    if wave is not None:
        queryset = queryset.filter(wave=wave)
    return queryset.order_by(
        "wave__start_date", "wave_id", "booth__zone", "booth__row", "booth__column", "booth__code"
    )


def booths_of(event: Event) -> QuerySet:
    return event.booths.order_by("zone", "row", "column", "code")


@dataclass
class WavePlan:
    """One wave (None for an event without waves): its assignments and its free booths."""

    wave: Wave | None
    assignments: list[BoothAssignment] = field(default_factory=list)
    free_booths: list[Booth] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"wave-{self.wave.pk}" if self.wave is not None else "wave-all"


def wave_plans(event: Event) -> list[WavePlan]:
    waves: list[Wave | None] = list(event.waves.order_by("start_date", "pk")) or [None]
    booths = list(booths_of(event))
    plans = {wave.pk if wave else None: WavePlan(wave=wave) for wave in waves}
    for assignment in assignments_of(event):
        plan = plans.get(assignment.wave_id)
        if plan is not None:
            plan.assignments.append(assignment)
    for plan in plans.values():
        taken = {assignment.booth_id for assignment in plan.assignments}
        plan.free_booths = [booth for booth in booths if booth.pk not in taken]
    return list(plans.values())


def unplaced(event: Event) -> list[Participation]:
    """Confirmed exhibitors without a booth."""
    return list(confirmed_participations(event).filter(booth_assignment__isnull=True))


def participations_by_id(event: Event, ids: list[int]) -> list[Participation]:
    return list(
        event.participations.filter(pk__in=ids)
        .select_related("organization")
        .order_by("organization__name_ar", "organization__name_fr")
    )


def describe(run: AllocationRun | None) -> dict[str, Any] | None:
    """What the pages show of a run: its state and, once done, its figures."""
    if run is None:
        return None
    result = run.outcome
    gap = result.gap
    return {
        "run": run,
        "active": run.status in (AllocationRun.Status.QUEUED, AllocationRun.Status.RUNNING),
        "done": run.status == AllocationRun.Status.DONE,
        "failed": run.status == AllocationRun.Status.FAILED,
        "status": result.status,
        "method": result.asked_method,
        "optimal": result.optimal,
        "objective": result.objective,
        "bound": result.bound,
        "gap_percent": None if gap is None else round(100 * gap, 2),
        "placed": result.placed,
        "exhibitors": result.exhibitors,
        "unassigned": participations_by_id(run.event, result.unassigned)
        if result.unassigned
        else [],
        "same_sector_neighbours": result.same_sector_neighbours,
        "imbalance": (result.imbalance or {}).get("total"),
        "wave_loads": result.wave_loads,
        "wave_capacity": result.wave_capacity,
        "seconds": result.seconds,
        "sector_zones": result.sector_zones,
    }
