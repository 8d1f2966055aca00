"""HiGHS plumbing for the scheduling models: a 0/1-coefficient packing problem in, values out.

Both models built here (the MIP and the bound's LP) maximise a weighted sum subject to rows
"sum of some columns <= capacity" with every coefficient 1, so that is the only shape supported.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

# Scaled weights are integers, so a gap below 1 already proves the incumbent optimal; HiGHS's
# default relative gap (1e-4) would instead stop early and call a sub-optimal plan optimal.
ABS_GAP = 0.999
# Presolve's probing does not look at the clock: after a restart it overran a 28 s limit by 4 s on
# the benchmark (HiGHS's own log suggests switching it off, bit 15 of presolve_rule_off). Without
# it the benchmark solved as fast and the overruns were smaller.
NO_PROBING = 1 << 15
# Slack when rounding a floating-point bound down to an integer: a bound of 41.9999999 from
# HiGHS's tolerances means 42, not 41. Only ever loosens the bound, so it stays valid.
ABS_SLACK = 1e-6
REL_SLACK = 1e-9


@dataclass(frozen=True)
class Packing:
    costs: list[float]
    uppers: list[float]  # column upper bounds (lower bounds are all 0)
    rows: list[list[int]]  # column indices of each row; coefficients are all 1
    capacities: list[float]
    integer: bool


@dataclass(frozen=True)
class Solved:
    values: list[float] | None  # None when no feasible point was found in time
    dual_bound: float  # a proven upper bound of the objective
    optimal: bool  # HiGHS reports the model solved to optimality


def solve(packing: Packing, time_limit_s: float, seed: int, start: list[float] | None) -> Solved:
    # highspy.Highs (the Python wrapper) prints a banner on stdout when it is created, which
    # would corrupt the command line's JSON output; the raw binding prints nothing when silenced.
    h = highspy._Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(time_limit_s, 0.01))
    h.setOptionValue("random_seed", seed)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", ABS_GAP)
    h.setOptionValue("presolve_rule_off", NO_PROBING)
    if not packing.integer:
        # Simplex ends on a vertex, which is integral when the matrix is totally unimodular (the
        # bound's LP on bipartite requests); an interior point would not be.
        h.setOptionValue("solver", "simplex")
    h.passModel(_lp(packing))
    if start is not None:
        solution = highspy.HighsSolution()
        solution.col_value = start
        h.setSolution(solution)
    h.run()
    return _read(h, packing)


def _lp(packing: Packing) -> highspy.HighsLp:
    lp = highspy.HighsLp()
    n = len(packing.costs)
    lp.num_col_ = n
    lp.num_row_ = len(packing.rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.asarray(packing.costs, dtype=np.float64)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.asarray(packing.uppers, dtype=np.float64)
    lp.row_lower_ = np.full(len(packing.rows), -highspy.kHighsInf)
    lp.row_upper_ = np.asarray(packing.capacities, dtype=np.float64)
    starts = np.zeros(len(packing.rows) + 1, dtype=np.int32)
    starts[1:] = np.cumsum([len(row) for row in packing.rows])
    index = [c for row in packing.rows for c in row]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = n
    lp.a_matrix_.num_row_ = len(packing.rows)
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = np.asarray(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(len(index))
    if packing.integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    return lp


def _read(h: highspy._Highs, packing: Packing) -> Solved:
    status = h.getModelStatus()
    info = h.getInfo()
    optimal = status == highspy.HighsModelStatus.kOptimal
    feasible = info.primal_solution_status == highspy.kSolutionStatusFeasible
    values = list(h.getSolution().col_value) if feasible else None
    if packing.integer:
        bound = info.mip_dual_bound
    elif optimal:
        # An optimal LP's objective is its own bound (strong duality).
        bound = info.objective_function_value
    else:
        bound = highspy.kHighsInf
    return Solved(values=values, dual_bound=bound, optimal=optimal)


def floor_bound(bound: float) -> int | None:
    """The largest integer not above ``bound`` (up to HiGHS's tolerances); None if unbounded."""
    if not np.isfinite(bound):
        return None
    return int(np.floor(bound + ABS_SLACK + REL_SLACK * abs(bound)))
