"""``allocate``: the SPEC 6 contract on hand-made instances, determinism, a light E1 shape."""

from __future__ import annotations

import copy
import json
from typing import Any

from bench.instances_allocation import grid_fair
from tadamon.optimize.allocation import allocate, allocate_greedy
from tests.optimize.test_allocation_rules import broken_rules, objective


def fair(booths: list[dict[str, Any]], exhibitors: list[dict[str, Any]], **rest: Any) -> dict:
    return {"booths": booths, "waves": ["W1"], "exhibitors": exhibitors, **rest}


def row(*zones: str | None, accessible: tuple[int, ...] = ()) -> list[dict[str, Any]]:
    return [
        {"id": f"B{n + 1}", "zone": zone, "accessible": n in accessible}
        for n, zone in enumerate(zones)
    ]


def chain(count: int) -> list[list[str]]:
    return [[f"B{n}", f"B{n + 1}"] for n in range(1, count)]


def booth_of(result: dict[str, Any]) -> dict[str, Any]:
    return {a["exhibitor"]: a["booth"] for a in result["assignments"]}


def wave_of(result: dict[str, Any]) -> dict[str, Any]:
    return {a["exhibitor"]: a["wave"] for a in result["assignments"]}


def test_the_contract_keys() -> None:
    result = allocate(fair(row(None), [{"id": "a"}]))
    assert result["assignments"] == [{"exhibitor": "a", "wave": "W1", "booth": "B1"}]
    assert result["unassigned"] == []
    assert (result["status"], result["objective"], result["bound"]) == ("OPTIMAL", 1, 1)
    json.dumps(result)  # JSON-ready as it is


def test_same_sector_exhibitors_are_kept_apart() -> None:
    people = [{"id": "a", "sector": "food"}, {"id": "b", "sector": "food"}, {"id": "c"}]
    result = allocate(fair(row(None, None, None), people, adjacency=chain(3)))
    assert booth_of(result)["c"] == "B2"  # between the two food cooperatives
    assert result["same_sector_neighbours"] == 0
    assert result["status"] == "OPTIMAL"


def test_placing_everyone_comes_before_keeping_sectors_apart() -> None:
    people = [{"id": "a", "sector": "food"}, {"id": "b", "sector": "food"}]
    result = allocate(fair(row(None, None), people, adjacency=chain(2)))
    assert (result["placed"], result["same_sector_neighbours"]) == (2, 1)
    assert result["status"] == "OPTIMAL"


def test_the_optimizer_places_whom_first_come_first_served_leaves_out() -> None:
    # The first exhibitor would take B1, the only booth in the zone the second one needs.
    people = [{"id": "early"}, {"id": "late", "zones": ["Z1"]}]
    instance = fair(row("Z1", "Z2"), people)
    assert allocate_greedy(instance)["unassigned"] == ["late"]
    result = allocate(instance)
    assert booth_of(result) == {"early": "B2", "late": "B1"}
    assert result["status"] == "OPTIMAL"


def test_accessible_booths_go_to_those_who_need_them() -> None:
    people = [{"id": "a"}, {"id": "b", "needs_accessible": True}, {"id": "c"}]
    result = allocate(fair(row(None, None, None, accessible=(2,)), people))
    assert booth_of(result)["b"] == "B3"


def test_sector_zones_confine_a_sector_and_leave_others_free() -> None:
    people = [{"id": "a", "sector": "food"}, {"id": "b", "sector": "crafts"}]
    instance = fair(row("hall", "garden"), people, sector_zones={"garden": ["food"]})
    assert booth_of(allocate(instance)) == {"a": "B2", "b": "B1"}


def test_whom_no_booth_suits_is_unassigned() -> None:
    people = [{"id": "a", "needs_accessible": True}, {"id": "b", "waves": []}, {"id": "c"}]
    result = allocate(fair(row(None), people))
    assert result["unassigned"] == ["a", "b"]
    assert (result["placeable"], result["status"]) == (1, "OPTIMAL")


def test_not_everyone_fits_the_latest_comers_wait() -> None:
    people = [{"id": f"e{n}", "sector": "S"} for n in range(1, 5)]
    result = allocate(fair(row(None, None), people))
    assert [a["exhibitor"] for a in result["assignments"]] == ["e1", "e2"]
    assert result["unassigned"] == ["e3", "e4"]
    assert result["tier_bounds"]["placed"] == 2
    assert result["status"] == "OPTIMAL"


def test_waves_capacity_and_wishes() -> None:
    people = [
        {"id": "a", "waves": ["W2"]},
        {"id": "b"},
        {"id": "c", "waves": ["W2"]},
    ]
    instance = fair(row(None, None), people, waves=["W1", "W2"], wave_capacity=1)
    result = allocate(instance)
    assert wave_of(result) == {"a": "W2", "b": "W1"}
    assert result["unassigned"] == ["c"]


def test_sectors_and_regions_are_balanced_across_waves() -> None:
    people = [{"id": f"e{n}", "sector": "S", "region": f"R{n % 2}"} for n in range(4)]
    instance = fair(row(*[None] * 4), people, waves=["W1", "W2"])
    result = allocate(instance)
    waves = wave_of(result)
    assert sorted(waves.values()) == ["W1", "W1", "W2", "W2"]
    assert waves["e0"] != waves["e2"] and waves["e1"] != waves["e3"]  # R0 and R1 split too
    assert result["imbalance"] == {"sectors": 0, "regions": 0, "total": 0}


def test_objective_and_bound_use_the_documented_weights() -> None:
    people = [{"id": "a", "sector": "S", "region": "R"}, {"id": "b", "sector": "S"}]
    instance = fair(row(None, None), people, adjacency=chain(2))
    result = allocate(instance)
    # I_max = 2 sectors + 1 region = 3, W2 = 4, C_max = 1 wave * 1 pair, W1 = 4 + 3 + 1 = 8.
    assert result["weights"] == {"placed": 8, "same_sector_neighbours": 4, "imbalance": 1}
    assert result["objective"] == 8 * 2 - 4 * 1 == objective(instance, result["assignments"])
    assert result["bound"] == result["objective"]


def test_edge_cases_without_anything_to_place() -> None:
    empty = allocate(fair(row(None), []))
    assert (empty["status"], empty["objective"], empty["bound"], empty["gap"]) == (
        "OPTIMAL",
        0,
        0,
        0.0,
    )
    closed = allocate(fair(row(None), [{"id": "a"}], wave_capacity=0))
    assert (closed["unassigned"], closed["status"]) == (["a"], "OPTIMAL")


def test_greedy_preview_has_the_same_shape() -> None:
    instance = grid_fair(3, exhibitors=30, rows=2, cols=5, zone_rows=1, sectors=6)
    preview = allocate_greedy(instance)
    assert preview == allocate({**instance, "method": "greedy"})
    assert preview["method"] == "greedy"
    assert broken_rules(instance, preview) == []
    assert preview["bound"] >= preview["objective"]
    assert set(preview) == set(allocate(instance, time_limit_s=10))


def test_e1_shape_light_has_no_same_sector_neighbours() -> None:
    # E1 in miniature: 30 exhibitors, 3 waves of a 2 x 5 grid, 2 zones, 6 sectors, 10% needing
    # an accessible booth. The full E1 (180 exhibitors) is in bench/allocate.py.
    for seed in (1, 2):
        instance = grid_fair(seed, exhibitors=30, rows=2, cols=5, zone_rows=1, sectors=6)
        result = allocate(instance, time_limit_s=20)
        assert broken_rules(instance, result) == []
        assert result["status"] == "OPTIMAL"
        assert result["placed"] == result["placeable"]
        assert result["same_sector_neighbours"] == 0


def test_same_instance_same_result() -> None:
    instance = grid_fair(4, exhibitors=30, rows=2, cols=5, zone_rows=1, sectors=6)
    first = allocate(copy.deepcopy(instance), time_limit_s=20)
    assert allocate(copy.deepcopy(instance), time_limit_s=20) == first
    assert allocate(instance, time_limit_s=20, seed=0) == first


def test_the_instance_is_not_modified() -> None:
    instance = grid_fair(5, exhibitors=12, rows=2, cols=3, zone_rows=1, sectors=4)
    before = copy.deepcopy(instance)
    allocate(instance)
    assert instance == before
