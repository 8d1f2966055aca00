"""The solve of a schedule: greedy first, then the flow bound, then the MIP only if needed.

1. The greedy plan (milliseconds) is the baseline and the MIP's starting point.
2. The flow bound (an LP, milliseconds). When the greedy already reaches it, the greedy plan is
   proven optimal and HiGHS's branch and bound is skipped altogether.
3. In the classic case (bipartite requests, one availability shared by all) the bound's own
   meetings are put into slots by edge colouring (``schedule_colouring``): optimal at once.
4. Otherwise HiGHS solves the MIP in the time left, starting from the best plan so far. Its plan
   replaces that one when at least as good, and its dual bound replaces the flow bound when
   smaller.
5. ``extend`` then adds anything that still fits (zero-weight requests, or room left by a run cut
   short), which never lowers the total.

Same instance and seed, same output: the greedy and the bound are deterministic and so is HiGHS
for a given seed when it finishes. A run cut short by the time limit returns the best plan found
by then, which can differ from run to run on a loaded machine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tadamon.optimize import schedule_highs
from tadamon.optimize.schedule_bound import FlowBound, flow_bound
from tadamon.optimize.schedule_colouring import colour, common_slots
from tadamon.optimize.schedule_greedy import extend, greedy
from tadamon.optimize.schedule_instance import Instance
from tadamon.optimize.schedule_model import build
from tadamon.optimize.schedule_plan import Plan, value, violations

# Below this many seconds left, starting HiGHS is not worth it.
MIN_MIP_SECONDS = 0.05
# HiGHS checks its clock between steps, not inside them: on the benchmark's largest runs the cut
# separation after a long root LP overran the limit by up to 5 s when other jobs kept both cores
# busy. Keeping this share of the budget (at most 5 s) back lets the whole call end within the
# limit in the usual case; it is not a hard guarantee.
RESERVE_SHARE = 0.15
MAX_RESERVE_S = 5.0


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    objective: int  # scaled, see Instance.weight_factor
    bound: int
    status: str  # OPTIMAL or FEASIBLE
    solver: str  # what produced the plan: "greedy", "flow" (edge colouring) or "highs"
    greedy_objective: int


def solve(inst: Instance, time_limit_s: float, seed: int) -> Outcome:
    deadline = time.monotonic() + time_limit_s
    baseline = greedy(inst)
    baseline_value = value(inst, baseline)
    flow = flow_bound(inst, max(deadline - time.monotonic(), MIN_MIP_SECONDS))
    bound = flow.bound
    best, solver = baseline, "greedy"
    if baseline_value < bound:
        coloured = _coloured(inst, flow)
        if coloured is not None:
            best, solver = coloured, "flow"
    left = deadline - time.monotonic() - min(MAX_RESERVE_S, RESERVE_SHARE * time_limit_s)
    if value(inst, best) < bound and left >= MIN_MIP_SECONDS:
        model = build(inst)
        solved = schedule_highs.solve(model.packing, left, seed, model.start(best))
        mip_bound = schedule_highs.floor_bound(solved.dual_bound)
        if mip_bound is not None:
            bound = min(bound, mip_bound)
        if solved.values is not None:
            plan = model.plan(solved.values)
            # A plan read back from floating point is checked before it is trusted.
            if not violations(inst, plan) and value(inst, plan) >= value(inst, best):
                best, solver = plan, "highs"
    best = extend(inst, best)
    objective = value(inst, best)
    # The bounds are proven up to HiGHS's tolerances; a plan above one means the bound was off
    # by a rounding error, and the plan itself is the proof.
    bound = max(bound, objective)
    status = "OPTIMAL" if objective == bound else "FEASIBLE"
    return Outcome(best, objective, bound, status, solver, baseline_value)


def _coloured(inst: Instance, flow: FlowBound) -> Plan | None:
    """The bound's own meetings put into slots, when the classic case allows it (see
    ``schedule_colouring``); None otherwise."""
    if flow.chosen is None or value(inst, dict.fromkeys(flow.chosen, 0)) != flow.bound:
        return None
    slots = common_slots(inst, flow.chosen)
    if slots is None:
        return None
    plan = colour(inst, flow.chosen, slots)
    if plan is None or violations(inst, plan):
        return None
    return plan
