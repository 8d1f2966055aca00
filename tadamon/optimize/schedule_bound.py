"""A fast proven upper bound: the max-weight b-matching relaxation, solved as an LP.

Forget which slot each meeting takes and keep only how many meetings fit:

- each request is scheduled at most once, and only if its two participants share a slot;
- a participant attends at most as many meetings as there are slots where it could meet anyone
  (slots it is available in and shares with at least one of its requests);
- slot t holds at most min(tables, participants who could meet there // 2, requests possible
  there) meetings, so all meetings together at most the sum of that over the slots.

Every schedule satisfies these, so the LP optimum bounds the objective. With bipartite requests
(buyers meet exhibitors) the rows form a network flow, the LP has an integral optimum, and with
everyone always available that optimum is achievable (König's edge-colouring theorem, spread
equitably over the slots), so the bound is then exact. With individual availability it is only a
bound; the MIP's own dual bound may be tighter, and the report keeps the smaller of the two.
"""

from __future__ import annotations

from dataclasses import dataclass

from tadamon.optimize.schedule_highs import Packing, floor_bound, solve
from tadamon.optimize.schedule_instance import Instance

# How far from 0 or 1 an LP value may be and still be read as that integer.
INTEGRALITY_TOLERANCE = 1e-6


@dataclass(frozen=True)
class FlowBound:
    bound: int  # a proven upper bound of the scaled objective
    # The requests the LP's optimum holds when that optimum is integral, else None.
    chosen: list[int] | None


def flow_bound(inst: Instance, time_limit_s: float) -> FlowBound:
    columns = [r for r in range(len(inst.requests)) if inst.common[r] and inst.weights[r] > 0]
    if not columns:
        return FlowBound(bound=0, chosen=[])
    rows, capacities = _rows(inst, columns)
    packing = Packing(
        costs=[float(inst.weights[r]) for r in columns],
        uppers=[1.0] * len(columns),
        rows=rows,
        capacities=capacities,
        integer=False,
    )
    # Milliseconds on the benchmark; the limit only guards against pathological input.
    solved = solve(packing, time_limit_s, seed=0, start=None)
    bound = floor_bound(solved.dual_bound) if solved.optimal else None
    if bound is None or solved.values is None:
        # Without an LP optimum, fall back on the trivial bound: every weight counted.
        return FlowBound(bound=sum(inst.weights[r] for r in columns), chosen=None)
    near = [round(v) for v in solved.values]
    integral = all(
        abs(v - n) <= INTEGRALITY_TOLERANCE for v, n in zip(solved.values, near, strict=True)
    )
    chosen = [r for r, n in zip(columns, near, strict=True) if n == 1] if integral else None
    return FlowBound(bound=bound, chosen=chosen)


def _rows(inst: Instance, columns: list[int]) -> tuple[list[list[int]], list[float]]:
    incident: dict[int, list[int]] = {}
    reachable: dict[int, set[int]] = {}  # participant -> slots where it could meet someone
    per_slot_requests = [0] * len(inst.slots)
    per_slot_people: list[set[int]] = [set() for _ in inst.slots]
    for c, r in enumerate(columns):
        request = inst.requests[r]
        for p in (request.a, request.b):
            incident.setdefault(p, []).append(c)
            reachable.setdefault(p, set()).update(inst.common[r])
        for t in inst.common[r]:
            per_slot_requests[t] += 1
            per_slot_people[t].update((request.a, request.b))
    rows, capacities = [], []
    for p in sorted(incident):
        # A participant with no more requests than slots is not limited by this row.
        if len(incident[p]) > len(reachable[p]):
            rows.append(incident[p])
            capacities.append(float(len(reachable[p])))
    total = sum(
        min(inst.tables, len(people) // 2, count)
        for people, count in zip(per_slot_people, per_slot_requests, strict=True)
    )
    if total < len(columns):
        rows.append(list(range(len(columns))))
        capacities.append(float(total))
    return rows, capacities
