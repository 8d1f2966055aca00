"""Fuzzing the optimizers' JSON input (issue 10, point 5).

Every entry point that takes a decoded JSON document — ``select``, ``allocate``,
``allocate_greedy``, ``violations``, ``schedule`` and the command line — is fed random JSON
values, small valid instances, and valid instances with one or two parts replaced, removed,
duplicated or added. Each call must either answer or raise ``InstanceError`` (a ``ValueError``)
with a message; a ``KeyError``, ``TypeError``, ``IndexError``, ``OverflowError`` or any other
exception is a bug. About a third of the examples pass validation and reach the solvers
(``--hypothesis-show-statistics`` shows the shares).

The runs are derandomized (the same examples on every run) and bounded: a few hundred examples
per entry point, with short solver time limits, as every valid instance here is tiny.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tadamon.optimize import allocation_instance, schedule_instance, selection_instance
from tadamon.optimize.__main__ import main
from tadamon.optimize.allocation import allocate, allocate_greedy
from tadamon.optimize.allocation_check import violations
from tadamon.optimize.errors import InstanceError
from tadamon.optimize.schedule import schedule
from tadamon.optimize.selection import select

EXAMPLES = 300
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Valid instances in the shapes of SPEC 6, small enough to be solved in milliseconds; their
# mutations reach the checks that come after the first refusal.
WAVES = ["W1", "W2", "W3"]
ZONES = ["Z1", "Z2"]
SECTORS = ["S1", "S2", "S3"]
REGIONS = ["R1", "R2"]


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _subset(items: list[Any]) -> st.SearchStrategy[list[Any]]:
    return (
        st.lists(st.sampled_from(items), unique=True, max_size=len(items)) if items else st.just([])
    )


def _without_nones(item: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """Optional fields left out now and then, as callers do, rather than sent as null."""
    return {k: v for k, v in item.items() if v is not None or draw(st.booleans())}


@st.composite
def selections(draw: st.DrawFn) -> dict[str, Any]:
    waves = draw(_maybe(st.lists(st.sampled_from(WAVES), min_size=1, unique=True)))
    applicants = []
    for n in range(draw(st.integers(0, 6))):
        applicant = {
            "id": draw(st.sampled_from([n, f"a{n}"])),
            "score": draw(
                st.one_of(st.integers(0, 100), st.floats(0, 100).map(lambda x: round(x, 2)))
            ),
            **{flag: draw(_maybe(st.booleans())) for flag in selection_instance.FLAGS},
            "region": draw(_maybe(st.sampled_from(REGIONS))),
            "province": draw(_maybe(st.sampled_from(["P1", "P2"]))),
            "sector": draw(_maybe(st.sampled_from(SECTORS))),
            "waves": draw(_subset(waves)) if waves and draw(st.booleans()) else None,
        }
        applicants.append(_without_nones(applicant, draw))
    quotas: dict[str, Any] = {}
    for name in selection_instance.SHARE_QUOTAS:
        if draw(st.booleans()):
            quotas[name] = draw(st.sampled_from([0, 0.25, 1 / 3, 0.5, 1]))
    if waves and draw(st.booleans()):
        quotas["min_share_women_led_per_wave"] = draw(st.sampled_from([0.25, 0.5]))
    for name, (_bound, attribute) in selection_instance.COUNT_QUOTAS.items():
        if draw(st.integers(0, 3)) == 0:
            codes = {"region": REGIONS, "province": ["P1", "P2"], "sector": SECTORS}[attribute]
            quotas[name] = draw(st.dictionaries(st.sampled_from(codes), st.integers(0, 3)))
    if draw(st.booleans()):
        quotas["balance_waves"] = draw(st.booleans())
    instance = {
        "capacity": draw(st.integers(0, 6)),
        "applicants": applicants,
        "waves": None
        if waves is None
        else [{"label": label, "capacity": draw(st.integers(0, 3))} for label in waves],
        "quotas": quotas or None,
        "fill": draw(_maybe(st.sampled_from(selection_instance.FILL_MODES))),
        "time_limit_s": 2,
    }
    return _without_nones(instance, draw)


@st.composite
def allocations(draw: st.DrawFn) -> dict[str, Any]:
    booths = [
        {
            "id": draw(st.sampled_from([f"B{n}", n])),
            "zone": draw(_maybe(st.sampled_from(ZONES))),
            "accessible": draw(st.booleans()),
        }
        for n in range(draw(st.integers(0, 6)))
    ]
    ids = [booth["id"] for booth in booths]
    zones = sorted({booth["zone"] for booth in booths if booth["zone"]})
    pair = st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
    adjacency = st.lists(pair, max_size=6) if len(ids) > 1 else st.just([])
    waves = draw(st.lists(st.sampled_from(WAVES), min_size=1, unique=True))
    exhibitors = [
        _without_nones(
            {
                "id": draw(st.sampled_from([f"e{n}", n])),
                "sector": draw(_maybe(st.sampled_from(SECTORS))),
                "region": draw(_maybe(st.sampled_from(REGIONS))),
                "waves": draw(_maybe(_subset(waves))),
                "needs_accessible": draw(_maybe(st.booleans())),
                "zones": draw(_maybe(_subset(zones))),
            },
            draw,
        )
        for n in range(draw(st.integers(0, 6)))
    ]
    instance = {
        "booths": booths,
        "adjacency": draw(_maybe(adjacency)),
        "waves": waves,
        "wave_capacity": draw(_maybe(st.integers(0, 6))),
        "exhibitors": exhibitors,
        "sector_zones": draw(_maybe(st.dictionaries(st.sampled_from(zones), _subset(SECTORS))))
        if zones
        else None,
        "method": draw(_maybe(st.sampled_from(allocation_instance.METHODS))),
    }
    return _without_nones(instance, draw)


@st.composite
def assignments(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = ["e0", "e1", 2, "e9"]
    booths = ["B0", "B1", 2, "B9"]
    return draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "exhibitor": st.sampled_from(ids),
                    "wave": st.sampled_from([*WAVES, "W9"]),
                    "booth": st.sampled_from(booths),
                }
            ),
            max_size=6,
        )
    )


@st.composite
def schedules(draw: st.DrawFn) -> dict[str, Any]:
    slots = draw(st.lists(st.sampled_from(["s1", "s2", "s3", 4, 5]), min_size=1, unique=True))
    participants = [
        _without_nones(
            {"id": draw(st.sampled_from([f"p{n}", n])), "available": draw(_maybe(_subset(slots)))},
            draw,
        )
        for n in range(draw(st.integers(0, 5)))
    ]
    ids = [participant["id"] for participant in participants]
    pairs = {
        tuple(sorted(map(str, pair))): pair
        for pair in draw(
            st.lists(
                st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True), max_size=6
            )
            if len(ids) > 1
            else st.just([])
        )
    }
    requests = [
        _without_nones(
            {
                "a": a,
                "b": b,
                "weight": draw(_maybe(st.one_of(st.integers(0, 10), st.sampled_from([0.5, 1.25])))),
            },
            draw,
        )
        for a, b in pairs.values()
    ]
    return {
        "slots": slots,
        "tables": draw(st.integers(0, 3)),
        "participants": participants,
        "requests": requests,
    }


# What json.loads can return: Python's decoder also reads NaN, Infinity and integers of
# thousands of digits, so they are part of the input space.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "W1", "W2", "Z1", "Z2", "B1", "e1", "s1", "buyer", "coop", "R1", "S1"]),
)
# Field names the validators know, so that an added key is often one they read (a random
# name is refused at once as unknown).
KNOWN_KEYS = sorted(
    {
        *allocation_instance.TOP_FIELDS,
        *allocation_instance.BOOTH_FIELDS,
        *allocation_instance.EXHIBITOR_FIELDS,
        *selection_instance.TOP_FIELDS,
        *selection_instance.APPLICANT_FIELDS,
        *selection_instance.WAVE_FIELDS,
        *selection_instance.QUOTA_FIELDS,
        *schedule_instance.TOP_FIELDS,
        *schedule_instance.PARTICIPANT_FIELDS,
        *schedule_instance.REQUEST_FIELDS,
        "exhibitor",
        "wave",
        "booth",
    }
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8))
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=5),
    ),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document, as the keys and indices that lead to it."""
    places = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            places += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            places += _paths(child, (*prefix, index))
    return places


# Values that often fit where they land (the bases' ids, labels and small numbers), so that a
# good share of the mutated instances passes validation and reaches the solvers.
NEARBY = [
    *(None, True, False, 0, 1, 2, 3, 7, -1, 0.5, 2.5, 10**400, float("nan"), ""),
    *("W1", "W2", "Z1", "Z2", "B1", "B2", "e1", "e2", "s1", "s2", "buyer", "coop"),
    *("R1", "R2", "S1", "S2", "a", "c", "mip", "greedy", "max", "exact"),
]
replacements = st.one_of(
    st.sampled_from(NEARBY), st.lists(st.sampled_from(NEARBY), max_size=3), json_values
)


@st.composite
def _mutated(draw: st.DrawFn, document: Any) -> Any:
    """A copy of `document` with one or two places replaced, dropped, duplicated or given a
    new key."""
    document = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(_paths(document)))
        new = draw(replacements)
        if not path:
            document = new
            break
        *parents, last = path
        container = document
        for step in parents:
            container = container[step]
        action = draw(st.sampled_from(["replace", "replace", "drop", "add", "duplicate"]))
        if action == "replace":
            container[last] = new
        elif action == "drop":
            del container[last]
        elif action == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[last]))
        elif isinstance(container, dict):
            container[draw(keys)] = new if action == "add" else copy.deepcopy(container[last])
        else:
            container.append(new)
    return document


def _instances(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Random JSON one time in eight, a valid instance three times, else a valid instance with
    one or two places changed."""
    return st.integers(0, 7).flatmap(
        lambda n: json_values if n == 0 else valid if n < 4 else valid.flatmap(_mutated)
    )


def _answers_or_refuses(call: Callable[[], Any]) -> Any:
    """The result of `call`, or None when it refused the input the documented way."""
    try:
        result = call()
    except InstanceError as error:
        assert isinstance(error, ValueError)
        assert str(error).strip(), "an InstanceError without a message"
        event("refused")
        return None
    # Shown by --hypothesis-show-statistics: how many examples reached the solvers.
    event("answered")
    return result


@FUZZ
@given(instance=_instances(selections()))
def test_select_answers_or_raises_instance_error(instance):
    result = _answers_or_refuses(lambda: select(instance))
    if result is not None:
        assert result["status"] in {"OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"}
        json.dumps(result)  # the answer is JSON too


@FUZZ
@given(instance=_instances(allocations()))
def test_allocate_answers_or_raises_instance_error(instance):
    result = _answers_or_refuses(lambda: allocate(instance, time_limit_s=2))
    if result is not None:
        assert result["status"] in {"OPTIMAL", "FEASIBLE"}
        json.dumps(result)


@FUZZ
@given(instance=_instances(allocations()))
def test_allocate_greedy_answers_or_raises_instance_error(instance):
    result = _answers_or_refuses(lambda: allocate_greedy(instance))
    if result is not None:
        json.dumps(result)


@FUZZ
@given(instance=_instances(allocations()), assignments=_instances(assignments()))
def test_violations_answers_or_raises_instance_error(instance, assignments):
    result = _answers_or_refuses(lambda: violations(instance, assignments))
    if result is not None:
        assert all(item["message"] for item in result)
        json.dumps(result)


@FUZZ
@given(instance=_instances(schedules()))
def test_schedule_answers_or_raises_instance_error(instance):
    result = _answers_or_refuses(lambda: schedule(instance, time_limit_s=2))
    if result is not None:
        assert result["status"] in {"OPTIMAL", "FEASIBLE"}
        json.dumps(result)


@st.composite
def _cut(draw: st.DrawFn, text: str) -> str:
    """A JSON text cut short, as a file copied halfway."""
    return text[: draw(st.integers(0, len(text)))]


def _stdin(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    # json.dumps writes NaN and Infinity as Python's decoder reads them back.
    documents = _instances(valid).map(json.dumps)
    return st.one_of(st.text(max_size=40), documents, documents, documents.flatmap(_cut))


@pytest.mark.parametrize(
    ("command", "valid"),
    [("select", selections()), ("allocate", allocations()), ("schedule", schedules())],
    ids=["select", "allocate", "schedule"],
)
@settings(
    FUZZ,
    max_examples=EXAMPLES // 3,
    # capsys is read out after every example, so nothing leaks from one to the next.
    suppress_health_check=[*FUZZ.suppress_health_check, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_command_line_exits_0_or_2_and_prints_json(command, valid, data, capsys):
    text = data.draw(_stdin(valid), label="stdin")

    status = main([command, "-", "--time-limit", "2"], stdin=io.StringIO(text))

    out = capsys.readouterr()
    assert status in (0, 2), out
    answer = json.loads(out.out)
    if status == 2:
        assert answer["status"] == "INVALID" and answer["error"]
        assert out.err.startswith("error: ")
