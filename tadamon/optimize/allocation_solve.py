"""The allocation MIP solved on HiGHS, in two lexicographic stages on one model.

1. ``placed``: maximise the number placed (HiGHS; skipped when the start already places everyone
   who can be placed within capacity, which proves it).
2. ``neighbours_and_imbalance``: with at least that many placed, minimise the penalty
   ``W2 * same_sector_neighbours + imbalance`` (``allocation_report``: W2 exceeds any imbalance,
   so this is conflicts first, then balance), in three steps, each starting from the best
   allocation so far:

   - a local search (``allocation_polish``), milliseconds to a few seconds;
   - large-neighbourhood search: the booths of one zone (at most ``HOOD_SIZE`` of them) are
     freed, every other booth keeps its exhibitor, and HiGHS solves that sub-problem exactly;
     zone after zone, until a full round brings nothing or its share of the time is used;
   - HiGHS on the whole stage with the time left, which proves the bound (and, often at once,
     optimality: its root bound already meets a good allocation).

   Measured (``bench/RESULTS-allocate.md``): on the full national model HiGHS proves a tight bound
   at the root, but on one seed its own heuristics left 344 same-sector neighbours in a minute
   where the optimum has 27; the zone re-solves take about a second each and reach the optimum,
   which HiGHS then proves. On E1 the whole is 1.2-3.5 times faster than HiGHS alone.

Why stage 1 apart: its weight W1 is ~4 * 10**6 at national scale (objective ~4 * 10**9), where
HiGHS's tolerances would blur the tiers below it; the stage-2 costs stay around 10**3. Every stage
objective is integral, so HiGHS is asked to close the gap below 1, which proves optimality.

HiGHS rather than CP-SAT: on this 2-core machine it proves these booth models optimal where
CP-SAT with 2 workers leaves the bound open (``../shared/notes/optimize.md``).

Only a better allocation replaces the best one, so a solve cut short never makes things worse.
Same instance and seed, same answer, as long as no solve is cut short by its time limit.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from tadamon.optimize.allocation_instance import Instance
from tadamon.optimize.allocation_model import INF, AllocationModel, build
from tadamon.optimize.allocation_polish import polish
from tadamon.optimize.allocation_report import (
    Placement,
    Stage,
    TierBounds,
    Tiers,
    tiers,
    weights,
)

# Stage objectives are integral, so a gap below 1 proves the incumbent optimal; HiGHS's default
# relative gap (1e-4) would stop earlier and call a sub-optimal answer optimal.
ABS_GAP = 0.999
# Slack when rounding a floating-point dual bound to an integer: 41.9999999 means 42.
ROUNDING_SLACK = 1e-6
# Below this many seconds left, a solve is not worth starting.
MIN_SOLVE_SECONDS = 0.05
# Shares of the time left that the local search, then the full stage-2 MIP, may use.
POLISH_SHARE = 0.3
HOODS_SHARE = 0.5
# Booths freed at once by the large-neighbourhood search, and the time one re-solve may take.
HOOD_SIZE = 80
HOOD_SECONDS = 5.0


class Deadline:
    """One wall-clock budget for the successive solves of a single call."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())


@dataclass
class Solved:
    placement: Placement
    bounds: TierBounds
    stages: list[Stage] = field(default_factory=list)


def placed_upper_bound(inst: Instance) -> int:
    """At most everyone placeable, and at most the capacity of the open waves."""
    placeable = sum(1 for e in range(len(inst.exhibitors)) if inst.placeable(e))
    return min(placeable, inst.capacity * len(inst.open_waves))


def solve(inst: Instance, start: Placement, deadline: Deadline, seed: int) -> Solved:
    model = build(inst)
    run = _Run(model, start, seed)

    ceiling = placed_upper_bound(inst)
    if run.best.placed < ceiling:
        ceiling = min(ceiling, -run.stage(model.placed_costs(), deadline.remaining()))
    run.record("placed", run.best.placed, ceiling)
    run.fix(list(model.m.values()), lower=float(run.best.placed))
    if run.best.placed == len(model.type_of):
        run.everyone_placed()

    costs = model.penalty_costs(weights(inst).neighbour)
    run.polish(deadline.remaining() * POLISH_SHARE)
    floor = 0
    if run.value(costs) > 0:
        run.neighbourhoods(costs, Deadline(deadline.remaining() * HOODS_SHARE))
        floor = max(0, run.stage(costs, deadline.remaining()))
    run.record("neighbours_and_imbalance", run.value(costs), floor)
    # The stage-2 bound holds among allocations placing as many as stage 1 proved possible.
    penalty = floor if run.best.placed == ceiling else 0
    return Solved(run.placement, TierBounds(ceiling, penalty), run.stages)


class _Run:
    """One HiGHS model re-solved with successive objectives, and the best placement so far."""

    def __init__(self, model: AllocationModel, start: Placement, seed: int) -> None:
        self.model = model
        self.placement = start
        self.best: Tiers = tiers(model.inst, start)
        self.stages: list[Stage] = []
        # highspy.Highs (the Python wrapper) prints a banner on stdout when created, which would
        # corrupt the command line's JSON; the raw binding prints nothing once silenced.
        self.highs = highspy._Highs()
        for option, value in (
            ("output_flag", False),
            ("random_seed", seed),
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", ABS_GAP),
        ):
            self.highs.setOptionValue(option, value)
        self.highs.passModel(_lp(model))

    def value(self, costs: list[float]) -> int:
        """The best placement's value under ``costs``."""
        return round(float(np.dot(costs, self.model.vector(self.placement))))

    def stage(self, costs: list[float], seconds: float) -> int:
        """Minimise ``costs`` from the best placement, keep what HiGHS finds if better, and
        return a proven lower bound of the minimum (the value itself when proven optimal)."""
        if seconds < MIN_SOLVE_SECONDS:
            return self._trivial(costs)
        h = self.highs
        columns = np.arange(len(costs), dtype=np.int32)
        h.changeColsCost(len(costs), columns, np.array(costs, dtype=float))
        self._run(seconds)
        proven = h.getInfo().mip_dual_bound
        if not math.isfinite(proven):  # stopped before the root relaxation was solved
            return self._trivial(costs)
        # The objective is integral, so the ceiling of a lower bound is one too (HiGHS stops
        # once the gap is below 1, which makes it the optimum). Never above the value in hand:
        # that would be a tolerance slip.
        return min(self.value(costs), math.ceil(proven - ROUNDING_SLACK))

    def _run(self, seconds: float) -> None:
        """Run HiGHS from the best placement and offer its answer."""
        h = self.highs
        h.setOptionValue("time_limit", max(seconds, MIN_SOLVE_SECONDS))
        start = highspy.HighsSolution()
        start.col_value = self.model.vector(self.placement)
        h.setSolution(start)
        h.run()
        if h.getInfo().primal_solution_status == 2:  # kSolutionStatusFeasible
            self._offer(self.model.placement(list(h.getSolution().col_value)))

    def _trivial(self, costs: list[float]) -> int:
        """The smallest value of an objective from the column bounds alone."""
        return math.floor(sum(c * u for c, u in zip(costs, self.model.upper, strict=True) if c < 0))

    def _offer(self, placement: Placement) -> bool:
        """Keep ``placement`` if it is at least as good; say whether it is strictly better."""
        candidate = tiers(self.model.inst, placement)
        if candidate.key() < self.best.key():
            return False
        better = candidate.key() > self.best.key()
        self.placement, self.best = placement, candidate
        return better

    def polish(self, seconds: float) -> None:
        self._offer(polish(self.model.inst, self.placement, seconds))

    def neighbourhoods(self, costs: list[float], deadline: Deadline) -> None:
        """Large-neighbourhood search: re-solve exactly with only some booths free."""
        hoods = self.model.neighbourhoods(HOOD_SIZE)
        if len(hoods) < 2:
            return  # one neighbourhood is the whole model, already solved above
        cells = list(self.model.x.items())
        columns = np.array([col for _, col in cells], dtype=np.int32)
        h = self.highs
        h.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), np.array(costs))
        fruitless = 0
        turn = 0
        while fruitless < len(hoods) and deadline.remaining() >= MIN_SOLVE_SECONDS:
            free = hoods[turn % len(hoods)]
            turn += 1
            values = self.model.vector(self.placement)
            lower = np.array([0.0 if key[2] in free else values[col] for key, col in cells])
            upper = np.array([1.0 if key[2] in free else values[col] for key, col in cells])
            h.changeColsBounds(len(cells), columns, lower, upper)
            before = self.best
            self._run(min(HOOD_SECONDS, deadline.remaining()))
            fruitless = 0 if self.best.key() > before.key() else fruitless + 1
        ones = np.ones(len(cells))
        h.changeColsBounds(len(cells), columns, np.zeros(len(cells)), ones)

    def fix(self, columns: list[int], lower: float = -INF, upper: float = INF) -> None:
        """Keep an earlier stage's achievement: lower <= sum(columns) <= upper."""
        if not columns:
            return
        index = np.array(columns, dtype=np.int32)
        self.highs.addRow(lower, upper, len(columns), index, np.ones(len(columns)))

    def everyone_placed(self) -> None:
        """Once every placeable exhibitor must be placed, each sector's and region's total is
        known, so its busiest wave holds at least the average and its quietest at most that:
        hi >= ceil(n / waves), lo <= floor(n / waves). Implied by the integer model but not by
        its LP relaxation; with these bounds HiGHS proves the imbalance optimum at the root
        instead of rediscovering them as cuts (seconds on the E1 instance)."""
        waves = len(self.model.inst.open_waves)
        for group, hi in self.model.hi.items():
            size = self.model.upper[hi]
            self.highs.changeColBounds(hi, math.ceil(size / waves), size)
            self.highs.changeColBounds(self.model.lo[group], 0.0, math.floor(size / waves))

    def record(self, name: str, value: int, bound: int) -> None:
        status = "OPTIMAL" if value == bound else "FEASIBLE"
        self.stages.append(Stage(name, status, value, bound))


def _lp(model: AllocationModel) -> highspy.HighsLp:
    lp = highspy.HighsLp()
    lp.num_col_ = model.columns
    lp.num_row_ = len(model.rows)
    lp.col_cost_ = np.zeros(model.columns)
    lp.col_lower_ = np.zeros(model.columns)
    lp.col_upper_ = np.array(model.upper, dtype=float)
    lp.row_lower_ = np.array([row[2] for row in model.rows], dtype=float)
    lp.row_upper_ = np.array([row[3] for row in model.rows], dtype=float)
    starts = [0]
    indices: list[int] = []
    values: list[float] = []
    for cols, coefs, _, _ in model.rows:
        indices.extend(cols)
        values.extend(coefs)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = model.columns
    lp.a_matrix_.num_row_ = len(model.rows)
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=float)
    # Every column is integral: booth and conflict binaries, wave counts, spread limits.
    lp.integrality_ = [highspy.HighsVarType.kInteger] * model.columns
    return lp
