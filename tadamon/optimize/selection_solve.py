"""The solves of a selection, in lexicographic stages on one model.

1. Maximise the total (scaled) score. Its status and bound are the ones reported.
2. Fix the total at that optimum and maximise a rank tie-break, so that among optimal selections
   the better-ranked applicants win (determinism without huge combined coefficients, whose LP
   relaxation would lose precision).
3. With waves (and ``balance_waves``), fix the selected set and re-assign waves to minimise the
   largest minus the smallest wave load, then a deterministic preference among assignments.

Stages 2 and 3 only use the time left by stage 1; if none is left they are skipped and the stage-1
solution is returned as is.

Same input, same output: the seed is fixed and each stage, solved to optimality, has a unique
optimum unless two choices tie exactly on the tie-break weights as well (rare). A stage cut short
by the time limit returns whatever it had found, which can differ between runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from tadamon.optimize.cpsat import Deadline, run
from tadamon.optimize.selection_instance import Instance
from tadamon.optimize.selection_model import SelectionModel

# Below this many seconds left, a refinement stage is not worth starting.
MIN_STAGE_SECONDS = 0.05


@dataclass
class Outcome:
    status: str
    selected: set[int] = field(default_factory=set)
    wave_of: dict[int, int] = field(default_factory=dict)
    objective: int = 0  # scaled, see Instance.score_factor
    bound: int = 0


def solve(inst: Instance, deadline: Deadline) -> Outcome:
    sm = SelectionModel(inst)
    sm.model.maximize(sm.score())
    status, solver = run(sm.model, deadline.remaining(), inst.workers)
    if status not in ("OPTIMAL", "FEASIBLE"):
        return Outcome(status=status)
    outcome = _read(sm, solver, status)
    outcome.bound = _upper_bound(solver, status, outcome.objective)
    _break_ties(sm, outcome, deadline)
    if inst.waves is not None and inst.balance_waves:
        _balance_waves(sm, outcome, deadline)
    return outcome


def _read(sm: SelectionModel, solver: cp_model.CpSolver, status: str) -> Outcome:
    selected = {i for i, var in sm.sel.items() if solver.boolean_value(var)}
    wave_of = {i: w for (i, w), var in sm.x.items() if solver.boolean_value(var)}
    objective = sum(sm.inst.scaled_scores[i] for i in selected)
    return Outcome(status=status, selected=selected, wave_of=wave_of, objective=objective)


def _upper_bound(solver: cp_model.CpSolver, status: str, objective: int) -> int:
    if status == "OPTIMAL":
        return objective
    # The objective is integral, so the floor of the proven bound is still a bound.
    return max(objective, math.floor(solver.best_objective_bound + 1e-6))


def _break_ties(sm: SelectionModel, outcome: Outcome, deadline: Deadline) -> None:
    if deadline.remaining() < MIN_STAGE_SECONDS:
        return
    if outcome.status == "OPTIMAL":
        sm.model.add(sm.score() == outcome.objective)
    else:
        sm.model.add(sm.score() >= outcome.objective)
    sm.model.maximize(sm.tie_break())
    _resolve(sm, outcome, deadline)


def _balance_waves(sm: SelectionModel, outcome: Outcome, deadline: Deadline) -> None:
    if deadline.remaining() < MIN_STAGE_SECONDS:
        return
    for i, var in sm.sel.items():
        sm.model.add(var == (i in outcome.selected))
    waves = [w for w, wave in enumerate(sm.inst.waves or ()) if wave.capacity > 0]
    top = max(wave.capacity for wave in sm.inst.waves or ())
    high = sm.model.new_int_var(0, top, "max_load")
    low = sm.model.new_int_var(0, top, "min_load")
    for w in waves:
        sm.model.add(high >= sm.load(w))
        sm.model.add(low <= sm.load(w))
    preference, big = sm.wave_tie_break()
    # big exceeds any value of the preference, so no preference can buy a wider spread.
    sm.model.minimize((high - low) * big + preference)
    _resolve(sm, outcome, deadline)


def _resolve(sm: SelectionModel, outcome: Outcome, deadline: Deadline) -> None:
    """Re-solve with the current objective, starting from the current solution; keep the old
    solution when the stage finds nothing in time."""
    sm.hint(outcome.selected, outcome.wave_of)
    status, solver = run(sm.model, deadline.remaining(), sm.inst.workers)
    if status in ("OPTIMAL", "FEASIBLE"):
        refined = _read(sm, solver, outcome.status)
        outcome.selected, outcome.wave_of = refined.selected, refined.wave_of
        outcome.objective = max(outcome.objective, refined.objective)
