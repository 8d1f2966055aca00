"""Re-checking an allocation moved by hand: one item per broken rule, with a code and a message."""

from __future__ import annotations

from typing import Any

import pytest

from bench.instances_allocation import grid_fair
from tadamon.optimize.allocation import allocate
from tadamon.optimize.allocation_check import violations
from tadamon.optimize.errors import InstanceError

EVENT: dict[str, Any] = {
    "booths": [
        {"id": "B1", "zone": "hall", "accessible": True},
        {"id": "B2", "zone": "hall"},
        {"id": "B3", "zone": "garden"},
    ],
    "adjacency": [["B1", "B2"], ["B2", "B3"]],
    "waves": ["W1", "W2"],
    "wave_capacity": 2,
    "exhibitors": [
        {"id": "olive", "sector": "food", "waves": ["W1"]},
        {"id": "honey", "sector": "food", "needs_accessible": True},
        {"id": "rugs", "sector": "textile", "zones": ["hall"]},
        {"id": "argan", "sector": "cosmetics"},
    ],
    "sector_zones": {"garden": ["cosmetics"]},
}


def move(exhibitor: Any, wave: Any, booth: Any) -> dict[str, Any]:
    return {"exhibitor": exhibitor, "wave": wave, "booth": booth}


def rules(assignments: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return [(v["rule"], v["exhibitor"]) for v in violations(EVENT, assignments)]


def test_an_optimizer_output_breaks_nothing() -> None:
    instance = grid_fair(2, exhibitors=30, rows=2, cols=5, zone_rows=1, sectors=6)
    result = allocate(instance, time_limit_s=20)
    assert result["same_sector_neighbours"] == 0
    assert violations(instance, result["assignments"]) == []
    assert violations(EVENT, allocate(EVENT)["assignments"]) == []


def test_each_broken_rule_is_named() -> None:
    assignments = [
        move("olive", "W2", "B2"),  # olive comes in W1 only
        move("honey", "W1", "B2"),  # not accessible
        move("rugs", "W1", "B3"),  # rugs asked for the hall
        move("argan", "W1", "B1"),  # cosmetics belong in the garden; W1 holds 3 > 2
        move("argan", "W2", "B3"),  # twice
        move("honey", "W1", "B2"),  # twice, and B2 is taken in W1
    ]
    assert rules(assignments) == [
        ("wave_not_accepted", "olive"),
        ("needs_accessible", "honey"),
        ("outside_zones", "rugs"),
        ("wave_full", "argan"),
        ("sector_zone", "argan"),
        ("exhibitor_twice", "argan"),
        ("exhibitor_twice", "honey"),
        ("booth_taken", "honey"),
        ("needs_accessible", "honey"),
    ]
    first = violations(EVENT, assignments)[0]
    assert first == {
        "rule": "wave_not_accepted",
        "hard": True,
        "exhibitor": "olive",
        "wave": "W2",
        "booth": "B2",
        "message": "'olive' does not come in wave 'W2'",
    }


def test_unknown_items_are_named() -> None:
    assert rules([move("ghost", "W9", "B9")]) == [
        ("unknown_exhibitor", "ghost"),
        ("unknown_wave", "ghost"),
        ("unknown_booth", "ghost"),
    ]


def test_same_sector_neighbours_are_reported_as_soft() -> None:
    found = violations(EVENT, [move("olive", "W1", "B1"), move("honey", "W1", "B2")])
    assert [(v["rule"], v["hard"]) for v in found] == [
        ("needs_accessible", True),
        ("same_sector_neighbour", False),
    ]
    assert found[1]["message"] == (
        "'honey' and 'olive' (food) are neighbours in wave 'W1', at 'B2' and 'B1'"
    )


def test_malformed_assignments_are_rejected() -> None:
    with pytest.raises(InstanceError, match="assignments must be a list"):
        violations(EVENT, {"olive": "B1"})
    with pytest.raises(InstanceError, match=r"assignments\[0\] must be an object"):
        violations(EVENT, [{"exhibitor": "olive"}])
