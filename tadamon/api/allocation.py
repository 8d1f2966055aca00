"""Booth and wave allocation (SPEC 3D and 6).

- ``POST /events/{id}/allocation`` ``{"method": "optimal"|"greedy", "sector_zones":
  {zone: [sector codes]} | null, "time_limit_s": 60}`` starts a run in the background:
  202 with the run (its ``id``, ``status`` and ``progress``; done at once with the default
  in-process task backend).
- ``GET /allocation-runs/{id}``: status (queued, running, done, failed), progress in percent,
  the message of a failure and, once done, the ``summary`` (placed, unassigned, the
  optimizer's status, objective, bound and gap, same-sector neighbours, load per wave).
- ``GET /events/{id}/allocation-runs``: the last runs, newest first.
- ``GET /events/{id}/assignments?wave=``: who has which booth, per wave.
- ``POST /events/{id}/assignments/move`` ``{"participation", "booth", "wave"}``: move one
  exhibitor by hand. 400 lists every rule the move breaks, one message each (booth taken in
  that wave, booth not accessible, wave not allowed or full, zone not allowed for the sector,
  booth or wave of another event); same-sector neighbours are only ``warnings``.

The event's managers only: 404 when the caller cannot see the event, 403 when they see it
without managing it.
"""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from tadamon.core.params import MAX_ID
from tadamon.events import access as event_access
from tadamon.events.access import require_event_manager
from tadamon.events.models import AllocationRun, Booth, BoothAssignment, Wave
from tadamon.events.selectors import allocation as selectors
from tadamon.events.services import allocation as services
from tadamon.events.services import booth_moves

router = Router(tags=["allocation"])


class AllocationIn(Schema):
    method: Literal["optimal", "greedy"] = Field(
        "optimal", description="`greedy` is an instant preview without proof of quality"
    )
    sector_zones: dict[str, list[str]] | None = Field(
        None, description="Zone → the sector codes it receives; unlisted sectors go anywhere"
    )
    time_limit_s: int | None = Field(
        None, ge=1, le=services.MAX_TIME_LIMIT_S, description="Default 60 seconds"
    )


class SummaryOut(Schema):
    solver_status: str | None = Field(None, description="OPTIMAL (proven) or FEASIBLE")
    method: str | None = None
    exhibitors: int = 0
    placed: int = 0
    unassigned: list[int] = Field(default_factory=list, description="Participation ids")
    objective: float | None = None
    bound: float | None = Field(None, description="Proven upper bound of the objective")
    gap: float | None = Field(None, description="(bound − objective) / bound")
    same_sector_neighbours: int | None = None
    wave_loads: dict[str, int] = Field(default_factory=dict)
    wave_capacity: int | None = None
    seconds: float | None = None


class AllocationRunOut(Schema):
    id: int
    event: int
    status: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="Percent")
    message: str
    method: str | None
    sector_zones: dict[str, list[str]] | None
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    summary: SummaryOut | None = Field(None, description="Once done")


class BoothAssignmentOut(Schema):
    participation: int
    organization: int
    organization_name: str
    sector: str | None
    wave: int | None
    wave_label: str | None
    booth: int
    booth_code: str
    zone: str
    accessible: bool


class MoveIn(Schema):
    participation: int
    booth: int
    wave: int | None = Field(None, description="Required when the event has waves")


class MoveOut(Schema):
    assignment: BoothAssignmentOut
    warnings: list[str] = Field(description="Same-sector neighbours: allowed, but said")


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _run(run: AllocationRun) -> dict[str, Any]:
    result = run.outcome
    options = result.input_options
    summary = None
    if run.status == AllocationRun.Status.DONE:
        summary = {
            "solver_status": result.status,
            "method": result.method,
            "exhibitors": result.exhibitors,
            "placed": result.placed,
            "unassigned": result.unassigned,
            "objective": _number(result.objective),
            "bound": _number(result.bound),
            "gap": _number(result.gap),
            "same_sector_neighbours": result.same_sector_neighbours,
            "wave_loads": result.wave_loads,
            "wave_capacity": result.wave_capacity,
            "seconds": _number(result.seconds),
        }
    return {
        "id": run.pk,
        "event": run.event_id,
        "status": run.status,
        "progress": run.progress,
        "message": run.message,
        "method": options.get("method"),
        "sector_zones": options.get("sector_zones"),
        "created_at": run.created_at,
        "finished_at": run.finished_at,
        "summary": summary,
    }


def _assignment(assignment: BoothAssignment) -> dict[str, Any]:
    organization = assignment.participation.organization
    return {
        "participation": assignment.participation_id,
        "organization": organization.pk,
        "organization_name": str(organization),
        "sector": organization.primary_sector.code if organization.primary_sector else None,
        "wave": assignment.wave_id,
        "wave_label": assignment.wave.label if assignment.wave else None,
        "booth": assignment.booth_id,
        "booth_code": assignment.booth.code,
        "zone": assignment.booth.zone,
        "accessible": assignment.booth.accessible,
    }


@router.post("/events/{event_id}/allocation", response={202: AllocationRunOut})
def start_allocation(
    request: HttpRequest, event_id: int, payload: AllocationIn
) -> Status[dict[str, Any]]:
    """Compute the booths and waves of the confirmed exhibitors in the background."""
    event = require_event_manager(request.user, event_id)
    run = services.start_allocation(
        actor=request.user,
        event=event,
        method=payload.method,
        sector_zones=payload.sector_zones,
        time_limit_s=payload.time_limit_s,
    )
    return Status(202, _run(run))


@router.get("/events/{event_id}/allocation-runs", response=list[AllocationRunOut])
def list_runs(request: HttpRequest, event_id: int) -> list[dict[str, Any]]:
    event = require_event_manager(request.user, event_id)
    return [_run(run) for run in selectors.runs_of(event)[:20]]


@router.get("/allocation-runs/{run_id}", response=AllocationRunOut)
def get_run(request: HttpRequest, run_id: int) -> dict[str, Any]:
    """Poll this while `status` is queued or running."""
    try:
        run = selectors.run_for_manage(user=request.user, pk=run_id)
    except AllocationRun.DoesNotExist:
        run = AllocationRun.objects.select_related("event").get(pk=run_id)
        require_event_manager(request.user, run.event_id)  # 404 unseen, 403 seen but not managed
        raise
    return _run(run)


@router.get("/events/{event_id}/assignments", response=list[BoothAssignmentOut])
def list_assignments(
    request: HttpRequest,
    event_id: int,
    wave: int | None = Query(None, ge=1, le=MAX_ID, description="A wave id"),
) -> list[dict[str, Any]]:
    event = require_event_manager(request.user, event_id)
    chosen = None
    if wave is not None:
        chosen = event.waves.filter(pk=wave).first()
        if chosen is None:
            raise ValidationError({"wave": _("This event has no such wave.")})
    return [_assignment(a) for a in selectors.assignments_of(event, wave=chosen)]


def _managed(request: HttpRequest, model: type, pk: int | None, field: str, message: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(
        pk=pk, event__in=event_access.managed_events_for(request.user)
    ).first()
    if found is None:
        raise ValidationError({field: message})
    return found


@router.post("/events/{event_id}/assignments/move", response=MoveOut)
def move_exhibitor(request: HttpRequest, event_id: int, payload: MoveIn) -> dict[str, Any]:
    """Move one exhibitor by hand; every hard constraint is checked again."""
    event = require_event_manager(request.user, event_id)
    participation = event.participations.filter(pk=payload.participation).first()
    if participation is None:
        raise ValidationError({"participation": _("Not a participation of this event.")})
    booth = _managed(request, Booth, payload.booth, "booth", _("No such booth."))
    wave = _managed(request, Wave, payload.wave, "wave", _("No such wave."))
    result = booth_moves.move_exhibitor(
        actor=request.user, participation=participation, booth=booth, wave=wave
    )
    assignment = selectors.assignments_of(event).get(pk=result.assignment.pk)
    return {"assignment": _assignment(assignment), "warnings": result.warnings}
