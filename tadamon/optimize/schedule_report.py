"""The result of a schedule as the JSON-shaped dict of the SPEC 6 contract, plus extras."""

from __future__ import annotations

from typing import Any

from tadamon.optimize.schedule_instance import Instance
from tadamon.optimize.schedule_solve import Outcome
from tadamon.optimize.schedule_tables import number_tables


def report(inst: Instance, outcome: Outcome) -> dict[str, Any]:
    meetings = []
    for seat in number_tables(outcome.plan):
        request = inst.requests[seat.request]
        meetings.append(
            {
                "a": inst.participants[request.a].id,
                "b": inst.participants[request.b].id,
                "slot": inst.slots[seat.slot],
                "table": seat.table,
                "request": seat.request,
            }
        )
    unscheduled = [r for r in range(len(inst.requests)) if r not in outcome.plan]
    return {
        "meetings": meetings,
        "unscheduled": unscheduled,
        "status": outcome.status,
        "objective": inst.units(outcome.objective),
        "bound": inst.units(outcome.bound),
        "gap": _ratio(outcome.bound - outcome.objective, outcome.bound),
        "greedy_objective": inst.units(outcome.greedy_objective),
        "solver": outcome.solver,
    }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0
