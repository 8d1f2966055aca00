"""What a selection achieved, quota by quota, and a reason code per applicant.

A quota is reported as *binding* when it holds with equality — a minimum met exactly (and
demanding at least one), or a maximum reached while someone it counts is left out. That is cheap
and necessary for relaxing the quota to raise the objective; it is not sufficient (the top
applicants may meet a minimum exactly by chance), which is why the explanations below also ask
that a better-scored applicant be left out before blaming a quota.

Reason codes (``name`` below is the quota name, followed by ``:key`` for keyed quotas such as
``min_per_region:R1``; split on the first two colons):

- ``selected``; ``selected_for_quota:<name>`` — selected although it ranks below the merit
  cutoff (the top ``places_available`` by score, ties by input order) while a better-scored
  applicant is left out, and it counts towards a binding minimum (preferably one that the
  left-out applicant would not meet);
- ``displaced_by_quota:<name>`` — ranks above the merit cutoff but is left out while a
  worse-scored applicant is selected (or a place stays empty), and a binding maximum counts it or
  a binding minimum does not;
- ``wave_unavailable`` — no wave it accepts has room (or, with waves, none exists);
- ``below_cutoff`` — left out on score alone.

Measuring against the merit cutoff, not against the lowest selected score, keeps the blame
proportionate: a quota that brings in three applicants displaces about three, not everyone
scoring above the weakest of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from tadamon.optimize.selection_instance import Instance, Quota


@dataclass(frozen=True)
class QuotaState:
    quota: Quota
    count: int
    pool: int  # the selected it is counted among (those of its wave, for per-wave quotas)
    required_count: int
    binding: bool

    def as_dict(self) -> dict[str, object]:
        quota = self.quota
        entry: dict[str, object] = {"name": quota.name, "key": quota.key, "required": quota.value}
        if quota.is_share:
            entry["achieved"] = round(self.count / self.pool, 4) if self.pool else None
            entry |= {"count": self.count, "required_count": self.required_count}
            entry["selected"] = self.pool
        else:
            entry["achieved"] = self.count
        entry["binding"] = self.binding
        return entry


@dataclass(frozen=True)
class Selection:
    """The final decision, in applicant indices."""

    inst: Instance
    selected: frozenset[int]
    wave_of: dict[int, int]

    def in_pool(self, quota: Quota, i: int) -> bool:
        """Whether selected applicant ``i`` is among those the quota is counted over."""
        return not quota.per_wave or self.wave_of.get(i) == self.inst.wave_index(quota.key or "")

    def helps(self, quota: Quota, i: int) -> bool:
        return quota.counts(self.inst.applicants[i]) and self.in_pool(quota, i)

    @cached_property
    def merit(self) -> frozenset[int]:
        """Who would be selected on score alone, ignoring quotas and waves."""
        return frozenset(self.inst.ranking[: self.inst.effective_capacity])

    def left_out(self) -> list[int]:
        """Applicants who could have been placed but were not."""
        return [
            a.index
            for a in self.inst.applicants
            if a.index not in self.selected and self.inst.placeable(a)
        ]


def quota_states(sel: Selection) -> list[QuotaState]:
    return [_state(sel, quota) for quota in sel.inst.quotas]


def _state(sel: Selection, quota: Quota) -> QuotaState:
    pool = [i for i in sel.selected if sel.in_pool(quota, i)]
    count = sum(1 for i in pool if quota.counts(sel.inst.applicants[i]))
    required = quota.required_count(len(pool))
    if quota.bound == "min":
        binding = count == required > 0
    else:
        left_out = sel.left_out()
        binding = count == required and any(quota.counts(sel.inst.applicants[j]) for j in left_out)
    return QuotaState(quota, count, len(pool), required, binding)


def explanations(sel: Selection, states: list[QuotaState]) -> dict[str, str]:
    inst = sel.inst
    reasons = {str(a.id): "wave_unavailable" for a in inst.applicants}
    left_out = sel.left_out()
    for i in sel.selected:
        reasons[str(inst.applicants[i].id)] = _why_selected(sel, i, left_out, states)
    for j in left_out:
        reasons[str(inst.applicants[j].id)] = _why_left_out(sel, j, states)
    return reasons


def _why_selected(sel: Selection, i: int, left_out: list[int], states: list[QuotaState]) -> str:
    if i in sel.merit:
        return "selected"
    scores = sel.inst.scaled_scores
    better = [j for j in left_out if scores[j] > scores[i]]
    helped = [
        s.quota for s in states if s.binding and s.quota.bound == "min" and sel.helps(s.quota, i)
    ]
    if not better or not helped:
        return "selected"
    # Prefer the quota that the better-scored applicant left out could not have met instead.
    for quota in helped:
        if any(not quota.counts(sel.inst.applicants[j]) for j in better):
            return f"selected_for_quota:{quota.label}"
    return f"selected_for_quota:{helped[0].label}"


def _why_left_out(sel: Selection, j: int, states: list[QuotaState]) -> str:
    if j not in sel.merit:
        return "below_cutoff"
    inst = sel.inst
    scores = inst.scaled_scores
    room = len(sel.selected) < inst.effective_capacity
    worse = [i for i in sel.selected if scores[i] < scores[j]]
    if not room and not worse:
        return "below_cutoff"
    applicant = inst.applicants[j]
    for state in states:
        if state.binding and state.quota.bound == "max" and state.quota.counts(applicant):
            return f"displaced_by_quota:{state.quota.label}"
    for state in states:
        quota = state.quota
        if not state.binding or quota.bound != "min" or quota.counts(applicant):
            continue
        if room or any(sel.helps(quota, i) for i in worse):
            return f"displaced_by_quota:{quota.label}"
    if inst.waves is not None and _waves_full(sel, j):
        return "wave_unavailable"
    return "below_cutoff"


def _waves_full(sel: Selection, j: int) -> bool:
    loads: dict[int, int] = {}
    for w in sel.wave_of.values():
        loads[w] = loads.get(w, 0) + 1
    waves = sel.inst.waves or ()
    return all(loads.get(w, 0) >= waves[w].capacity for w in sel.inst.allowed_waves[j])
