"""Why quotas cannot hold: arithmetic checks first, then a small conflicting set from CP-SAT.

Every conflict set reported here is infeasible on its own (with the capacity and wave rules, and
the rule that a selection holds at least ``Instance.least`` applicants), so an organizer who
relaxes one of its quotas removes that reason for infeasibility. ``relax`` drops them, which is
how ``select`` shows the best selection once they are relaxed.

Each conflict has a ``reason`` code besides its English message: ``no_members`` for a share
quota that no placeable applicant counts towards (met only by selecting nobody), null otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tadamon.optimize.cpsat import Deadline, run
from tadamon.optimize.selection_instance import Instance, Quota
from tadamon.optimize.selection_model import SelectionModel

FLAG_PHRASES = {
    "women_led": "women-led",
    "youth_led": "youth-led",
    "first_time": "first-time participants",
}


@dataclass(frozen=True)
class Conflict:
    quota: Quota | None  # None: the "fill": "exact" requirement itself
    message: str
    required: float | int | None = None
    reason: str | None = None

    @property
    def label(self) -> str:
        return "fill" if self.quota is None else self.quota.label

    def as_dict(self) -> dict[str, object]:
        if self.quota is None:
            name, key, required = "fill", None, self.required
        else:
            name, key, required = self.quota.name, self.quota.key, self.quota.value
        return {
            "name": name,
            "key": key,
            "required": required,
            "reason": self.reason,
            "message": self.message,
        }


def relax(inst: Instance, conflicts: Sequence[Conflict]) -> Instance:
    """``inst`` without the conflicting quotas (and filling at most, not exactly, when the fill
    requirement itself conflicts)."""
    dropped = {c.quota for c in conflicts if c.quota is not None}
    fill = "max" if any(c.quota is None for c in conflicts) else inst.fill
    quotas = tuple(q for q in inst.quotas if q not in dropped)
    return replace(inst, quotas=quotas, fill=fill)


def describe(quota: Quota) -> str:
    """An English phrase for the quota (the Django layer translates by name instead)."""
    if quota.is_share:
        where = f" in wave {quota.key}" if quota.per_wave else ""
        phrase = FLAG_PHRASES[quota.attribute]
        return f"at least {quota.value * 100:g}% {phrase}{where} ({quota.label})"
    word = "at least" if quota.bound == "min" else "at most"
    return f"{word} {quota.value} from {quota.attribute} {quota.key} ({quota.label})"


def obvious_conflicts(inst: Instance) -> list[Conflict]:
    """Infeasibilities visible by counting, each with a precise message."""
    conflicts = [*_short_of_applicants(inst), *_min_above_max(inst), *_minimums_over_capacity(inst)]
    return conflicts + _exact_share_shortfalls(inst) + _shares_without_members(inst)


def _placeable_members(inst: Instance, quota: Quota) -> int:
    return sum(1 for a in inst.applicants if inst.placeable(a) and quota.counts(a))


def _short_of_applicants(inst: Instance) -> list[Conflict]:
    conflicts = []
    for quota in inst.quotas:
        if quota.is_share or quota.bound != "min":
            continue
        available = _placeable_members(inst, quota)
        if quota.value > available:
            message = (
                f"{quota.label} requires at least {quota.value} selected from {quota.attribute} "
                f"{quota.key}, but only {available} applicant(s) from there can be placed"
            )
            conflicts.append(Conflict(quota, message))
    return conflicts


def _min_above_max(inst: Instance) -> list[Conflict]:
    maxima = {(q.attribute, q.key): q for q in inst.quotas if q.bound == "max"}
    conflicts = []
    for quota in inst.quotas:
        upper = maxima.get((quota.attribute, quota.key))
        if quota.bound == "min" and upper is not None and quota.value > upper.value:
            message = f"{quota.label} = {quota.value} exceeds {upper.label} = {upper.value}"
            conflicts += [Conflict(quota, message), Conflict(upper, message)]
    return conflicts


def _minimums_over_capacity(inst: Instance) -> list[Conflict]:
    conflicts = []
    places = inst.effective_capacity
    for attribute in ("region", "province", "sector"):
        minima = [
            q for q in inst.quotas if q.attribute == attribute and q.bound == "min" and q.value > 0
        ]
        total = sum(int(q.value) for q in minima)
        if total > places:
            message = (
                f"the minimums per {attribute} add up to {total} places, "
                f"but only {places} are available"
            )
            conflicts += [Conflict(q, message) for q in minima]
    return conflicts


def _exact_share_shortfalls(inst: Instance) -> list[Conflict]:
    """With fill "exact" the number selected is known, hence so is each share's count."""
    if inst.target is None:
        return []
    conflicts = []
    for quota in inst.quotas:
        if not quota.is_share or quota.per_wave:
            continue
        needed = quota.required_count(inst.target)
        available = _placeable_members(inst, quota)
        if needed > available:
            message = (
                f"{quota.label} requires at least {needed} of the {inst.target} selected to be "
                f"{FLAG_PHRASES[quota.attribute]}, but only {available} applicant(s) are"
            )
            conflicts.append(Conflict(quota, message))
    return conflicts


def _shares_without_members(inst: Instance) -> list[Conflict]:
    """With fill "max", a positive share that no placeable applicant meets could only hold by
    selecting nobody, which ``Instance.least`` forbids (fill "exact" is checked above)."""
    if inst.target is not None or inst.least == 0:
        return []
    conflicts = []
    for quota in inst.quotas:
        if not quota.is_share or quota.per_wave or quota.scaled_share == 0:
            continue
        if _placeable_members(inst, quota) == 0:
            message = (
                f"{quota.label} requires at least {quota.value * 100:g}% "
                f"{FLAG_PHRASES[quota.attribute]}, but no applicant who can be placed is one"
            )
            conflicts.append(Conflict(quota, message, reason="no_members"))
    return conflicts


def search_conflicts(inst: Instance, deadline: Deadline) -> list[Conflict]:
    """A small set of quotas that cannot hold together, for an instance CP-SAT found infeasible.

    CP-SAT reports a sufficient set of failed assumptions (one literal per quota); deletion
    filtering then drops every quota whose removal leaves the rest infeasible, so the result is
    minimal unless the time runs out (then it is merely sufficient).
    """
    sm = SelectionModel(inst, guarded=True)
    core = _core(sm, range(len(inst.quotas)), deadline)
    if core is None:
        return []
    for q in list(core):
        if q not in core or deadline.remaining() <= 0:
            continue
        # The solver's own core of the smaller set may drop several quotas at once.
        smaller = _core(sm, [c for c in core if c != q], deadline)
        if smaller is not None:
            core = smaller
    if not core:
        return [_fill_conflict(inst)]
    return [_joint_conflict(inst, inst.quotas[q], len(core)) for q in core]


def _core(sm: SelectionModel, quotas: Sequence[int], deadline: Deadline) -> list[int] | None:
    """The quotas of an infeasibility core among ``quotas``, or None if they are not proven
    infeasible together."""
    sm.model.clear_assumptions()
    sm.model.add_assumptions([sm.guards[q] for q in quotas])
    # Assumption cores come from the sequential search; one worker is also deterministic.
    status, solver = run(sm.model, deadline.remaining(), 1)
    if status != "INFEASIBLE":
        return None
    failed = set(solver.sufficient_assumptions_for_infeasibility())
    return [q for q in quotas if sm.guards[q].index in failed]


def _joint_conflict(inst: Instance, quota: Quota, size: int) -> Conflict:
    # With fill "max", the selection that is ruled out is the empty one (Instance.least).
    which = "any selection" if inst.target is not None else "any selection of at least one"
    if size == 1:
        return Conflict(quota, f"{describe(quota)} cannot be met by {which}")
    return Conflict(quota, f"{describe(quota)} cannot hold together with the other listed quotas")


def _fill_conflict(inst: Instance) -> Conflict:
    message = (
        f'fill "exact" requires {inst.target} selected, but the waves the applicants accept '
        "cannot hold that many"
    )
    return Conflict(None, message, required=inst.target)
