"""``allocate`` on random instances: every output keeps the hard constraints, reports objective
and bound as documented, and on instances small enough equals the brute-force optimum."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tadamon.optimize.allocation import allocate, allocate_greedy
from tadamon.optimize.allocation_check import violations
from tests.optimize.test_allocation_rules import broken_rules, brute_force, objective, tiers

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
SECTORS = ["S1", "S2", None]
REGIONS = ["R1", "R2", None]
ZONES = ["Z1", "Z2", None]


@st.composite
def instances(draw: st.DrawFn, booths: int, exhibitors: int, waves: int) -> dict[str, Any]:
    booth_list = [
        {"id": f"B{n}", "zone": draw(st.sampled_from(ZONES)), "accessible": draw(st.booleans())}
        for n in range(draw(st.integers(1, booths)))
    ]
    ids = [b["id"] for b in booth_list]
    pairs = [[b, c] for i, b in enumerate(ids) for c in ids[i + 1 :]]
    adjacency = draw(st.lists(st.sampled_from(pairs), max_size=6)) if pairs else []
    # Pairs may come reversed: still the same neighbourhood.
    adjacency = [pair[::-1] if draw(st.booleans()) else pair for pair in adjacency]
    labels = [f"W{n}" for n in range(draw(st.integers(1, waves)))]
    zones = sorted({b["zone"] for b in booth_list if b["zone"] is not None})
    people = [
        {
            "id": f"e{n}",
            "sector": draw(st.sampled_from(SECTORS)),
            "region": draw(st.sampled_from(REGIONS)),
            "waves": draw(st.none() | st.lists(st.sampled_from(labels), max_size=2)),
            "needs_accessible": draw(st.booleans()),
            "zones": draw(st.none() | st.lists(st.sampled_from(zones), max_size=2))
            if zones
            else None,
        }
        for n in range(draw(st.integers(0, exhibitors)))
    ]
    sector_zones = None
    if zones and draw(st.booleans()):
        sector_zones = {zone: draw(st.lists(st.sampled_from(SECTORS[:2]))) for zone in zones}
    return {
        "booths": booth_list,
        "adjacency": adjacency,
        "waves": labels,
        "wave_capacity": draw(st.none() | st.integers(0, booths)),
        "exhibitors": people,
        "sector_zones": sector_zones,
    }


def check_report(instance: dict[str, Any], result: dict[str, Any]) -> None:
    assert broken_rules(instance, result) == []
    assert result["objective"] == objective(instance, result["assignments"])
    placed, conflicts, imbalance = tiers(instance, result["assignments"])
    assert (result["placed"], result["same_sector_neighbours"]) == (placed, conflicts)
    assert result["imbalance"]["total"] == imbalance
    assert result["bound"] >= result["objective"]
    assert result["status"] == ("OPTIMAL" if result["bound"] == result["objective"] else "FEASIBLE")
    assert result["tier_bounds"]["placed"] >= placed
    # The hand-move checker agrees: nothing hard, one soft item per same-sector pair.
    found = violations(instance, result["assignments"])
    assert [v["rule"] for v in found] == ["same_sector_neighbour"] * conflicts


@SETTINGS
@given(instances(booths=4, exhibitors=5, waves=2))
def test_small_instances_reach_the_brute_force_optimum(instance: dict[str, Any]) -> None:
    result = allocate(instance, time_limit_s=20)
    check_report(instance, result)
    assert result["status"] == "OPTIMAL"
    assert result["objective"] == brute_force(instance)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(instances(booths=8, exhibitors=14, waves=3))
def test_larger_instances_keep_every_hard_constraint(instance: dict[str, Any]) -> None:
    check_report(instance, allocate(instance, time_limit_s=20))
    check_report(instance, allocate_greedy(instance))
