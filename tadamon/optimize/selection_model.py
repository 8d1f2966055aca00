"""The CP-SAT model of selection under quotas.

Decisions: a boolean ``sel[i]`` per applicant; with waves, a boolean ``x[i, w]`` only for the
waves applicant i accepts (forbidden pairs are never created, so they need no constraint) and
``sel[i] = sum_w x[i, w]``. Applicants who cannot be placed in any wave get no variable at all.

Constraints: ``Instance.least`` <= total selected <= effective capacity (== the target with fill
"exact"), wave
capacity, and one linear constraint per quota. A share quota "at least p of the selected count"
is linearised without division: ``sum_i (SHARE_SCALE * counts_i - round(p * SHARE_SCALE)) *
sel_i >= 0``, i.e. SHARE_SCALE * count >= round(p * SHARE_SCALE) * selected.
"""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from tadamon.optimize.selection_instance import SHARE_SCALE, Instance, Quota

LinearExpr = cp_model.LinearExprT


class SelectionModel:
    """Variables and hard constraints of one instance; objectives are set by the caller.

    With ``guarded`` every quota is enforced only under its own literal (``guards[q]``), which the
    conflict search passes as assumptions to find quotas that cannot hold together.
    """

    def __init__(self, inst: Instance, *, guarded: bool = False) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        self.sel: dict[int, cp_model.IntVar] = {}
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.guards: list[cp_model.IntVar] = []
        self._add_decisions()
        self._add_capacity()
        for q, quota in enumerate(inst.quotas):
            constraint = self.model.add(self._quota_constraint(quota))
            if guarded:
                self.guards.append(self.model.new_bool_var(f"quota_{q}"))
                constraint.only_enforce_if(self.guards[-1])

    def _add_decisions(self) -> None:
        for a in self.inst.applicants:
            if not self.inst.placeable(a):
                continue
            self.sel[a.index] = self.model.new_bool_var(f"sel_{a.index}")
            if self.inst.waves is None:
                continue
            for w in self.inst.allowed_waves[a.index]:
                self.x[a.index, w] = self.model.new_bool_var(f"x_{a.index}_{w}")
            pairs = [self.x[a.index, w] for w in self.inst.allowed_waves[a.index]]
            self.model.add(sum(pairs) == self.sel[a.index])

    def _add_capacity(self) -> None:
        total = sum(self.sel.values())
        if self.inst.target is None:
            self.model.add(total <= self.inst.effective_capacity)
            self.model.add(total >= self.inst.least)
        else:
            self.model.add(total == self.inst.target)
        for w, wave in enumerate(self.inst.waves or ()):
            self.model.add(self.load(w) <= wave.capacity)

    def load(self, w: int) -> LinearExpr:
        return sum(var for (_, wave), var in self.x.items() if wave == w)

    def _members(self, quota: Quota) -> Iterable[tuple[int, cp_model.IntVar]]:
        """(applicant index, variable) pairs over which the quota is counted."""
        if not quota.per_wave:
            return self.sel.items()
        w = self.inst.wave_index(quota.key or "")
        return ((i, var) for (i, wave), var in self.x.items() if wave == w)

    def _quota_constraint(self, quota: Quota) -> cp_model.BoundedLinearExpression:
        applicants = self.inst.applicants
        members = list(self._members(quota))
        if quota.is_share:
            weight = quota.scaled_share
            expr = sum(
                (SHARE_SCALE * quota.counts(applicants[i]) - weight) * var for i, var in members
            )
            return expr >= 0
        count = sum(var for i, var in members if quota.counts(applicants[i]))
        return count >= quota.value if quota.bound == "min" else count <= quota.value

    def score(self) -> LinearExpr:
        return sum(self.inst.scaled_scores[i] * var for i, var in self.sel.items())

    def tie_break(self) -> LinearExpr:
        """Rewards better-ranked applicants: among equal totals, prefer higher scores, then
        earlier input. Squared weights (N - rank)**2 approach a lexicographic preference (taking
        ranks 0 and 3 beats ranks 1 and 2, which linear weights would tie) while staying far from
        64-bit limits; being positive, they also prefer filling places with zero scores."""
        n = len(self.inst.applicants)
        return sum((n - self.inst.rank_of[i]) ** 2 * var for i, var in self.sel.items())

    def wave_tie_break(self) -> tuple[LinearExpr, int]:
        """A deterministic preference among equally balanced assignments (better-ranked
        applicants in earlier waves) and a strict upper bound of its value."""
        n = len(self.inst.applicants)
        terms = [(w * (n - self.inst.rank_of[i]), var) for (i, w), var in self.x.items()]
        return sum(c * var for c, var in terms), sum(c for c, _ in terms) + 1

    def hint(self, selected: set[int], wave_of: dict[int, int]) -> None:
        self.model.clear_hints()
        for i, var in self.sel.items():
            self.model.add_hint(var, i in selected)
        for (i, w), var in self.x.items():
            self.model.add_hint(var, wave_of.get(i) == w)
