"""Invalid scheduling instances are rejected with one line naming the offending item."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from tadamon.optimize.errors import InstanceError
from tadamon.optimize.schedule import schedule

VALID: dict[str, Any] = {
    "slots": ["s1", "s2", 3],
    "tables": 2,
    "participants": [
        {"id": "buyer", "available": ["s1", 3]},
        {"id": "coop", "available": None},
        {"id": 7},
    ],
    "requests": [
        {"a": "buyer", "b": "coop", "weight": 2},
        {"a": 7, "b": "coop", "weight": 0.5},
    ],
}

Edit = Callable[[dict[str, Any]], object]


def edited(edit: Edit) -> dict[str, Any]:
    instance = copy.deepcopy(VALID)
    edit(instance)
    return instance


def request(i: dict[str, Any], k: int) -> dict[str, Any]:
    return i["requests"][k]


CASES: list[tuple[str, Edit, str]] = [
    ("missing slots", lambda i: i.pop("slots"), "slots is required"),
    ("slots not a list", lambda i: i.update(slots="s1"), "slots must be a list of slot ids"),
    ("empty slot id", lambda i: i["slots"].append(""), "slots[3] must be a non-empty string"),
    ("slot id a float", lambda i: i["slots"].append(1.5), "slots[3] must be a non-empty string"),
    ("duplicate slot", lambda i: i["slots"].append("s2"), "slots[3] 's2' duplicates slots[1]"),
    (
        "slot colliding as text",
        lambda i: i["slots"].append("3"),
        "slots[3] '3' duplicates slots[2]",
    ),
    ("missing tables", lambda i: i.pop("tables"), "tables is required"),
    ("negative tables", lambda i: i.update(tables=-1), "tables must be an integer >= 0"),
    ("fractional tables", lambda i: i.update(tables=1.5), "tables must be an integer >= 0"),
    ("boolean tables", lambda i: i.update(tables=True), "tables must be an integer >= 0"),
    ("participants not a list", lambda i: i.update(participants={}), "participants must be a list"),
    (
        "participant not an object",
        lambda i: i["participants"].append("x"),
        "participants[3] must be an object",
    ),
    (
        "missing participant id",
        lambda i: i["participants"][0].pop("id"),
        "participants[0].id must be a non-empty string or an integer",
    ),
    (
        "duplicate participant",
        lambda i: i["participants"].append({"id": "coop"}),
        "participants[3].id 'coop' duplicates participants[1].id",
    ),
    (
        "participant colliding as text",
        lambda i: i["participants"].append({"id": "7"}),
        "participants[3].id '7' duplicates participants[2].id",
    ),
    (
        "unknown slot in availability",
        lambda i: i["participants"][0].update(available=["s1", "s9"]),
        "participants[0].available[1] 's9' is not a slot id",
    ),
    (
        "slot given as text",
        lambda i: i["participants"][0].update(available=["3"]),
        "participants[0].available[0] '3' is not a slot id",
    ),
    (
        "availability not a list",
        lambda i: i["participants"][1].update(available="s1"),
        "participants[1].available must be a list of slot ids or null",
    ),
    (
        "misspelt availability",
        lambda i: i["participants"][1].update(availble=["s1"]),
        "participants[1].availble is not a known field",
    ),
    ("requests not a list", lambda i: i.update(requests=None), "requests must be a list"),
    (
        "request not an object",
        lambda i: i["requests"].append(["buyer", 7]),
        "requests[2] must be an object",
    ),
    (
        "unknown participant",
        lambda i: request(i, 1).update(b="nobody"),
        "requests[1].b 'nobody' is not a participant id",
    ),
    (
        "participant id of the wrong type",
        lambda i: request(i, 1).update(a="7"),
        "requests[1].a '7' is not a participant id",
    ),
    ("missing end", lambda i: request(i, 0).pop("a"), "requests[0].a None is not a participant id"),
    (
        "meeting oneself",
        lambda i: request(i, 0).update(b="buyer"),
        "requests[0] joins 'buyer' with itself",
    ),
    (
        "same pair twice",
        lambda i: i["requests"].append({"a": "coop", "b": "buyer", "weight": 1}),
        "requests[2] joins 'coop' and 'buyer' again, like requests[0]",
    ),
    (
        "negative weight",
        lambda i: request(i, 1).update(weight=-1),
        "requests[1].weight must be a number >= 0",
    ),
    (
        "text weight",
        lambda i: request(i, 1).update(weight="high"),
        "requests[1].weight must be a number >= 0",
    ),
    (
        "boolean weight",
        lambda i: request(i, 1).update(weight=True),
        "requests[1].weight must be a number >= 0",
    ),
    (
        "infinite weight",
        lambda i: request(i, 1).update(weight=float("inf")),
        "requests[1].weight must be a number >= 0",
    ),
    (
        "huge weight",
        lambda i: request(i, 1).update(weight=10**7),
        "requests[1].weight must be at most 1000000",
    ),
    (
        # Found by fuzzing (test_fuzz_inputs): JSON integers beyond the float range overflowed.
        "weight beyond floats",
        lambda i: request(i, 1).update(weight=10**400),
        "requests[1].weight must be a number >= 0",
    ),
    (
        "unknown request field",
        lambda i: request(i, 0).update(slot="s1"),
        "requests[0].slot is not a known field",
    ),
    ("unknown top field", lambda i: i.update(rooms=3), "rooms is not a known field"),
]


@pytest.mark.parametrize(("edit", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_invalid_instance_names_the_item(edit: Edit, message: str) -> None:
    with pytest.raises(InstanceError) as caught:
        schedule(edited(edit))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("raw", [[], "x", None, 3], ids=["list", "text", "null", "number"])
def test_not_an_object(raw: Any) -> None:
    with pytest.raises(InstanceError, match="the instance must be a JSON object"):
        schedule(raw)


@pytest.mark.parametrize("limit", [0, -1, float("nan"), float("inf"), True, "5", 10**400])
def test_time_limit_must_be_positive(limit: Any) -> None:
    with pytest.raises(InstanceError, match="time_limit_s must be a number > 0"):
        schedule(copy.deepcopy(VALID), time_limit_s=limit)


@pytest.mark.parametrize("seed", [-1, 2**31, 1.5, False])
def test_seed_must_be_a_small_integer(seed: Any) -> None:
    with pytest.raises(InstanceError, match="seed must be an integer"):
        schedule(copy.deepcopy(VALID), seed=seed)


def test_the_valid_instance_is_accepted() -> None:
    result = schedule(copy.deepcopy(VALID))
    assert (result["status"], result["objective"], result["unscheduled"]) == ("OPTIMAL", 2.5, [])
