"""The scheduling MIP: x[r, t] = 1 when request r meets in slot t.

Columns exist only for slots both participants of r are available in (availability is enforced
by not creating the others) and only for requests of positive weight (a zero-weight request
cannot change the objective; ``extend`` places such requests afterwards if room is left).

Rows, all "sum of x <= capacity":

- each request at most once: sum over t of x[r, t] <= 1;
- nobody in two meetings at once: for each participant p and slot t, sum over the requests of p
  of x[r, t] <= 1;
- at most ``tables`` meetings per slot.

A row is left out when it cannot bind (fewer columns than its capacity), which keeps the model
small without changing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tadamon.optimize.schedule_highs import Packing
from tadamon.optimize.schedule_instance import Instance
from tadamon.optimize.schedule_plan import Plan


@dataclass(frozen=True)
class ScheduleModel:
    columns: list[tuple[int, int]]  # (request, slot) per column
    packing: Packing

    def start(self, plan: Plan) -> list[float]:
        """The column values of a plan, as a starting solution."""
        return [1.0 if plan.get(r) == t else 0.0 for r, t in self.columns]

    def plan(self, values: list[float]) -> Plan:
        return {r: t for (r, t), v in zip(self.columns, values, strict=True) if v > 0.5}


def build(inst: Instance) -> ScheduleModel:
    columns = [
        (r, t) for r in range(len(inst.requests)) if inst.weights[r] > 0 for t in inst.common[r]
    ]
    by_request: dict[int, list[int]] = {}
    by_person_slot: dict[tuple[int, int], list[int]] = {}
    by_slot: dict[int, list[int]] = {}
    for c, (r, t) in enumerate(columns):
        request = inst.requests[r]
        by_request.setdefault(r, []).append(c)
        by_person_slot.setdefault((request.a, t), []).append(c)
        by_person_slot.setdefault((request.b, t), []).append(c)
        by_slot.setdefault(t, []).append(c)
    rows: list[list[int]] = []
    capacities: list[float] = []
    for group, capacity in (
        *((cols, 1) for cols in by_request.values()),
        *((by_person_slot[key], 1) for key in sorted(by_person_slot)),
        *((by_slot[t], inst.tables) for t in sorted(by_slot)),
    ):
        if len(group) > capacity:
            rows.append(group)
            capacities.append(float(capacity))
    packing = Packing(
        costs=[float(inst.weights[r]) for r, _ in columns],
        uppers=[1.0] * len(columns),
        rows=rows,
        capacities=capacities,
        integer=True,
    )
    return ScheduleModel(columns=columns, packing=packing)
