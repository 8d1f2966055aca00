"""Selection of exhibitors from applications under quotas: ``select(instance) -> result``.

Input and output are JSON-shaped dicts; the fields are described in ``selection_instance``
(input), ``selection_report`` (quota report and reason codes) and below (result). In short:

- ``fill`` "max" (default) selects at most the effective capacity and maximises the total score.
  Scores are >= 0, so places are filled whenever the quotas allow; but a share quota may be met by
  leaving places empty rather than by failing ("places_filled" then falls short of
  "places_available"). Never by leaving them all empty, though: when someone can be placed, a
  selection holds at least one applicant (a share of nobody means nothing), so a quota that only
  an empty selection meets is a conflict. ``fill`` "exact" selects exactly min(places, placeable
  applicants).
- The effective capacity is min(capacity, sum of wave capacities) when waves are given.
- ``unconstrained_objective`` is the total of the top-capacity scores ignoring quotas and waves,
  so ``quota_cost`` also includes what the applicants' wave availability costs, if anything.
- Scores are optimised as integers (see ``Instance.score_factor``) and reported in input units.
- ``time_limit_s`` bounds the whole call: the lexicographic stages (see ``selection_solve``) and,
  when infeasible, the conflict search (see ``selection_conflicts``).
- ``status`` is OPTIMAL when proven, FEASIBLE when the time ran out with a solution, INFEASIBLE
  with ``conflicts``, or UNKNOWN when the time ran out before either.
- When INFEASIBLE, the conflicting quotas are dropped (and fill "exact" becomes "max" when the
  fill itself conflicts), again until the rest can hold, and the result is the best selection
  of that relaxed instance: ``relaxed`` lists the labels dropped ("fill" for the fill, else
  ``name`` or ``name:key``), ``conflicts`` every conflict found on the way, and "quotas" the
  quotas kept. ``relaxed`` is empty otherwise.
- Without a selection (UNKNOWN, or INFEASIBLE when no conflict could be named or the relaxed
  instance was not solved in time) "selected", "waitlist" and "quotas" are empty and the totals
  other than ``unconstrained_objective`` are null.
- Ids are reported as given; the keys of ``explanations`` are ``str(id)`` (JSON object keys).
"""

from __future__ import annotations

from typing import Any

from tadamon.optimize.cpsat import Deadline
from tadamon.optimize.selection_conflicts import (
    Conflict,
    obvious_conflicts,
    relax,
    search_conflicts,
)
from tadamon.optimize.selection_instance import Instance, parse_instance
from tadamon.optimize.selection_report import Selection, explanations, quota_states
from tadamon.optimize.selection_solve import Outcome, solve

SOLVED = ("OPTIMAL", "FEASIBLE")


def select(instance: dict[str, Any]) -> dict[str, Any]:
    """Validate ``instance`` (raising ``InstanceError``) and return the optimal selection."""
    inst = parse_instance(instance)
    deadline = Deadline(inst.time_limit_s)
    conflicts = obvious_conflicts(inst)
    if not conflicts:
        outcome = solve(inst, deadline)
        if outcome.status in SOLVED:
            return _with_selection(inst, outcome)
        if outcome.status != "INFEASIBLE":
            return _without_selection(inst, "UNKNOWN", [])
        conflicts = search_conflicts(inst, deadline)
    return _relaxed(inst, conflicts, deadline)


def _relaxed(inst: Instance, conflicts: list[Conflict], deadline: Deadline) -> dict[str, Any]:
    """The best selection once the conflicting quotas are dropped, again until the rest can hold;
    each round drops at least one quota (or the exact fill), so the loop ends."""
    found: list[Conflict] = []
    current = inst
    while conflicts:
        found += conflicts
        smaller = relax(current, conflicts)
        if smaller == current:
            break
        current = smaller
        outcome = solve(current, deadline)
        if outcome.status in SOLVED:
            result = _with_selection(current, outcome)
            relaxed = list(dict.fromkeys(conflict.label for conflict in found))
            result |= {"status": "INFEASIBLE", "conflicts": _unique(found), "relaxed": relaxed}
            return result
        if outcome.status != "INFEASIBLE":
            break
        conflicts = obvious_conflicts(current) or search_conflicts(current, deadline)
    return _without_selection(inst, "INFEASIBLE", found)


def _units(inst: Instance, scaled: int) -> int | float:
    """A scaled score total back in input units (an int when the scores were integers)."""
    if inst.score_factor == 1:
        return scaled
    return round(scaled / inst.score_factor, 4)


def _unconstrained(inst: Instance) -> int:
    top = sorted(inst.scaled_scores, reverse=True)[: inst.effective_capacity]
    return sum(top)


def _ids(inst: Instance, indices: set[int] | frozenset[int] | list[int]) -> list[str | int]:
    """Ids by descending score, ties by input order."""
    return [inst.applicants[i].id for i in sorted(indices, key=inst.rank_of.__getitem__)]


def _with_selection(inst: Instance, outcome: Outcome) -> dict[str, Any]:
    sel = Selection(inst, frozenset(outcome.selected), outcome.wave_of)
    states = quota_states(sel)
    unconstrained = _unconstrained(inst)
    cost = unconstrained - outcome.objective
    result: dict[str, Any] = {
        "status": outcome.status,
        "selected": _ids(inst, sel.selected),
        "waitlist": _ids(inst, [a.index for a in inst.applicants if a.index not in sel.selected]),
    }
    if inst.waves is not None:
        result["assignments"] = _assignments(inst, outcome)
    return result | {
        "places_available": inst.effective_capacity,
        "places_filled": len(sel.selected),
        "objective": _units(inst, outcome.objective),
        "bound": _units(inst, outcome.bound),
        "gap": _ratio(outcome.bound - outcome.objective, outcome.bound),
        "unconstrained_objective": _units(inst, unconstrained),
        "quota_cost": _units(inst, cost),
        "quota_cost_share": _ratio(cost, unconstrained),
        "quotas": [state.as_dict() for state in states],
        "explanations": explanations(sel, states),
        "conflicts": [],
        "relaxed": [],
    }


def _assignments(inst: Instance, outcome: Outcome) -> list[dict[str, Any]]:
    waves = inst.waves or ()
    order = sorted(outcome.selected, key=inst.rank_of.__getitem__)
    return [
        {"applicant": inst.applicants[i].id, "wave": waves[outcome.wave_of[i]].label} for i in order
    ]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _without_selection(inst: Instance, status: str, conflicts: list[Conflict]) -> dict[str, Any]:
    unconstrained = _unconstrained(inst)
    result: dict[str, Any] = {
        "status": status,
        "selected": [],
        # Without a selection there is nothing to wait behind: no one is ranked.
        "waitlist": [],
    }
    if inst.waves is not None:
        result["assignments"] = []
    return result | {
        "places_available": inst.effective_capacity,
        "places_filled": 0,
        "objective": None,
        "bound": None,
        "gap": None,
        "unconstrained_objective": _units(inst, unconstrained),
        "quota_cost": None,
        "quota_cost_share": None,
        "quotas": [],
        "explanations": {},
        "conflicts": _unique(conflicts),
        "relaxed": [],
    }


def _unique(conflicts: list[Conflict]) -> list[dict[str, object]]:
    """One item per quota; an arithmetic check may name a quota another check also names."""
    seen: set[tuple[object, object]] = set()
    items = []
    for conflict in conflicts:
        item = conflict.as_dict()
        if (item["name"], item["key"]) not in seen:
            seen.add((item["name"], item["key"]))
            items.append(item)
    return items
