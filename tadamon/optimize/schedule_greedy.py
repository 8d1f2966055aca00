"""The first-come-first-served baseline, also the instant preview and the MIP's starting point.

Requests are taken by descending weight, ties by input order, each into the first slot (in the
instance's slot order) where both participants are available and free and a table is left. The
same routine completes any plan: ``extend`` adds whatever still fits to a given plan, which can
only raise the total since weights are >= 0.
"""

from __future__ import annotations

from tadamon.optimize.schedule_instance import Instance
from tadamon.optimize.schedule_plan import Plan


def greedy(inst: Instance) -> Plan:
    return extend(inst, {})


def extend(inst: Instance, plan: Plan) -> Plan:
    """A copy of ``plan`` with every unscheduled request that still fits, in greedy order."""
    result = dict(plan)
    load = [0] * len(inst.slots)
    busy: set[tuple[int, int]] = set()
    for r, t in plan.items():
        request = inst.requests[r]
        load[t] += 1
        busy.update(((request.a, t), (request.b, t)))
    for r in inst.priority:
        if r in result:
            continue
        request = inst.requests[r]
        for t in inst.common[r]:
            if load[t] < inst.tables and (request.a, t) not in busy and (request.b, t) not in busy:
                result[r] = t
                load[t] += 1
                busy.update(((request.a, t), (request.b, t)))
                break
    return result
