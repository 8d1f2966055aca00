"""The scheduler against the rules, brute force and the max-flow optimum on random instances.

The checker, the brute force and the max flow below are written from the SPEC 6 contract on the
raw JSON-shaped instances, independently of the optimizer's modules, so that they can disagree.
"""

from __future__ import annotations

import itertools
import random
from collections import deque
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tadamon.optimize import schedule_solve
from tadamon.optimize.schedule import schedule
from tadamon.optimize.schedule_bound import flow_bound
from tadamon.optimize.schedule_instance import parse_instance

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def availability(instance: dict[str, Any]) -> dict[Any, set[Any]]:
    slots = instance["slots"]
    return {
        p["id"]: set(slots if p.get("available") is None else p["available"])
        for p in instance["participants"]
    }


def check_hard_constraints(instance: dict[str, Any], result: dict[str, Any]) -> None:
    """Every SPEC 6 hard constraint, the output's bookkeeping, and objective <= bound."""
    requests = instance["requests"]
    avail = availability(instance)
    busy: set[tuple[Any, Any]] = set()
    per_slot: dict[Any, list[int]] = {}
    scheduled = []
    for meeting in result["meetings"]:
        r = meeting["request"]
        request = requests[r]
        assert (meeting["a"], meeting["b"]) == (request["a"], request["b"])
        slot = meeting["slot"]
        for person in (meeting["a"], meeting["b"]):
            assert slot in avail[person], f"{person} is not available in {slot}"
            assert (person, slot) not in busy, f"{person} meets twice in {slot}"
            busy.add((person, slot))
        per_slot.setdefault(slot, []).append(meeting["table"])
        scheduled.append(r)
    assert len(scheduled) == len(set(scheduled)), "a request is scheduled twice"
    for slot, tables in per_slot.items():
        assert len(tables) <= instance["tables"], f"slot {slot} holds too many meetings"
        assert sorted(tables) == list(range(1, len(tables) + 1))
    assert sorted(scheduled + result["unscheduled"]) == list(range(len(requests)))
    assert result["unscheduled"] == sorted(result["unscheduled"])
    total = sum(requests[r].get("weight", 1) for r in scheduled)
    assert result["objective"] == pytest.approx(total)
    assert result["objective"] <= result["bound"] + 1e-9
    assert result["greedy_objective"] <= result["objective"] + 1e-9
    assert result["status"] in ("OPTIMAL", "FEASIBLE")
    if result["status"] == "OPTIMAL":
        assert result["bound"] == pytest.approx(result["objective"])


def brute_force(instance: dict[str, Any]) -> float:
    """The optimum by trying every slot (or none) for every request."""
    requests = instance["requests"]
    avail = availability(instance)
    choices = [
        [None, *[s for s in instance["slots"] if s in avail[q["a"]] & avail[q["b"]]]]
        for q in requests
    ]
    best = 0.0
    for combo in itertools.product(*choices):
        busy: set[tuple[Any, Any]] = set()
        load: dict[Any, int] = {}
        ok = True
        for q, slot in zip(requests, combo, strict=True):
            if slot is None:
                continue
            load[slot] = load.get(slot, 0) + 1
            if (q["a"], slot) in busy or (q["b"], slot) in busy or load[slot] > instance["tables"]:
                ok = False
                break
            busy.update(((q["a"], slot), (q["b"], slot)))
        if ok:
            weight = sum(q["weight"] for q, s in zip(requests, combo, strict=True) if s is not None)
            best = max(best, weight)
    return best


def max_flow(capacity: dict[int, dict[int, int]], source: int, sink: int) -> int:
    """Edmonds-Karp: shortest augmenting paths in the residual graph."""
    residual = {u: dict(edges) for u, edges in capacity.items()}
    for u, edges in capacity.items():
        for v in edges:
            residual.setdefault(v, {}).setdefault(u, 0)
    flow = 0
    while True:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            u = queue.popleft()
            for v, cap in residual[u].items():
                if cap > 0 and v not in parent:
                    parent[v] = u
                    queue.append(v)
        if sink not in parent:
            return flow
        path, v = [], sink
        while v != source:
            path.append((parent[v], v))
            v = parent[v]
        push = min(residual[u][v] for u, v in path)
        for u, v in path:
            residual[u][v] -= push
            residual[v][u] += push
        flow += push


def bipartite_optimum(instance: dict[str, Any], buyers: list[str], sellers: list[str]) -> int:
    """min(max flow with capacity = number of slots at each participant, tables x slots)."""
    slots = len(instance["slots"])
    source, sink = 0, 1
    node = {pid: 2 + k for k, pid in enumerate(buyers + sellers)}
    capacity: dict[int, dict[int, int]] = {source: {}, sink: {}}
    for pid in buyers:
        capacity[source][node[pid]] = slots
        capacity.setdefault(node[pid], {})
    for pid in sellers:
        capacity.setdefault(node[pid], {})[sink] = slots
    for q in instance["requests"]:
        capacity[node[q["a"]]][node[q["b"]]] = 1
    return min(max_flow(capacity, source, sink), instance["tables"] * slots)


SLOT_IDS = ["s1", "s2", "s3", "s4"]


@st.composite
def instances(
    draw: st.DrawFn,
    slot_count: tuple[int, int] = (0, 4),
    request_count: tuple[int, int] = (0, 10),
    people: tuple[int, int] = (2, 6),
    tables: tuple[int, int] = (0, 3),
    max_half_weight: int = 10,
) -> dict[str, Any]:
    slots = SLOT_IDS[: draw(st.integers(*slot_count))]
    ids = [f"p{k}" for k in range(draw(st.integers(*people)))]
    pairs = [list(pair) for pair in itertools.combinations(ids, 2)]
    low, high = request_count
    chosen = draw(
        st.lists(
            st.sampled_from(pairs), min_size=min(low, len(pairs)), max_size=high, unique_by=tuple
        )
    )
    return {
        "slots": slots,
        "tables": draw(st.integers(*tables)),
        "participants": [
            {
                "id": pid,
                "available": draw(st.none() | st.lists(st.sampled_from(slots), unique=True)),
            }
            if slots
            else {"id": pid}
            for pid in ids
        ],
        "requests": [
            # Either end first, and halves: exercises the ordering and the weight scaling.
            {
                "a": pair[flip],
                "b": pair[1 - flip],
                "weight": draw(st.integers(0, max_half_weight)) / 2,
            }
            for pair in chosen
            for flip in [draw(st.integers(0, 1))]
        ],
    }


@SETTINGS
@given(instances())
def test_every_schedule_meets_the_hard_constraints(instance: dict[str, Any]) -> None:
    result = schedule(instance, time_limit_s=5)
    check_hard_constraints(instance, result)
    # Shown by --hypothesis-show-statistics: the MIP's improvements are exercised too.
    event("greedy improved" if result["objective"] > result["greedy_objective"] else "greedy kept")


@SETTINGS
# Few people, few tables and few distinct weights: contention where first come, first served
# goes wrong, so the MIP's answers are checked too (about one example in ten).
@given(
    instances(
        slot_count=(2, 3),
        request_count=(3, 6),
        people=(3, 5),
        tables=(1, 2),
        max_half_weight=6,
    )
)
def test_small_instances_reach_the_brute_force_optimum(instance: dict[str, Any]) -> None:
    result = schedule(instance, time_limit_s=5)
    best = brute_force(instance)
    check_hard_constraints(instance, result)
    event("greedy improved" if result["objective"] > result["greedy_objective"] else "greedy kept")
    assert result["status"] == "OPTIMAL"
    assert result["objective"] == pytest.approx(best)
    # The flow bound on its own, before the MIP tightens anything, is a valid bound.
    inst = parse_instance(instance)
    assert flow_bound(inst, 5.0).bound / inst.weight_factor >= best - 1e-9


@st.composite
def bipartite_instances(draw: st.DrawFn) -> tuple[dict[str, Any], list[str], list[str]]:
    buyers = [f"b{k}" for k in range(draw(st.integers(1, 6)))]
    sellers = [f"e{k}" for k in range(draw(st.integers(1, 6)))]
    pairs = list(itertools.product(buyers, sellers))
    # At least 8 requests where possible: with fewer, first come, first served is always optimal.
    chosen = draw(
        st.lists(st.sampled_from(pairs), min_size=min(8, len(pairs)), max_size=25, unique=True)
    )
    instance = {
        "slots": list(range(1, draw(st.integers(1, 4)) + 1)),
        "tables": draw(st.integers(1, 8)),
        "participants": [{"id": pid, "available": None} for pid in buyers + sellers],
        # Either end may come first in a request; the flow does not care.
        "requests": [
            {"a": a, "b": b, "weight": 1} if draw(st.booleans()) else {"a": b, "b": a, "weight": 1}
            for a, b in chosen
        ],
    }
    return instance, buyers, sellers


def random_bipartite(rng: random.Random) -> tuple[dict[str, Any], list[str], list[str]]:
    buyers = [f"b{k}" for k in range(rng.randint(3, 6))]
    sellers = [f"e{k}" for k in range(rng.randint(3, 6))]
    pairs = list(itertools.product(buyers, sellers))
    rng.shuffle(pairs)
    instance = {
        "slots": list(range(rng.randint(2, 3))),
        "tables": rng.randint(3, 8),
        "participants": [{"id": pid} for pid in buyers + sellers],
        "requests": [{"a": a, "b": b} for a, b in pairs[: rng.randint(8, 25)]],
    }
    return instance, buyers, sellers


def oriented(instance: dict[str, Any], buyers: list[str]) -> dict[str, Any]:
    """The same requests, each written buyer first, as the flow network expects."""
    requests = [
        q if q["a"] in buyers else {**q, "a": q["b"], "b": q["a"]} for q in instance["requests"]
    ]
    return {**instance, "requests": requests}


@pytest.fixture(params=["edge colouring", "MIP only"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways to the optimum of the classic case: the exact edge-colouring shortcut, and the
    MIP alone with that shortcut switched off."""
    if request.param == "MIP only":
        monkeypatch.setattr(schedule_solve, "_coloured", lambda inst, flow: None)
    return request.param


# The patch made by the fixture holds for every example of a run, as intended.
@settings(
    SETTINGS,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=bipartite_instances())
def test_bipartite_unit_instances_reach_the_flow_optimum(
    path: str, case: tuple[dict[str, Any], list[str], list[str]]
) -> None:
    instance, buyers, sellers = case
    expected = bipartite_optimum(oriented(instance, buyers), buyers, sellers)
    result = schedule(instance, time_limit_s=5)
    check_hard_constraints(instance, result)
    assert (result["status"], result["objective"], result["bound"]) == (
        "OPTIMAL",
        expected,
        expected,
    )
    event(result["solver"])
    if path == "MIP only":
        assert result["solver"] != "flow"


def test_seeded_bipartite_instances_reach_the_flow_optimum(path: str) -> None:
    """Seeded instances where first come, first served often falls short (about one in five), so
    that the path under test, not the greedy, is what meets the flow."""
    rng = random.Random(2)
    improved = 0
    for _ in range(100):
        instance, buyers, sellers = random_bipartite(rng)
        expected = bipartite_optimum(instance, buyers, sellers)
        result = schedule(instance, time_limit_s=5)
        check_hard_constraints(instance, result)
        assert (result["status"], result["objective"], result["bound"]) == (
            "OPTIMAL",
            expected,
            expected,
        )
        improved += result["greedy_objective"] < expected
    assert improved >= 10


def test_a_larger_bipartite_instance_reaches_the_flow_optimum(path: str) -> None:
    rng = random.Random(4)
    buyers = [f"b{k}" for k in range(30)]
    sellers = [f"e{k}" for k in range(40)]
    # Half the requests go to 5 popular sellers, whose slots, not the tables, limit the flow.
    pairs = {(rng.choice(buyers), rng.choice(sellers[: rng.choice([5, 40])])) for _ in range(400)}
    instance = {
        "slots": [f"t{k}" for k in range(8)],
        "tables": 40,
        "participants": [{"id": pid} for pid in buyers + sellers],
        "requests": [{"a": a, "b": b} for a, b in sorted(pairs)],
    }
    expected = bipartite_optimum(instance, buyers, sellers)
    result = schedule(instance, time_limit_s=20)
    check_hard_constraints(instance, result)
    assert (result["status"], result["objective"]) == ("OPTIMAL", expected)
    # First come, first served falls short here: the optimum came from the path under test.
    assert result["greedy_objective"] < expected
    assert result["solver"] == ("flow" if path == "edge colouring" else "highs")


def tight_instance(rng: random.Random) -> dict[str, Any]:
    slots = ["s1", "s2", "s3"][: rng.randint(2, 3)]
    ids = [f"p{k}" for k in range(rng.randint(3, 5))]
    pairs = list(itertools.combinations(ids, 2))
    rng.shuffle(pairs)
    return {
        "slots": slots,
        "tables": rng.randint(1, 2),
        "participants": [
            {"id": pid, "available": None}
            if rng.random() < 0.5
            else {"id": pid, "available": rng.sample(slots, rng.randint(1, len(slots)))}
            for pid in ids
        ],
        "requests": [{"a": a, "b": b, "weight": rng.randint(1, 3)} for a, b in pairs[:6]],
    }


def test_tight_random_instances_reach_the_brute_force_optimum() -> None:
    """Seeded instances where first come, first served often goes wrong (about one in nine), so
    that many MIP answers, not only greedy ones, are compared with brute force."""
    rng = random.Random(11)
    improved = 0
    for _ in range(150):
        instance = tight_instance(rng)
        result = schedule(instance, time_limit_s=5)
        check_hard_constraints(instance, result)
        assert (result["status"], result["objective"]) == ("OPTIMAL", brute_force(instance))
        improved += result["objective"] > result["greedy_objective"]
    assert improved >= 8
