"""First come, first served: the baseline the optimizer is measured against, and an instant preview.

Exhibitors are taken in input order (the order of confirmation, as organizers do it today), and
each gets the free booth that, in this order of preference:

1. creates the fewest same-sector neighbours (the SPEC's second tier, "when it can");
2. does not use up an accessible booth for someone who does not need one (those are scarce and
   the people who need them may come later);
3. lies in the wave where its sector, then its region, is least represented so far, then the
   least loaded wave (a cheap nod to the third tier);
4. comes first in wave, then booth, order (determinism).

Nobody is ever moved once placed, so an early exhibitor can take the last booth a later one could
have used: that is exactly the weakness the MIP removes, and what the benchmark measures.
"""

from __future__ import annotations

from collections import Counter

from tadamon.optimize.allocation_instance import Instance
from tadamon.optimize.allocation_report import Placement


def greedy(inst: Instance) -> Placement:
    waves = range(len(inst.waves))
    sector_at: list[dict[int, str | None]] = [{} for _ in waves]  # occupied booths per wave
    load = [0] * len(inst.waves)
    sectors: list[Counter[str | None]] = [Counter() for _ in waves]
    regions: list[Counter[str | None]] = [Counter() for _ in waves]
    placement: Placement = {}
    for ex in inst.exhibitors:
        open_waves = [w for w in inst.allowed_waves[ex.index] if load[w] < inst.capacity]
        open_waves.sort(key=lambda w: (sectors[w][ex.sector], regions[w][ex.region], load[w], w))
        best: tuple[int, bool, int, int] | None = None
        for rank, w in enumerate(open_waves):
            occupied = sector_at[w]
            for b in inst.compatible[ex.index]:
                if b in occupied:
                    continue
                clashes = 0
                if ex.sector is not None:
                    clashes = sum(1 for n in inst.neighbours[b] if occupied.get(n) == ex.sector)
                waste = inst.booths[b].accessible and not ex.needs_accessible
                key = (clashes, waste, rank, b)
                if best is None or key < best:
                    best = key
                if not clashes and not waste:
                    break  # nothing later in this wave can beat it
            if best is not None and not best[0] and not best[1]:
                break  # nor in a later-ranked wave
        if best is None:
            continue
        w, b = open_waves[best[2]], best[3]
        placement[ex.index] = (w, b)
        sector_at[w][b] = ex.sector
        load[w] += 1
        sectors[w][ex.sector] += 1
        regions[w][ex.region] += 1
    return placement
