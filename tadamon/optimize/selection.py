"""Selection of exhibitors from applications under quotas: ``select(instance) -> result``.

Input and output are JSON-shaped dicts; the fields are described in ``selection_instance``
(input), ``selection_report`` (quota report and reason codes) and below (result). In short:

- ``fill`` "max" (default) selects at most the effective capacity and maximises the total score.
  Scores are >= 0, so places are filled whenever the quotas allow; but a share quota may be met by
  leaving places empty rather than by failing ("places_filled" then falls short of
  "places_available"). ``fill`` "exact" selects exactly min(places, placeable applicants).
- The effective capacity is min(capacity, sum of wave capacities) when waves are given.
- ``unconstrained_objective`` is the total of the top-capacity scores ignoring quotas and waves,
  so ``quota_cost`` also includes what the applicants' wave availability costs, if anything.
- Scores are optimised as integers (see ``Instance.score_factor``) and reported in input units.
- ``time_limit_s`` bounds the whole call: the lexicographic stages (see ``selection_solve``) and,
  when infeasible, the conflict search (see ``selection_conflicts``).
- ``status`` is OPTIMAL when proven, FEASIBLE when the time ran out with a solution, INFEASIBLE
  with ``conflicts``, or UNKNOWN when the time ran out before either.
- Without a selection (INFEASIBLE, UNKNOWN) "selected", "waitlist" and "quotas" are empty and
  the totals other than ``unconstrained_objective`` are null.
- Ids are reported as given; the keys of ``explanations`` are ``str(id)`` (JSON object keys).
"""

from __future__ import annotations

from typing import Any

from tadamon.optimize.cpsat import Deadline
from tadamon.optimize.selection_conflicts import Conflict, obvious_conflicts, search_conflicts
from tadamon.optimize.selection_instance import Instance, parse_instance
from tadamon.optimize.selection_report import Selection, explanations, quota_states
from tadamon.optimize.selection_solve import Outcome, solve


def select(instance: dict[str, Any]) -> dict[str, Any]:
    """Validate ``instance`` (raising ``InstanceError``) and return the optimal selection."""
    inst = parse_instance(instance)
    deadline = Deadline(inst.time_limit_s)
    conflicts = obvious_conflicts(inst)
    if conflicts:
        return _without_selection(inst, "INFEASIBLE", conflicts)
    outcome = solve(inst, deadline)
    if outcome.status == "INFEASIBLE":
        return _without_selection(inst, "INFEASIBLE", search_conflicts(inst, deadline))
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return _without_selection(inst, "UNKNOWN", [])
    return _with_selection(inst, outcome)


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
