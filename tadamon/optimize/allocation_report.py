"""What an allocation achieves, tier by tier, in the units reported as ``objective`` and ``bound``.

The three tiers, in lexicographic order (SPEC 6):

1. ``placed`` — exhibitors given a booth in a wave (maximised);
2. ``same_sector_neighbours`` — (wave, adjacent booth pair) with both booths held by exhibitors of
   the same sector (minimised; a null sector never conflicts);
3. ``imbalance`` — for every sector and every region, the largest minus the smallest number of
   its exhibitors in a wave, summed (minimised; 0 with a single wave).

They are folded into one integer: ``objective = W1 * placed - W2 * neighbours - imbalance`` with

    I_max = number of exhibitors with a sector + number with a region
    C_max = number of waves * number of adjacent pairs
    W2 = I_max + 1,   W1 = W2 * C_max + I_max + 1.

Why this preserves the lexicographic order: a sector's (or region's) spread is at most the largest
count of its exhibitors in one wave, hence at most its size, so 0 <= imbalance <= I_max; each
(wave, pair) holds at most one conflict, so 0 <= neighbours <= C_max. Placing one more exhibitor
gains W1 and can cost at most W2 * C_max + I_max < W1; one conflict fewer gains W2 and can cost at
most I_max < W2. So of two allocations the lexicographically better one always has the larger
objective, and maximising the objective is maximising the tiers in order.

``bound`` is in the same units: W1 * (proven most placed) - (proven least penalty
W2 * neighbours + imbalance among allocations placing that many; 0 when unproven), see
``TierBounds`` and ``allocation_solve``. It is a valid upper bound of the objective because any
allocation placing fewer loses at least W1 > W2 * C_max + I_max. ``status`` is OPTIMAL exactly
when objective == bound.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from tadamon.optimize.allocation_instance import Instance

# exhibitor index -> (wave index, booth index)
Placement = dict[int, tuple[int, int]]


@dataclass(frozen=True)
class Tiers:
    placed: int
    neighbours: int
    sector_spread: int
    region_spread: int

    @property
    def imbalance(self) -> int:
        return self.sector_spread + self.region_spread

    def key(self) -> tuple[int, int, int]:
        """Larger is better, lexicographically."""
        return (self.placed, -self.neighbours, -self.imbalance)


@dataclass(frozen=True)
class Weights:
    placed: int
    neighbour: int
    max_neighbours: int
    max_imbalance: int

    def objective(self, placed: int, neighbours: int, imbalance: int) -> int:
        return self.placed * placed - self.neighbour * neighbours - imbalance


def weights(inst: Instance) -> Weights:
    max_imbalance = sum(e.sector is not None for e in inst.exhibitors) + sum(
        e.region is not None for e in inst.exhibitors
    )
    max_neighbours = len(inst.waves) * len(inst.edges)
    neighbour = max_imbalance + 1
    placed = neighbour * max_neighbours + max_imbalance + 1
    return Weights(placed, neighbour, max_neighbours, max_imbalance)


def neighbours(inst: Instance, placement: Placement) -> int:
    sector_at: dict[tuple[int, int], str] = {}
    for e, (w, b) in placement.items():
        sector = inst.exhibitors[e].sector
        if sector is not None:
            sector_at[w, b] = sector
    count = 0
    for w in range(len(inst.waves)):
        for b, c in inst.edges:
            here = sector_at.get((w, b))
            if here is not None and here == sector_at.get((w, c)):
                count += 1
    return count


def spread(inst: Instance, placement: Placement, attribute: str) -> int:
    """Sum over the values of ``attribute`` of (largest - smallest) count in an open wave."""
    waves = inst.open_waves
    if len(waves) < 2:
        return 0
    counts: Counter[tuple[str, int]] = Counter()
    values: set[str] = set()
    for e, (w, _) in placement.items():
        value = getattr(inst.exhibitors[e], attribute)
        if value is not None:
            counts[value, w] += 1
            values.add(value)
    total = 0
    for value in values:
        per_wave = [counts[value, w] for w in waves]
        total += max(per_wave) - min(per_wave)
    return total


def tiers(inst: Instance, placement: Placement) -> Tiers:
    return Tiers(
        placed=len(placement),
        neighbours=neighbours(inst, placement),
        sector_spread=spread(inst, placement, "sector"),
        region_spread=spread(inst, placement, "region"),
    )


@dataclass(frozen=True)
class TierBounds:
    """Proven bounds: at most ``placed`` exhibitors can be placed, and any allocation placing that
    many has a penalty ``W2 * neighbours + imbalance`` of at least ``penalty`` (0 when unproven).
    """

    placed: int
    penalty: int = 0


@dataclass(frozen=True)
class Stage:
    name: str
    status: str
    value: int
    bound: int

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "status": self.status, "value": self.value, "bound": self.bound}


def report(
    inst: Instance,
    placement: Placement,
    bounds: TierBounds,
    method: str,
    stages: list[Stage],
) -> dict[str, Any]:
    achieved = tiers(inst, placement)
    scale = weights(inst)
    objective = scale.objective(achieved.placed, achieved.neighbours, achieved.imbalance)
    # Never below the objective: the solver clamps each stage bound to the value in hand.
    bound = scale.placed * bounds.placed - bounds.penalty
    assignments = []
    for ex in inst.exhibitors:  # input order, so that the output reads like the input
        if ex.index in placement:
            w, b = placement[ex.index]
            assignments.append(
                {"exhibitor": ex.id, "wave": inst.waves[w], "booth": inst.booths[b].id}
            )
    return {
        "assignments": assignments,
        "unassigned": [ex.id for ex in inst.exhibitors if ex.index not in placement],
        "status": "OPTIMAL" if objective == bound else "FEASIBLE",
        "objective": objective,
        "bound": bound,
        "gap": round((bound - objective) / bound, 6) if bound > 0 else 0.0,
        "placed": achieved.placed,
        "placeable": sum(1 for e in range(len(inst.exhibitors)) if inst.placeable(e)),
        "same_sector_neighbours": achieved.neighbours,
        "imbalance": {
            "sectors": achieved.sector_spread,
            "regions": achieved.region_spread,
            "total": achieved.imbalance,
        },
        "tier_bounds": tier_bounds(achieved, bounds, scale),
        "weights": {
            "placed": scale.placed,
            "same_sector_neighbours": scale.neighbour,
            "imbalance": 1,
        },
        "method": method,
        "stages": [stage.as_dict() for stage in stages],
    }


def tier_bounds(achieved: Tiers, bounds: TierBounds, scale: Weights) -> dict[str, int]:
    """The proven bound of each tier, read off the penalty bound: imbalance < W2 gives
    neighbours >= penalty // W2; with that many conflicts, imbalance >= penalty - W2 * them.
    A tier's bound is stated only once the tiers before it are proven (else 0)."""
    neighbours = imbalance = 0
    if achieved.placed == bounds.placed:
        neighbours = bounds.penalty // scale.neighbour
        if achieved.neighbours == neighbours:
            imbalance = bounds.penalty - scale.neighbour * neighbours
    return {"placed": bounds.placed, "same_sector_neighbours": neighbours, "imbalance": imbalance}
