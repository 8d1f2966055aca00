"""The allocation MIP, aggregated over interchangeable exhibitors.

Only three things about an exhibitor matter to the constraints and the objective: which booths it
may take (accessibility, zones, sector zones), its sector (neighbours, sector balance) and its
region and waves (region balance, allowed waves). So exhibitors are grouped twice:

- a *class* k = (sector, compatible booths): the booth-level variables are per class,
  x[k,w,b] = 1 when booth b holds a member of class k in wave w (binary, since a booth holds one
  exhibitor per wave);
- a *type* t = (class, region, allowed waves): m[t,w] = how many members of type t go to wave w
  (integer, 0..|t|).

On the benchmark's national fair (1,000 exhibitors, 500 booths, 2 waves) a per-exhibitor model
would need 537,424 x[e,w,b] even for allowed pairs only; this one has 25,899 x[k,w,b], and no
symmetry between identical exhibitors for branch-and-bound to wade through.

The aggregation is exact: any (x, m) meeting the rows below is turned back into a placement
(``placement``) by giving each type's wave counts to its members in input order and each class's
booths in a wave to its members there in input order; every such booth is compatible with every
member of the class, so all hard constraints hold, and the tiers depend only on (x, m), so the
objective is unchanged.

Rows (w ranges over open waves, b over booths):

- booth:      sum_k x[k,w,b] <= 1                           (one exhibitor per booth and wave)
- capacity:   sum_{k,b} x[k,w,b] <= wave_capacity
- type:       sum_w m[t,w] <= |t|                           (each exhibitor at most once)
- link:       sum_b x[k,w,b] = sum_{t in k} m[t,w]
- neighbours: for a sector s, an adjacent pair (b, b') and a wave w,
              sum_{k in s} (x[k,w,b] + x[k,w,b']) <= 1 + c[s,w,b,b']   (c binary: a conflict)
- balance:    for a sector or region g: lo_g <= sum_{t in g} m[t,w] <= hi_g   (spread hi - lo)

Allowed waves and compatible booths are not constraints at all: the forbidden variables are
simply never created.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tadamon.optimize.allocation_instance import Instance
from tadamon.optimize.allocation_report import Placement

Row = tuple[list[int], list[float], float, float]  # columns, coefficients, lower, upper
INF = float("inf")


@dataclass
class ExhibitorClass:
    sector: str | None
    booths: tuple[int, ...]
    types: list[int] = field(default_factory=list)


@dataclass
class ExhibitorType:
    klass: int
    region: str | None
    waves: tuple[int, ...]
    members: list[int] = field(default_factory=list)  # exhibitor indices, input order


@dataclass
class AllocationModel:
    inst: Instance
    classes: list[ExhibitorClass] = field(default_factory=list)
    types: list[ExhibitorType] = field(default_factory=list)
    type_of: dict[int, int] = field(default_factory=dict)  # exhibitor -> type
    # Column layout; each dict maps its key to a column index.
    x: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (k, w, b)
    m: dict[tuple[int, int], int] = field(default_factory=dict)  # (t, w)
    c: dict[tuple[str, int, int, int], int] = field(default_factory=dict)  # (s, w, b, b')
    hi: dict[tuple[str, str], int] = field(default_factory=dict)  # ("sector"|"region", value)
    lo: dict[tuple[str, str], int] = field(default_factory=dict)
    upper: list[float] = field(default_factory=list)  # column upper bounds; lower bounds are 0
    rows: list[Row] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.upper)

    def _column(self, upper: float) -> int:
        self.upper.append(upper)
        return len(self.upper) - 1

    # -- objectives of the two stages, as cost vectors to minimise ---------------------------

    def placed_costs(self) -> list[float]:
        """Minimising minus the number placed."""
        costs = [0.0] * self.columns
        for col in self.m.values():
            costs[col] = -1.0
        return costs

    def penalty_costs(self, neighbour_weight: int) -> list[float]:
        """Minimising neighbour_weight * conflicts + imbalance (see allocation_report)."""
        costs = [0.0] * self.columns
        for col in self.c.values():
            costs[col] = float(neighbour_weight)
        for col in self.hi.values():
            costs[col] = 1.0
        for col in self.lo.values():
            costs[col] = -1.0
        return costs

    def neighbourhoods(self, size: int) -> list[frozenset[int]]:
        """Booth sets for the large-neighbourhood search: each zone (booths without a zone
        together), cut into runs of at most ``size`` booths in input order."""
        zones: dict[str | None, list[int]] = {}
        for booth in self.inst.booths:
            zones.setdefault(booth.zone, []).append(booth.index)
        hoods = []
        for booths in zones.values():
            for first in range(0, len(booths), size):
                hoods.append(frozenset(booths[first : first + size]))
        return hoods

    # -- conversions -------------------------------------------------------------------------

    def vector(self, placement: Placement) -> list[float]:
        """The column values of a placement (a feasible start for the solver)."""
        values = [0.0] * self.columns
        for e, (w, b) in placement.items():
            t = self.type_of[e]
            values[self.x[self.types[t].klass, w, b]] = 1.0
            values[self.m[t, w]] += 1.0
        sector_at = {(w, b): self.inst.exhibitors[e].sector for e, (w, b) in placement.items()}
        for (s, w, b, b2), col in self.c.items():
            if sector_at.get((w, b)) == s == sector_at.get((w, b2)):
                values[col] = 1.0
        counts: Counter[tuple[tuple[str, str], int]] = Counter()
        for e, (w, _) in placement.items():
            ex = self.inst.exhibitors[e]
            if ex.sector is not None:
                counts[("sector", ex.sector), w] += 1
            if ex.region is not None:
                counts[("region", ex.region), w] += 1
        for group, col in self.hi.items():
            values[col] = max(counts[group, w] for w in self.inst.open_waves)
        for group, col in self.lo.items():
            values[col] = min(counts[group, w] for w in self.inst.open_waves)
        return values

    def placement(self, values: list[float]) -> Placement:
        """Back from column values to exhibitors, first come first served inside a type."""
        in_wave: dict[tuple[int, int], list[int]] = {}  # (class, wave) -> exhibitors
        for t, kind in enumerate(self.types):
            queue = iter(kind.members)
            for w in kind.waves:
                for _ in range(round(values[self.m[t, w]])):
                    e = next(queue, None)
                    if e is not None:
                        in_wave.setdefault((kind.klass, w), []).append(e)
        booths: dict[tuple[int, int], list[int]] = {}
        for (k, w, b), col in self.x.items():
            if values[col] > 0.5:
                booths.setdefault((k, w), []).append(b)
        placement: Placement = {}
        for key, members in in_wave.items():
            # zip stops at the shorter list: a count that rounding left without a booth (never
            # seen, but HiGHS works in floating point) leaves its exhibitor unassigned rather
            # than breaking a hard constraint.
            for e, b in zip(sorted(members), sorted(booths.get(key, [])), strict=False):
                placement[e] = (key[1], b)
        return dict(sorted(placement.items()))


def build(inst: Instance) -> AllocationModel:
    model = AllocationModel(inst)
    _group(model)
    _booth_columns(model)
    _neighbour_rows(model)
    _balance_rows(model)
    return model


def _group(model: AllocationModel) -> None:
    inst = model.inst
    class_of: dict[tuple[object, ...], int] = {}
    type_index: dict[tuple[object, ...], int] = {}
    for ex in inst.exhibitors:
        if not inst.placeable(ex.index):
            continue
        class_key = (ex.sector, inst.compatible[ex.index])
        if class_key not in class_of:
            class_of[class_key] = len(model.classes)
            model.classes.append(ExhibitorClass(ex.sector, inst.compatible[ex.index]))
        k = class_of[class_key]
        type_key = (k, ex.region, inst.allowed_waves[ex.index])
        if type_key not in type_index:
            type_index[type_key] = len(model.types)
            model.classes[k].types.append(len(model.types))
            model.types.append(ExhibitorType(k, ex.region, inst.allowed_waves[ex.index]))
        t = type_index[type_key]
        model.types[t].members.append(ex.index)
        model.type_of[ex.index] = t


def _booth_columns(model: AllocationModel) -> None:
    inst = model.inst
    at_booth: dict[tuple[int, int], list[int]] = {}
    in_wave: dict[int, list[int]] = {}
    for k, klass in enumerate(model.classes):
        waves = sorted({w for t in klass.types for w in model.types[t].waves})
        for w in waves:
            link_cols: list[int] = []
            for b in klass.booths:
                col = model._column(1.0)
                model.x[k, w, b] = col
                at_booth.setdefault((w, b), []).append(col)
                in_wave.setdefault(w, []).append(col)
                link_cols.append(col)
            link_coefs = [1.0] * len(link_cols)
            for t in klass.types:
                if w in model.types[t].waves:
                    col = model._column(float(len(model.types[t].members)))
                    model.m[t, w] = col
                    link_cols.append(col)
                    link_coefs.append(-1.0)
            model.rows.append((link_cols, link_coefs, 0.0, 0.0))
    for cols in at_booth.values():
        if len(cols) > 1:
            model.rows.append((cols, [1.0] * len(cols), -INF, 1.0))
    for cols in in_wave.values():
        if len(cols) > inst.capacity:
            model.rows.append((cols, [1.0] * len(cols), -INF, float(inst.capacity)))
    for t, kind in enumerate(model.types):
        if len(kind.waves) > 1:
            cols = [model.m[t, w] for w in kind.waves]
            model.rows.append((cols, [1.0] * len(cols), -INF, float(len(kind.members))))


def _neighbour_rows(model: AllocationModel) -> None:
    sector_cols: dict[tuple[str, int, int], list[int]] = {}  # (s, w, b) -> x columns
    for (k, w, b), col in model.x.items():
        sector = model.classes[k].sector
        if sector is not None:
            sector_cols.setdefault((sector, w, b), []).append(col)
    sectors = sorted({s for s, _, _ in sector_cols})
    for s in sectors:
        for w in model.inst.open_waves:
            for b, b2 in model.inst.edges:
                here, there = sector_cols.get((s, w, b)), sector_cols.get((s, w, b2))
                if not here or not there:
                    continue  # sector s cannot hold both booths: no conflict possible
                conflict = model._column(1.0)
                model.c[s, w, b, b2] = conflict
                cols = [*here, *there, conflict]
                model.rows.append((cols, [1.0] * (len(cols) - 1) + [-1.0], -INF, 1.0))


def _balance_rows(model: AllocationModel) -> None:
    waves = model.inst.open_waves
    if len(waves) < 2:
        return
    members: dict[tuple[str, str], list[int]] = {}  # group -> types
    for t, kind in enumerate(model.types):
        sector = model.classes[kind.klass].sector
        if sector is not None:
            members.setdefault(("sector", sector), []).append(t)
        if kind.region is not None:
            members.setdefault(("region", kind.region), []).append(t)
    for group, group_types in sorted(members.items()):
        size = float(sum(len(model.types[t].members) for t in group_types))
        hi, lo = model._column(size), model._column(size)
        model.hi[group], model.lo[group] = hi, lo
        for w in waves:
            cols = [model.m[t, w] for t in group_types if (t, w) in model.m]
            model.rows.append(([*cols, hi], [1.0] * len(cols) + [-1.0], -INF, 0.0))
            model.rows.append(([*cols, lo], [1.0] * len(cols) + [-1.0], 0.0, INF))
