"""B2B meeting scheduling: ``schedule(instance) -> result`` (SPEC 6, ``schedule``).

Input ``{slots: [id], tables, participants: [{id, available: [slot] | null}], requests: [{a, b,
weight}]}``; see ``schedule_instance`` for the validation rules (weight defaults to 1, two
requests for the same pair are rejected, unknown fields are rejected).

Output:

- ``meetings``: ``{a, b, slot, table, request}`` ordered by slot then table; ``a`` and ``b`` as
  in the request, ``table`` numbered 1..tables inside each slot, ``request`` the index of the
  request in the input;
- ``unscheduled``: indices of the requests not scheduled, ascending;
- ``status``: OPTIMAL when the objective is proven maximal, else FEASIBLE;
- ``objective``: total weight of the meetings; ``bound``: a proven upper bound of the best
  possible total (the smaller of the flow bound and HiGHS's dual bound); ``gap``:
  (bound - objective) / bound, 0 when the bound is 0;
- ``greedy_objective``: what first come, first served (by weight) achieves on the same instance,
  to show what optimising is worth; ``solver``: what produced the meetings, "greedy" (already
  optimal, or nothing better found), "flow" (the exact edge-colouring shortcut for bipartite
  requests with one shared availability) or "highs" (the MIP).

Hard constraints, always met: nobody in two meetings in one slot, at most ``tables`` meetings per
slot, both participants available in the slot, each request at most once. The method is in
``schedule_solve``.
"""

from __future__ import annotations

from typing import Any

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.numbers import is_number
from tadamon.optimize.schedule_instance import parse_instance
from tadamon.optimize.schedule_report import report
from tadamon.optimize.schedule_solve import solve

DEFAULT_TIME_LIMIT_S = 30.0


def schedule(
    instance: dict[str, Any], *, time_limit_s: float | None = None, seed: int = 0
) -> dict[str, Any]:
    """Validate ``instance`` (raising ``InstanceError``) and return the best schedule found
    within ``time_limit_s`` seconds (default 30), with its proven bound."""
    limit = DEFAULT_TIME_LIMIT_S if time_limit_s is None else time_limit_s
    if not is_number(limit) or limit <= 0:
        raise InstanceError("time_limit_s must be a number > 0")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**31:
        raise InstanceError("seed must be an integer between 0 and 2**31 - 1")
    inst = parse_instance(instance)
    return report(inst, solve(inst, float(limit), seed))
