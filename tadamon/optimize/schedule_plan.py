"""A plan: which slot each scheduled request takes, with its value and its feasibility check."""

from __future__ import annotations

from tadamon.optimize.schedule_instance import Instance

# request index -> slot index
Plan = dict[int, int]


def value(inst: Instance, plan: Plan) -> int:
    """The scaled total weight of a plan."""
    return sum(inst.weights[r] for r in plan)


def violations(inst: Instance, plan: Plan) -> list[str]:
    """Every hard constraint the plan breaks, in words (empty when feasible).

    Solver output is checked with this before it is trusted: a value read back from floating
    point must never turn into a double booking.
    """
    problems = []
    load = [0] * len(inst.slots)
    seen: dict[tuple[int, int], int] = {}
    for r, t in sorted(plan.items()):
        request = inst.requests[r]
        if t not in inst.common[r]:
            problems.append(f"request {r} is in slot {t}, where not both are available")
        load[t] += 1
        for p in (request.a, request.b):
            if (p, t) in seen:
                problems.append(f"participant {p} meets twice in slot {t}")
            seen[p, t] = r
    problems += [f"slot {t} holds {n} meetings" for t, n in enumerate(load) if n > inst.tables]
    return problems
