"""``schedule``: the SPEC 6 contract on hand-made instances, determinism, time limits, CLI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tadamon.optimize.schedule import schedule
from tests.optimize.test_schedule_properties import check_hard_constraints

ROOT = Path(__file__).resolve().parents[2]

# First come, first served puts A-C (weight 3) in s1; then B, only there in s1, can meet nobody.
# Optimal: A-B in s1 and A-C in s2, total 5.
TRAP: dict[str, Any] = {
    "slots": ["s1", "s2"],
    "tables": 1,
    "participants": [{"id": "A"}, {"id": "B", "available": ["s1"]}, {"id": "C"}],
    "requests": [
        {"a": "A", "b": "C", "weight": 3},
        {"a": "A", "b": "B", "weight": 2},
        {"a": "B", "b": "C", "weight": 2},
    ],
}


def summary(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("meetings", "unscheduled")}


def random_instance(seed: int, people: int = 40, requests: int = 250) -> dict[str, Any]:
    rng = random.Random(seed)
    slots = [f"t{k}" for k in range(6)]
    ids = [f"p{k}" for k in range(people)]
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < requests:
        a, b = rng.sample(ids, 2)
        if (b, a) not in pairs:
            pairs.add((a, b))
    return {
        "slots": slots,
        "tables": 12,
        "participants": [
            {"id": pid, "available": None if rng.random() < 0.7 else rng.sample(slots, 3)}
            for pid in ids
        ],
        "requests": [{"a": a, "b": b, "weight": rng.randint(1, 5)} for a, b in sorted(pairs)],
    }


def test_beats_first_come_first_served_and_proves_it() -> None:
    result = schedule(TRAP)
    assert result["meetings"] == [
        {"a": "A", "b": "B", "slot": "s1", "table": 1, "request": 1},
        {"a": "A", "b": "C", "slot": "s2", "table": 1, "request": 0},
    ]
    assert result["unscheduled"] == [2]
    assert summary(result) == {
        "status": "OPTIMAL",
        "objective": 5,
        "bound": 5,
        "gap": 0.0,
        "greedy_objective": 3,
        "solver": "highs",
    }


def test_tables_limit_each_slot_and_are_numbered_from_one() -> None:
    instance = {
        "slots": [1],
        "tables": 2,
        "participants": [{"id": k} for k in range(6)],
        "requests": [
            {"a": 0, "b": 1, "weight": 1},
            {"a": 2, "b": 3, "weight": 5},
            {"a": 4, "b": 5, "weight": 3},
        ],
    }
    result = schedule(instance)
    # Integer ids and slots come back as integers; the lightest request waits.
    assert result["meetings"] == [
        {"a": 2, "b": 3, "slot": 1, "table": 1, "request": 1},
        {"a": 4, "b": 5, "slot": 1, "table": 2, "request": 2},
    ]
    assert (result["unscheduled"], result["objective"], result["status"]) == ([0], 8, "OPTIMAL")


def test_availability_decides_the_slot() -> None:
    instance = {
        "slots": ["am", "pm"],
        "tables": 5,
        "participants": [{"id": "buyer", "available": ["pm"]}, {"id": "coop", "available": None}],
        "requests": [{"a": "coop", "b": "buyer", "weight": 1}],
    }
    (meeting,) = schedule(instance)["meetings"]
    assert (meeting["a"], meeting["b"], meeting["slot"]) == ("coop", "buyer", "pm")


def test_no_common_slot_leaves_the_request_unscheduled_and_optimal() -> None:
    instance = {
        "slots": ["am", "pm"],
        "tables": 5,
        "participants": [{"id": "x", "available": ["am"]}, {"id": "y", "available": ["pm"]}],
        "requests": [{"a": "x", "b": "y", "weight": 4}],
    }
    result = schedule(instance)
    assert (result["meetings"], result["unscheduled"]) == ([], [0])
    assert summary(result)["status"] == "OPTIMAL"
    assert (result["objective"], result["bound"]) == (0, 0)


def test_zero_weight_requests_fill_the_room_left() -> None:
    instance = {
        "slots": ["s"],
        "tables": 2,
        "participants": [{"id": k} for k in "abcd"],
        "requests": [{"a": "a", "b": "b", "weight": 0}, {"a": "c", "b": "d", "weight": 2}],
    }
    result = schedule(instance)
    assert sorted(m["request"] for m in result["meetings"]) == [0, 1]
    assert (result["objective"], result["bound"], result["status"]) == (2, 2, "OPTIMAL")


def test_decimal_weights_are_reported_in_input_units() -> None:
    instance = {**TRAP, "requests": [{**r, "weight": r["weight"] / 4} for r in TRAP["requests"]]}
    result = schedule(instance)
    assert (result["objective"], result["bound"], result["greedy_objective"]) == (1.25, 1.25, 0.75)


def test_weight_defaults_to_one() -> None:
    instance = {**TRAP, "requests": [{"a": r["a"], "b": r["b"]} for r in TRAP["requests"]]}
    assert schedule(instance)["objective"] == 2


@pytest.mark.parametrize(
    "instance",
    [
        {"slots": [], "tables": 3, "participants": [{"id": "a"}, {"id": "b"}], "requests": []},
        {"slots": ["s"], "tables": 0, "participants": [{"id": "a"}, {"id": "b"}], "requests": []},
        {
            "slots": ["s"],
            "tables": 0,
            "participants": [{"id": "a"}, {"id": "b"}],
            "requests": [{"a": "a", "b": "b", "weight": 1}],
        },
        {"slots": [], "tables": 0, "participants": [], "requests": []},
    ],
    ids=["no slots", "no tables", "no tables, a request", "empty"],
)
def test_degenerate_instances_are_optimal_and_empty(instance: dict[str, Any]) -> None:
    result = schedule(instance)
    assert result["meetings"] == []
    assert result["unscheduled"] == list(range(len(instance["requests"])))
    assert summary(result) == {
        "status": "OPTIMAL",
        "objective": 0,
        "bound": 0,
        "gap": 0.0,
        "greedy_objective": 0,
        "solver": "greedy",
    }


def test_same_instance_and_seed_give_the_same_output() -> None:
    instance = random_instance(7)
    first = schedule(instance, seed=0)
    # HiGHS ran (the greedy alone was not optimal) and finished, so its answer must repeat.
    assert (first["status"], first["solver"]) == ("OPTIMAL", "highs")
    assert json.dumps(schedule(instance, seed=0)) == json.dumps(first)
    other_seed = schedule(instance, seed=9)
    check_hard_constraints(instance, other_seed)
    assert other_seed["objective"] == first["objective"]


def test_a_random_instance_beats_the_greedy() -> None:
    instance = random_instance(9)
    result = schedule(instance)
    check_hard_constraints(instance, result)
    assert result["status"] == "OPTIMAL"
    assert result["objective"] > result["greedy_objective"]


def test_a_short_time_limit_still_gives_a_valid_schedule_and_bound() -> None:
    instance = random_instance(7, people=80, requests=900)
    result = schedule(instance, time_limit_s=0.3)
    check_hard_constraints(instance, result)
    assert result["bound"] >= result["objective"] >= result["greedy_objective"] > 0
    assert result["gap"] == pytest.approx(
        (result["bound"] - result["objective"]) / result["bound"], abs=1e-6
    )


def test_solving_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    # HiGHS writes to the process's stdout directly; the command line's JSON must stay clean.
    schedule(TRAP)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_the_input_is_not_modified() -> None:
    instance = random_instance(2, people=10, requests=20)
    before = json.dumps(instance)
    schedule(instance)
    assert json.dumps(instance) == before


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tadamon.optimize", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def cli_has_schedule() -> bool:
    from tadamon.optimize.__main__ import COMMANDS

    return "schedule" in COMMANDS


# __main__.py is another module's; until it registers "schedule" there is nothing to run.
needs_cli = pytest.mark.skipif(not cli_has_schedule(), reason="schedule not registered yet")


@needs_cli
def test_command_line_prints_the_schedule(tmp_path: Path) -> None:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(TRAP))
    done = run_cli("schedule", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == schedule(TRAP)


@needs_cli
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        (json.dumps({**TRAP, "tables": -1}), "tables must be an integer >= 0"),
        (
            json.dumps({**TRAP, "requests": [{"a": "A", "b": "Z"}]}),
            "requests[0].b 'Z' is not a participant id",
        ),
    ],
    ids=["malformed", "negative tables", "unknown participant"],
)
def test_command_line_rejects_bad_input_with_exit_2(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "instance.json"
    path.write_text(content)
    done = run_cli("schedule", str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["status"] == "INVALID"
