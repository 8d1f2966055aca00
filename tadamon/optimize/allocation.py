"""Booth and wave allocation (SPEC 3D and 6): ``allocate(instance) -> result``.

Input (validated in ``allocation_instance``)::

    {booths: [{id, zone, accessible}], adjacency: [[booth, booth]], waves: [label],
     wave_capacity, exhibitors: [{id, sector, region, waves: [label]|null, needs_accessible,
     zones: [zone]|null}], sector_zones: {zone: [sector]}|null,
     time_limit_s (optional, default 30), method: "mip" (default) | "greedy" (optional)}

Hard constraints: each exhibitor at most one (wave, booth); one exhibitor per booth and wave; at
most ``wave_capacity`` exhibitors per wave (null: the number of booths); only waves the exhibitor
accepts; an accessible booth for whoever needs one; a booth in the exhibitor's ``zones`` if given;
a sector listed in ``sector_zones`` only in the zones that list it.

Then, lexicographically: place everyone possible; no same-sector neighbours; balanced sectors and
regions across waves — folded into one integer ``objective`` as documented in
``allocation_report``, with ``bound`` a proven upper bound in the same units, ``gap`` =
(bound - objective) / bound, and ``status`` OPTIMAL exactly when the two meet, else FEASIBLE.

Output: ``assignments`` [{exhibitor, wave, booth}] in input order, ``unassigned`` [id] (everyone
not placed, in input order: an instance where not everyone fits still gets its best partial
allocation), ``status``, ``objective``, ``bound``, and for people and dashboards ``gap``,
``placed``, ``placeable``, ``same_sector_neighbours``, ``imbalance`` {sectors, regions, total},
``tier_bounds``, ``weights``, ``method`` and ``stages`` [{name, status, value, bound}].

How it is solved: ``allocation_solve`` (HiGHS MIP of ``allocation_model``, in two stages, with
the local search of ``allocation_polish``); the greedy start and preview: ``allocation_greedy``;
re-checking an allocation moved by hand: ``allocation_check.violations``.

Same instance and seed (HiGHS's random seed), same result, whenever the solves finish within their
time limits (a solve cut short returns what it had, which can depend on the machine's speed). The
time limit covers the whole call except validation; it may be overrun by a fraction of a second.
"""

from __future__ import annotations

from typing import Any

from tadamon.optimize.allocation_greedy import greedy
from tadamon.optimize.allocation_instance import Instance, parse_instance
from tadamon.optimize.allocation_report import Stage, TierBounds, report, tiers, weights
from tadamon.optimize.allocation_solve import Deadline, placed_upper_bound, solve
from tadamon.optimize.errors import InstanceError


def allocate(
    instance: dict[str, Any], *, time_limit_s: float | None = None, seed: int = 0
) -> dict[str, Any]:
    """Validate ``instance`` (raising ``InstanceError``) and return the best allocation found
    within the time limit (``time_limit_s`` overrides the instance's own)."""
    inst = parse_instance(instance, time_limit_s)
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**31:
        raise InstanceError("seed must be an integer between 0 and 2**31 - 1")
    if inst.method == "greedy":
        return _greedy_result(inst)
    deadline = Deadline(inst.time_limit_s)  # the greedy start and the model count too
    start = greedy(inst)
    solved = solve(inst, start, deadline, seed)
    return report(inst, solved.placement, solved.bounds, "mip", solved.stages)


def allocate_greedy(instance: dict[str, Any]) -> dict[str, Any]:
    """The instant preview: first come, first served (see ``allocation_greedy``), same output
    shape; its bound is the cheap one (everyone placeable placed, no conflict, no imbalance)."""
    return _greedy_result(parse_instance(instance))


def _greedy_result(inst: Instance) -> dict[str, Any]:
    placement = greedy(inst)
    achieved = tiers(inst, placement)
    # The cheap bounds: everyone placeable placed (within capacity), no conflict, no imbalance.
    bounds = TierBounds(placed_upper_bound(inst))
    penalty = weights(inst).neighbour * achieved.neighbours + achieved.imbalance
    stages = [
        _stage("placed", achieved.placed, bounds.placed),
        _stage("neighbours_and_imbalance", penalty, bounds.penalty),
    ]
    return report(inst, placement, bounds, "greedy", stages)


def _stage(name: str, value: int, bound: int) -> Stage:
    return Stage(name, "OPTIMAL" if value == bound else "FEASIBLE", value, bound)
