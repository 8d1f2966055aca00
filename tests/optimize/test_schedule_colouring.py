"""The edge-colouring shortcut on its own: König's colouring, then evening out the slots."""

from __future__ import annotations

import itertools
import random
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tadamon.optimize.schedule_colouring import colour, common_slots
from tadamon.optimize.schedule_instance import parse_instance
from tadamon.optimize.schedule_plan import violations


def bipartite(pairs: list[tuple[int, int]], slots: int, tables: int) -> dict[str, Any]:
    people = sorted({f"b{a}" for a, _ in pairs} | {f"e{b}" for _, b in pairs})
    return {
        "slots": list(range(slots)),
        "tables": tables,
        "participants": [{"id": p} for p in people],
        "requests": [{"a": f"b{a}", "b": f"e{b}"} for a, b in pairs],
    }


def within_degree(pairs: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    """The pairs kept in order while nobody exceeds k meetings."""
    degree: dict[str, int] = {}
    kept = []
    for a, b in pairs:
        if degree.get(f"b{a}", 0) < k and degree.get(f"e{b}", 0) < k:
            kept.append((a, b))
            degree[f"b{a}"] = degree.get(f"b{a}", 0) + 1
            degree[f"e{b}"] = degree.get(f"e{b}", 0) + 1
    return kept


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    pairs=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), unique=True, max_size=50),
    slots=st.integers(1, 6),
    data=st.data(),
)
def test_colouring_fits_the_slots_and_tables(
    pairs: list[tuple[int, int]], slots: int, data: st.DataObject
) -> None:
    kept = within_degree(pairs, slots)
    # The fewest tables that can hold them all: the evening out has the least room to spare.
    least = -(-len(kept) // slots) if kept else 0
    tables = data.draw(st.integers(max(least, 1), max(least, 1) + 2))
    inst = parse_instance(bipartite(kept, slots, tables))
    chosen = list(range(len(kept)))
    assert common_slots(inst, chosen) == (tuple(range(slots)) if kept else ())
    plan = colour(inst, chosen, tuple(range(slots)))
    assert plan is not None
    assert sorted(plan) == chosen
    assert violations(inst, plan) == []
    event("tight tables" if tables == least else "spare tables")


def test_a_dense_graph_with_every_table_used() -> None:
    # The complete bipartite graph K(12, 12) has degree 12 everywhere: 144 meetings in 12 slots
    # of exactly 12 tables, the case where every colour class must be full.
    pairs = list(itertools.product(range(12), range(12)))
    random.Random(3).shuffle(pairs)
    inst = parse_instance(bipartite(pairs, slots=12, tables=12))
    plan = colour(inst, list(range(144)), tuple(range(12)))
    assert plan is not None and violations(inst, plan) == []
    assert sorted(list(plan.values()).count(t) for t in range(12)) == [12] * 12


def test_not_the_classic_case() -> None:
    triangle = {
        "slots": [0, 1],
        "tables": 3,
        "participants": [{"id": p} for p in "abc"],
        "requests": [{"a": "a", "b": "b"}, {"a": "b", "b": "c"}, {"a": "c", "b": "a"}],
    }
    assert common_slots(parse_instance(triangle), [0, 1, 2]) is None
    differing = {
        "slots": [0, 1],
        "tables": 3,
        "participants": [{"id": "a", "available": [0]}, {"id": "b"}],
        "requests": [{"a": "a", "b": "b"}],
    }
    assert common_slots(parse_instance(differing), [0]) is None


def test_too_many_meetings_for_the_tables_is_refused() -> None:
    inst = parse_instance(bipartite([(0, 0), (1, 1), (2, 2)], slots=1, tables=2))
    assert colour(inst, [0, 1, 2], (0,)) is None


def test_a_participant_in_more_meetings_than_slots_is_refused() -> None:
    inst = parse_instance(bipartite([(0, 0), (0, 1)], slots=1, tables=5))
    assert colour(inst, [0, 1], (0,)) is None


def test_disjoint_meetings_are_spread_over_the_slots() -> None:
    # Every edge first takes the smallest free colour, so all four land in slot 0; evening out
    # must move two of them to slot 1 to respect the two tables.
    inst = parse_instance(bipartite([(0, 0), (1, 1), (2, 2), (3, 3)], slots=2, tables=2))
    plan = colour(inst, [0, 1, 2, 3], (0, 1))
    assert plan is not None and violations(inst, plan) == []
    assert sorted(plan.values()) == [0, 0, 1, 1]
