"""CP-SAT plumbing shared by the optimizers: solver settings, status names, time budget."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

# A fixed seed so that the same instance gives the same search, run after run.
SEED = 7

STATUS_NAMES: dict[int, str] = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
    cp_model.UNKNOWN: "UNKNOWN",
}


class Deadline:
    """One wall-clock budget shared by the successive solves of a single call."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())


def run(model: cp_model.CpModel, seconds: float, workers: int) -> tuple[str, cp_model.CpSolver]:
    """Solve ``model`` and return the status name with the solver holding the values."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    # CP-SAT rejects a zero limit; a tiny one still lets presolve answer easy models.
    params.max_time_in_seconds = max(seconds, 0.01)
    params.num_workers = workers
    params.random_seed = SEED
    status = solver.solve(model)
    return STATUS_NAMES.get(status, "UNKNOWN"), solver
