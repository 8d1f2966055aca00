"""Invalid instances are rejected with a message naming the field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.selection import select

VALID: dict[str, Any] = {
    "capacity": 2,
    "applicants": [
        {"id": "a", "score": 3, "women_led": True, "region": "R1", "waves": ["W1"]},
        {"id": 7, "score": 2.5, "sector": "crafts"},
        {"id": "c", "score": 1},
        {"id": "d", "score": 0},
    ],
    "waves": [{"label": "W1", "capacity": 1}, {"label": "W2", "capacity": 1}],
    "quotas": {"min_share_women_led": 0.5, "min_per_region": {"R1": 1}},
}

Edit = Callable[[dict[str, Any]], object]


def drop_waves(instance: dict[str, Any]) -> None:
    instance["waves"] = None
    instance["applicants"][0].pop("waves")


def edited(edit: Edit) -> dict[str, Any]:
    instance = copy.deepcopy(VALID)
    edit(instance)
    return instance


CASES: list[tuple[str, Edit, str]] = [
    ("missing capacity", lambda i: i.pop("capacity"), "capacity is required"),
    ("float capacity", lambda i: i.update(capacity=2.5), "capacity must be an integer >= 0"),
    ("bool capacity", lambda i: i.update(capacity=True), "capacity must be an integer >= 0"),
    ("negative capacity", lambda i: i.update(capacity=-1), "capacity must be an integer >= 0"),
    (
        "negative score",
        lambda i: i["applicants"][3].update(score=-1),
        "applicants[3].score must be a number >= 0",
    ),
    (
        "text score",
        lambda i: i["applicants"][1].update(score="high"),
        "applicants[1].score must be a number >= 0",
    ),
    (
        "missing score",
        lambda i: i["applicants"][2].pop("score"),
        "applicants[2].score must be a number >= 0",
    ),
    (
        "infinite score",
        lambda i: i["applicants"][2].update(score=float("inf")),
        "applicants[2].score",
    ),
    (
        "duplicate id",
        lambda i: i["applicants"][2].update(id="a"),
        "applicants[2].id 'a' duplicates applicants[0].id",
    ),
    (
        "id colliding as text",
        lambda i: i["applicants"][2].update(id="7"),
        "applicants[2].id '7' duplicates applicants[1].id",
    ),
    ("missing id", lambda i: i["applicants"][0].pop("id"), "applicants[0].id"),
    (
        "flag not boolean",
        lambda i: i["applicants"][0].update(women_led="yes"),
        "applicants[0].women_led must be true or false",
    ),
    (
        "misspelt flag",
        lambda i: i["applicants"][0].update({"women-led": True}),
        "applicants[0].women-led is not a known field",
    ),
    (
        "unknown wave label",
        lambda i: i["applicants"][0].update(waves=["W1", "W9"]),
        "applicants[0].waves[1] 'W9' is not a known wave label",
    ),
    (
        "applicant waves without instance waves",
        lambda i: i.update(waves=None),
        "applicants[0].waves is given but the instance defines no waves",
    ),
    ("duplicate wave", lambda i: i["waves"].append({"label": "W1", "capacity": 3}), "waves[2]"),
    (
        "wave capacity",
        lambda i: i["waves"][1].update(capacity=1.5),
        "waves[1].capacity must be an integer >= 0",
    ),
    (
        "share above one",
        lambda i: i["quotas"].update(min_share_women_led=1.2),
        "quotas.min_share_women_led must be a number between 0 and 1",
    ),
    (
        "share below zero",
        lambda i: i["quotas"].update(min_share_youth_led=-0.1),
        "quotas.min_share_youth_led must be a number between 0 and 1",
    ),
    (
        "unknown quota",
        lambda i: i["quotas"].update(min_share_women=0.3),
        "quotas.min_share_women is not a known quota",
    ),
    (
        "non-integer count",
        lambda i: i["quotas"].update(max_per_sector={"crafts": 2.5}),
        "quotas.max_per_sector.crafts must be an integer >= 0",
    ),
    (
        "per-wave share without waves",
        lambda i: drop_waves(i) or i["quotas"].update(min_share_women_led_per_wave=0.5),
        "quotas.min_share_women_led_per_wave needs waves",
    ),
    ("unknown fill", lambda i: i.update(fill="all"), "fill must be"),
    ("zero workers", lambda i: i.update(workers=0), "workers must be an integer >= 1"),
    ("zero time", lambda i: i.update(time_limit_s=0), "time_limit_s must be a number > 0"),
    # Found by fuzzing (test_fuzz_inputs): an integer beyond the float range, which JSON allows,
    # raised OverflowError; an object as a wave label raised TypeError.
    (
        "time beyond floats",
        lambda i: i.update(time_limit_s=10**400),
        "time_limit_s must be a number > 0",
    ),
    (
        "score beyond floats",
        lambda i: i["applicants"][0].update(score=10**400),
        "applicants[0].score must be a number >= 0",
    ),
    (
        "object as a wave label",
        lambda i: i["applicants"][0].update(waves=[{"label": "W1"}]),
        "applicants[0].waves[0] {'label': 'W1'} is not a known wave label",
    ),
    ("unknown field", lambda i: i.update(quota={}), "quota is not a known field"),
    ("applicants not a list", lambda i: i.update(applicants={}), "applicants must be a list"),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_instance_names_the_field(edit: Edit, message: str) -> None:
    with pytest.raises(InstanceError) as caught:
        select(edited(edit))
    assert message in str(caught.value)


def test_instance_error_is_a_value_error() -> None:
    assert issubclass(InstanceError, ValueError)


def test_not_an_object() -> None:
    with pytest.raises(InstanceError, match="must be a JSON object"):
        select([])  # type: ignore[arg-type]


def test_the_valid_instance_is_accepted() -> None:
    assert select(copy.deepcopy(VALID))["status"] == "OPTIMAL"
