"""The SPEC 6 ``allocate`` rules written out independently of the optimizer, for the other tests:
a checker of the hard constraints on the JSON output, the three tiers, the documented weights,
and a brute-force optimum over every feasible allocation of a small instance.

Written from the contract, not from the code under test, so that the two can disagree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

Result = dict[str, Any]


def capacity(instance: dict[str, Any]) -> int:
    cap = instance.get("wave_capacity")
    return len(instance["booths"]) if cap is None else cap


def confinement(instance: dict[str, Any]) -> dict[str, set[str]]:
    confined: dict[str, set[str]] = {}
    for zone, sectors in (instance.get("sector_zones") or {}).items():
        for sector in sectors:
            confined.setdefault(sector, set()).add(zone)
    return confined


def may_take(instance: dict[str, Any], ex: dict[str, Any], wave: str, booth: dict) -> bool:
    """Whether exhibitor ``ex`` may hold ``booth`` in ``wave`` (booth-local rules only)."""
    if ex.get("waves") is not None and wave not in ex["waves"]:
        return False
    if ex.get("needs_accessible") and not booth.get("accessible"):
        return False
    if ex.get("zones") is not None and booth.get("zone") not in ex["zones"]:
        return False
    zones = confinement(instance).get(ex.get("sector"))  # type: ignore[arg-type]
    return zones is None or booth.get("zone") in zones


def broken_rules(instance: dict[str, Any], result: Result) -> list[str]:
    """Every hard constraint the result breaks, as readable strings (empty when all hold)."""
    booths = {b["id"]: b for b in instance["booths"]}
    exhibitors = {e["id"]: e for e in instance["exhibitors"]}
    problems = []
    seen: Counter[Any] = Counter(a["exhibitor"] for a in result["assignments"])
    seen.update(result["unassigned"])
    for ex_id in exhibitors:
        if seen[ex_id] != 1:
            problems.append(f"{ex_id} is listed {seen[ex_id]} times among assigned and unassigned")
    if set(seen) - set(exhibitors):
        problems.append(f"unknown exhibitors {set(seen) - set(exhibitors)}")
    taken: Counter[tuple[str, Any]] = Counter()
    load: Counter[str] = Counter()
    for a in result["assignments"]:
        if a["wave"] not in instance["waves"] or a["booth"] not in booths:
            problems.append(f"unknown wave or booth in {a}")
            continue
        taken[a["wave"], a["booth"]] += 1
        load[a["wave"]] += 1
        if not may_take(instance, exhibitors[a["exhibitor"]], a["wave"], booths[a["booth"]]):
            problems.append(f"{a} breaks a wave, accessibility or zone rule")
    problems += [f"booth {key} is double booked" for key, n in taken.items() if n > 1]
    problems += [f"wave {w} is over capacity" for w, n in load.items() if n > capacity(instance)]
    return problems


def tiers(instance: dict[str, Any], assignments: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(placed, same-sector neighbours, imbalance) of an allocation."""
    sector = {e["id"]: e.get("sector") for e in instance["exhibitors"]}
    region = {e["id"]: e.get("region") for e in instance["exhibitors"]}
    at = {(a["wave"], a["booth"]): sector[a["exhibitor"]] for a in assignments}
    pairs = {frozenset(pair) for pair in instance.get("adjacency") or []}
    conflicts = sum(
        1
        for wave in instance["waves"]
        for pair in pairs
        for b, c in [tuple(pair)]
        if at.get((wave, b)) is not None and at.get((wave, b)) == at.get((wave, c))
    )
    imbalance = 0
    waves = instance["waves"] if capacity(instance) > 0 else []
    if len(waves) > 1:
        for of in (sector, region):
            counts = Counter((of[a["exhibitor"]], a["wave"]) for a in assignments)
            for value in {v for v in of.values() if v is not None}:
                per_wave = [counts[value, w] for w in waves]
                imbalance += max(per_wave) - min(per_wave)
    return len(assignments), conflicts, imbalance


def weights(instance: dict[str, Any]) -> tuple[int, int]:
    """(W1, W2) exactly as documented in tadamon/optimize/allocation_report.py."""
    people = instance["exhibitors"]
    max_imbalance = sum(e.get("sector") is not None for e in people) + sum(
        e.get("region") is not None for e in people
    )
    pairs = {frozenset(pair) for pair in instance.get("adjacency") or []}
    w2 = max_imbalance + 1
    return w2 * len(instance["waves"]) * len(pairs) + max_imbalance + 1, w2


def objective(instance: dict[str, Any], assignments: list[dict[str, Any]]) -> int:
    placed, conflicts, imbalance = tiers(instance, assignments)
    w1, w2 = weights(instance)
    return w1 * placed - w2 * conflicts - imbalance


def brute_force(instance: dict[str, Any]) -> int:
    """The best objective over every feasible allocation (everyone placed or not, anywhere)."""
    booths = instance["booths"]
    people = instance["exhibitors"]
    cap = capacity(instance)
    slots = [(w, b) for w in instance["waves"] for b in booths]
    best: list[int | None] = [None]
    chosen: list[dict[str, Any]] = []
    used: set[tuple[str, Any]] = set()
    load: Counter[str] = Counter()

    def visit(i: int) -> None:
        if i == len(people):
            value = objective(instance, chosen)
            if best[0] is None or value > best[0]:
                best[0] = value
            return
        ex = people[i]
        for wave, booth in slots:
            key = (wave, booth["id"])
            if key in used or load[wave] >= cap or not may_take(instance, ex, wave, booth):
                continue
            used.add(key)
            load[wave] += 1
            chosen.append({"exhibitor": ex["id"], "wave": wave, "booth": booth["id"]})
            visit(i + 1)
            chosen.pop()
            load[wave] -= 1
            used.discard(key)
        visit(i + 1)  # or leave them out

    visit(0)
    assert best[0] is not None
    return best[0]


# -- the rules above, checked on hand-made cases ----------------------------------------------

TWO = {
    "booths": [{"id": "B1", "accessible": True}, {"id": "B2"}],
    "adjacency": [["B1", "B2"], ["B2", "B1"]],
    "waves": ["W1", "W2"],
    "wave_capacity": 1,
    "exhibitors": [
        {"id": "a", "sector": "S", "region": "R"},
        {"id": "b", "sector": "S", "needs_accessible": True},
    ],
}


def test_checker_flags_double_booking_and_capacity() -> None:
    result = {
        "assignments": [
            {"exhibitor": "a", "wave": "W1", "booth": "B1"},
            {"exhibitor": "b", "wave": "W1", "booth": "B1"},
        ],
        "unassigned": [],
    }
    problems = broken_rules(TWO, result)
    assert "booth ('W1', 'B1') is double booked" in problems
    assert "wave W1 is over capacity" in problems


def test_checker_flags_accessibility_and_missing_exhibitors() -> None:
    result = {"assignments": [{"exhibitor": "b", "wave": "W1", "booth": "B2"}], "unassigned": []}
    problems = broken_rules(TWO, result)
    assert any("accessibility" in p for p in problems)
    assert "a is listed 0 times among assigned and unassigned" in problems


def test_tiers_and_weights_by_hand() -> None:
    both = [
        {"exhibitor": "a", "wave": "W1", "booth": "B2"},
        {"exhibitor": "b", "wave": "W2", "booth": "B1"},
    ]
    # The pair is listed twice but counts once; a and b are in different waves: no conflict.
    # Sector S has 1 and 1 in the two waves (spread 0); region R has 1 and 0 (spread 1).
    assert tiers(TWO, both) == (2, 0, 1)
    # I_max = 2 sectors + 1 region = 3, W2 = 4, C_max = 2 waves * 1 pair, W1 = 4 * 2 + 3 + 1.
    assert weights(TWO) == (12, 4)
    assert brute_force(TWO) == 12 * 2 - 1
