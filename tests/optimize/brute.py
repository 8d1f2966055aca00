"""Brute-force reference for small selection instances: every subset, every wave assignment.

Written from the documented rules, independently of the model, so that the two can disagree.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from tadamon.optimize.selection_instance import SHARE_SCALE

SHARE_FLAGS = {
    "min_share_women_led": "women_led",
    "min_share_youth_led": "youth_led",
    "min_share_first_time": "first_time",
}
COUNT_RULES = {
    "min_per_region": ("region", min),
    "max_per_region": ("region", max),
    "min_per_province": ("province", min),
    "max_per_province": ("province", max),
    "min_per_sector": ("sector", min),
    "max_per_sector": ("sector", max),
}


def share_holds(members: list[dict[str, Any]], flag: str, share: float) -> bool:
    count = sum(1 for a in members if a.get(flag))
    return SHARE_SCALE * count >= round(share * SHARE_SCALE) * len(members)


def count_holds(members: list[dict[str, Any]], attribute: str, code: str, bound, limit) -> bool:
    count = sum(1 for a in members if a.get(attribute) == code)
    return count >= limit if bound is min else count <= limit


def satisfies(instance: dict[str, Any], chosen: list[dict[str, Any]], wave_of: dict) -> bool:
    """Whether the chosen applicants (and, with waves, their waves by id) meet every quota."""
    quotas = instance.get("quotas") or {}
    for name, flag in SHARE_FLAGS.items():
        if quotas.get(name) is not None and not share_holds(chosen, flag, quotas[name]):
            return False
    for name, (attribute, bound) in COUNT_RULES.items():
        for code, limit in (quotas.get(name) or {}).items():
            if not count_holds(chosen, attribute, code, bound, limit):
                return False
    share = quotas.get("min_share_women_led_per_wave")
    if share is not None:
        for wave in instance["waves"]:
            members = [a for a in chosen if wave_of[a["id"]] == wave["label"]]
            if not share_holds(members, "women_led", share):
                return False
    return True


def places(instance: dict[str, Any]) -> int:
    if not instance.get("waves"):
        return instance["capacity"]
    return min(instance["capacity"], sum(w["capacity"] for w in instance["waves"]))


def _assignments(instance: dict[str, Any], chosen: tuple) -> Iterator[dict]:
    """Every way to put the chosen applicants in waves they accept, within wave capacity."""
    waves = instance.get("waves")
    if not waves:
        yield {}
        return
    capacity = {w["label"]: w["capacity"] for w in waves}
    options = [list(capacity) if a.get("waves") is None else a["waves"] for a in chosen]
    for labels in itertools.product(*options):
        if all(labels.count(label) <= cap for label, cap in capacity.items()):
            yield {a["id"]: label for a, label in zip(chosen, labels, strict=True)}


def _placeable(instance: dict[str, Any], applicant: dict[str, Any]) -> bool:
    waves = instance.get("waves")
    if not waves:
        return True
    open_labels = {w["label"] for w in waves if w["capacity"] > 0}
    accepted = applicant.get("waves")
    return bool(open_labels if accepted is None else open_labels & set(accepted))


def optimum(instance: dict[str, Any]) -> float | None:
    """The best total score over feasible selections, None when there is none."""
    applicants = instance["applicants"]
    top = min(places(instance), sum(1 for a in applicants if _placeable(instance, a)))
    # fill "exact": exactly that many; else at least one whenever someone can be placed (an
    # empty selection never counts as meeting a quota).
    sizes = [top] if instance.get("fill") == "exact" else range(min(1, top), top + 1)
    best = None
    for size in sizes:
        for chosen in itertools.combinations(applicants, size):
            if any(satisfies(instance, list(chosen), w) for w in _assignments(instance, chosen)):
                total = sum(a["score"] for a in chosen)
                best = total if best is None else max(best, total)
    return best


def placeable(instance: dict[str, Any]) -> int:
    """How many applicants some open wave (or, without waves, the call) could take."""
    return sum(1 for a in instance["applicants"] if _placeable(instance, a))
