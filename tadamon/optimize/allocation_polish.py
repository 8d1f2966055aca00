"""Local search on a placement: fewer same-sector neighbours, then better balance, same people.

Why: on large instances (a national fair) HiGHS proves a good bound on the conflicts at the root
but its own heuristics find poor allocations in a minute; an allocation a few exchanges away from
good, handed to it as a start, is worth more than its search. On small instances this finishes in
milliseconds and HiGHS only has to prove optimality.

Moves keep everyone placed where they may be (compatible booth, accepted wave, wave capacity):
an exhibitor moves to a free booth, or two exhibitors exchange their (wave, booth). A move is kept
when it strictly improves (conflicts, imbalance) lexicographically, so the search ends. Only
exhibitors in a conflict, or in the busiest wave of a sector or region spread by 2 or more, try
moves (other moves cannot help on their own); each takes the first improving move in wave, then
booth, order. Passes repeat until one improves nothing, at most ``MAX_PASSES`` times; no
randomness, so the result depends only on the input (the deadline is a safety net only).
"""

from __future__ import annotations

import time

from tadamon.optimize.allocation_instance import Instance
from tadamon.optimize.allocation_report import Placement

MAX_PASSES = 30
Group = tuple[str, str]  # ("sector" | "region", value)
Slot = tuple[int, int]  # (wave, booth)


class _State:
    def __init__(self, inst: Instance, placement: Placement) -> None:
        self.inst = inst
        self.pos: dict[int, Slot] = dict(placement)
        self.occupant: list[dict[int, int]] = [{} for _ in inst.waves]
        self.load = [0] * len(inst.waves)
        self.groups: dict[int, list[Group]] = {}
        self.count: dict[Group, list[int]] = {}
        booth_sets: dict[int, frozenset[int]] = {}
        self.fits: list[frozenset[int]] = []
        for ex in inst.exhibitors:
            # Exhibitors with equal needs share one tuple of booths (allocation_instance).
            key = id(inst.compatible[ex.index])
            if key not in booth_sets:
                booth_sets[key] = frozenset(inst.compatible[ex.index])
            self.fits.append(booth_sets[key])
            groups = []
            if ex.sector is not None:
                groups.append(("sector", ex.sector))
            if ex.region is not None:
                groups.append(("region", ex.region))
            self.groups[ex.index] = groups
        for e, (w, b) in self.pos.items():
            self.occupant[w][b] = e
            self._enter(e, w)

    def _enter(self, e: int, w: int) -> None:
        self.load[w] += 1
        for group in self.groups[e]:
            self.count.setdefault(group, [0] * len(self.inst.waves))[w] += 1

    def _leave(self, e: int, w: int) -> None:
        self.load[w] -= 1
        for group in self.groups[e]:
            self.count[group][w] -= 1

    def spread(self, group: Group) -> int:
        counts = self.count[group]
        per_wave = [counts[w] for w in self.inst.open_waves]
        return max(per_wave) - min(per_wave) if len(per_wave) > 1 else 0

    def conflicts_near(self, slots: list[Slot]) -> int:
        """Same-sector adjacent pairs touching the given slots, each pair once."""
        pairs: set[tuple[int, int, int]] = set()
        for w, b in slots:
            here = self.occupant[w].get(b)
            if here is None:
                continue
            sector = self.inst.exhibitors[here].sector
            if sector is None:
                continue
            for n in self.inst.neighbours[b]:
                there = self.occupant[w].get(n)
                if there is not None and self.inst.exhibitors[there].sector == sector:
                    pairs.add((w, min(b, n), max(b, n)))
        return len(pairs)

    def may_take(self, e: int, slot: Slot) -> bool:
        return slot[0] in self.inst.allowed_waves[e] and slot[1] in self.fits[e]

    def _exchange(self, e: int, f: int | None, here: Slot, there: Slot) -> None:
        """e goes from here to there; f (if any) from there to here."""
        (w, b), (w2, b2) = here, there
        del self.occupant[w][b]
        if f is not None:
            del self.occupant[w2][b2]
            self.occupant[w][b] = f
            self.pos[f] = here
        self.occupant[w2][b2] = e
        self.pos[e] = there
        if w != w2:
            self._leave(e, w)
            self._enter(e, w2)
            if f is not None:
                self._leave(f, w2)
                self._enter(f, w)

    def try_move(self, e: int, there: Slot) -> bool:
        """Move e to ``there`` (exchanging with its occupant) if that improves; say whether."""
        here = self.pos[e]
        f = self.occupant[there[0]].get(there[1])
        if there == here or f == e:
            return False
        if f is None:
            if there[0] != here[0] and self.load[there[0]] >= self.inst.capacity:
                return False
        elif not self.may_take(f, here):
            return False
        groups = set(self.groups[e]) | (set(self.groups[f]) if f is not None else set())
        slots = [here, there]
        before = (self.conflicts_near(slots), sum(self.spread(g) for g in groups))
        self._exchange(e, f, here, there)
        after = (self.conflicts_near(slots), sum(self.spread(g) for g in groups))
        if after < before:
            return True
        self._exchange(e, f, there, here)
        return False

    def wants_to_move(self, e: int) -> bool:
        w, b = self.pos[e]
        if self.conflicts_near([(w, b)]):
            return True
        for group in self.groups[e]:
            counts = [self.count[group][v] for v in self.inst.open_waves]
            if counts and self.count[group][w] == max(counts) and max(counts) - min(counts) >= 2:
                return True
        return False


def polish(inst: Instance, placement: Placement, seconds: float) -> Placement:
    """A placement with the same exhibitors placed and (conflicts, imbalance) no worse."""
    end = time.monotonic() + seconds
    state = _State(inst, placement)
    for _ in range(MAX_PASSES):
        improved = False
        for e in sorted(state.pos):
            if time.monotonic() > end:
                return dict(sorted(state.pos.items()))
            if not state.wants_to_move(e):
                continue
            improved |= _improve(state, e)
        if not improved:
            break
    return dict(sorted(state.pos.items()))


def _improve(state: _State, e: int) -> bool:
    for w in state.inst.allowed_waves[e]:
        for b in state.inst.compatible[e]:
            if state.try_move(e, (w, b)):
                return True
    return False
