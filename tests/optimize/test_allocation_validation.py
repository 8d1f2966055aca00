"""Bad allocation instances: one clear line naming the offending item, never a traceback."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tadamon.optimize.allocation import allocate, allocate_greedy
from tadamon.optimize.errors import InstanceError

BASE: dict[str, Any] = {
    "booths": [
        {"id": "B1", "zone": "Z1", "accessible": True},
        {"id": "B2", "zone": "Z2", "accessible": False},
    ],
    "adjacency": [["B1", "B2"]],
    "waves": ["W1", "W2"],
    "wave_capacity": 2,
    "exhibitors": [
        {"id": "e1", "sector": "S1", "region": "R1", "waves": None, "zones": None},
        {"id": "e2", "sector": "S2", "region": "R1", "waves": ["W2"], "needs_accessible": True},
    ],
    "sector_zones": {"Z1": ["S1"]},
}


def edited(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    instance = copy.deepcopy(BASE)
    change(instance)
    return instance


CASES: list[tuple[Any, str]] = [
    ([], "the instance must be a JSON object"),
    (edited(lambda i: i.pop("booths")), "booths is required"),
    (edited(lambda i: i.update(colour="red")), "colour is not a known field"),
    (edited(lambda i: i.update(booths="B1")), "booths must be a list"),
    (edited(lambda i: i["booths"][0].pop("id")), "booths[0].id must be a non-empty string"),
    (
        edited(lambda i: i["booths"][1].update(id="B1")),
        "booths[1].id 'B1' duplicates booths[0].id",
    ),
    # 7 and "7" would be the same key for the Django layer and in JSON objects.
    (
        edited(lambda i: (i["booths"][0].update(id=7), i["booths"][1].update(id="7"))),
        "booths[1].id '7' duplicates booths[0].id",
    ),
    (
        edited(lambda i: i["booths"][0].update(accessible="yes")),
        "booths[0].accessible must be true or false",
    ),
    (edited(lambda i: i["booths"][0].update(size=9)), "booths[0].size is not a known field"),
    (edited(lambda i: i["adjacency"].append(["B1", "B9"])), "adjacency[1][1] 'B9' is not a booth"),
    (edited(lambda i: i["adjacency"].append(["B1"])), "adjacency[1] must be a pair"),
    (edited(lambda i: i["adjacency"].append(["B2", "B2"])), "adjacency[1] joins booth 'B2' to"),
    (edited(lambda i: i.update(waves=[])), "waves must be a non-empty list of labels"),
    (edited(lambda i: i.update(waves=["W1", "W1"])), "waves[1] 'W1' duplicates waves[0]"),
    (
        edited(lambda i: i.update(wave_capacity=-1)),
        "wave_capacity must be an integer >= 0 or null",
    ),
    (
        edited(lambda i: i.update(wave_capacity=True)),
        "wave_capacity must be an integer >= 0 or null",
    ),
    (
        edited(lambda i: i["exhibitors"][1].update(id="e1")),
        "exhibitors[1].id 'e1' duplicates exhibitors[0].id",
    ),
    (
        edited(lambda i: i["exhibitors"][1].update(waves=["W9"])),
        "exhibitors[1].waves[0] 'W9' is not a known wave label",
    ),
    (
        edited(lambda i: i["exhibitors"][0].update(zones=["Z9"])),
        "exhibitors[0].zones[0] 'Z9' is not a known booth zone",
    ),
    (
        edited(lambda i: i["exhibitors"][0].update({"needs-accessible": True})),
        "exhibitors[0].needs-accessible is not a known field",
    ),
    (
        edited(lambda i: i["exhibitors"][0].update(sector=3)),
        "exhibitors[0].sector must be a non-empty string or null",
    ),
    (
        edited(lambda i: i.update(sector_zones={"Z9": ["S1"]})),
        "sector_zones.Z9: 'Z9' is not the zone of any booth",
    ),
    (
        edited(lambda i: i.update(sector_zones={"Z1": "S1"})),
        "sector_zones.Z1 must be a list of sectors",
    ),
    (edited(lambda i: i.update(time_limit_s=0)), "time_limit_s must be a number > 0"),
    # Found by fuzzing (test_fuzz_inputs): JSON integers beyond the float range overflowed.
    (edited(lambda i: i.update(time_limit_s=10**400)), "time_limit_s must be a number > 0"),
    (edited(lambda i: i.update(method="fast")), 'method must be "mip" or "greedy"'),
]


@pytest.mark.parametrize(("instance", "message"), CASES)
@pytest.mark.parametrize("run", [allocate, allocate_greedy])
def test_bad_input_names_the_offending_item(
    run: Callable[[Any], Any], instance: Any, message: str
) -> None:
    with pytest.raises(InstanceError) as error:
        run(instance)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_base_instance_is_valid() -> None:
    assert allocate(BASE)["status"] == "OPTIMAL"


def test_the_time_limit_argument_is_checked_too() -> None:
    with pytest.raises(InstanceError, match="time_limit_s must be a number > 0"):
        allocate(BASE, time_limit_s=-1)
