"""Booths and waves of E1 and E4 in the demonstration data (SPEC 3D), computed by the
product's allocation optimizer so that their SVG floor plans and allocation pages exist.

E1's exhibitors each keep the monthly wave events.py dealt them (60 a month, the article's
figure): the optimizer gives each a booth in its wave with no two of a sector side by side.
E4 has no waves: its 165 exhibitors get one of the 180 booths of its invented floor plan.

The run is recorded and executed as the background task does (tadamon.events.services.
allocation.execute_run), at once and in load_demo's transaction: a task queued for a worker
(TADAMON_TASKS_BACKEND) would not see rows not yet committed. The B2B demo runs its
scheduler the same way.
"""

from dataclasses import dataclass, field

from tadamon.accounts.models import User
from tadamon.core import audit
from tadamon.demo.events import DemoEvents
from tadamon.events import access as event_access
from tadamon.events.models import AllocationRun, Event
from tadamon.events.services import allocation

DEMO_ORGANIZER = "organizer"
KEYS = ("E1", "E4")
# Both are proven optimal in about a second; the limit only bounds a slow machine.
TIME_LIMIT_S = 30


@dataclass
class DemoFloorPlans:
    runs: dict[str, AllocationRun] = field(default_factory=dict)
    """The done runs, by event key."""


def build_floor_plans(events: DemoEvents, *, actor: User) -> DemoFloorPlans:
    """Allocate E1's and E4's booths on behalf of the demo organizer (when it manages the
    event, else `actor`)."""
    result = DemoFloorPlans()
    organizer = User.objects.filter(username=DEMO_ORGANIZER).first()
    for key in KEYS:
        event = events.events.get(key)
        if event is None or not event.booths.exists():
            continue
        manager = (
            organizer
            if organizer is not None and event_access.can_manage_event(organizer, event)
            else actor
        )
        result.runs[key] = _allocate(event, manager)
    return result


def _allocate(event: Event, manager: User) -> AllocationRun:
    options = {"method": "optimal", "sector_zones": None, "time_limit_s": TIME_LIMIT_S}
    run = AllocationRun.objects.create(
        event=event,
        status=AllocationRun.Status.QUEUED,
        created_by=manager,
        result={"input_options": options},
    )
    audit.record(
        actor=manager,
        action="events.allocation.started",
        obj=run,
        data={"event": event.pk, "method": options["method"], "sector_zones": None},
    )
    allocation.execute_run(run.pk)
    run.refresh_from_db()
    if run.status != AllocationRun.Status.DONE:
        raise LookupError(f"The demo's allocation of {event} failed: {run.message}")
    return run


def summarize_floor_plans(demo: DemoFloorPlans) -> list[str]:
    return [
        f"  {key:<7}{run.outcome.placed} exhibitors placed in {run.outcome.booths} booths"
        f" ({run.outcome.status}, {run.outcome.same_sector_neighbours} same-sector neighbours)"
        for key, run in demo.runs.items()
    ]
