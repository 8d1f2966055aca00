"""The optimizer against brute force on small random instances."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tadamon.optimize.selection import select
from tests.optimize.brute import optimum, placeable, places, satisfies

REGIONS = ["R1", "R2", "R3"]
SECTORS = ["S1", "S2"]
SHARES = st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 0.6, 0.75, 1.0])
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def applicant(index: int, draw: st.DrawFn, waves: list[str] | None) -> dict[str, Any]:
    return {
        "id": f"a{index}",
        # Tenths, to exercise the scaling of decimal scores.
        "score": draw(st.integers(0, 100)) / 10,
        "women_led": draw(st.booleans()),
        "youth_led": draw(st.booleans()),
        "region": draw(st.sampled_from([*REGIONS, None])),
        "sector": draw(st.sampled_from([*SECTORS, None])),
        "waves": None if waves is None else draw(st.none() | st.lists(st.sampled_from(waves))),
    }


def counts(codes: list[str], top: int) -> st.SearchStrategy[dict[str, int] | None]:
    return st.none() | st.dictionaries(st.sampled_from(codes), st.integers(0, top), max_size=2)


@st.composite
def quotas(draw: st.DrawFn) -> dict[str, Any]:
    chosen = {
        "min_share_women_led": draw(st.none() | SHARES),
        "min_share_youth_led": draw(st.none() | SHARES),
        "min_per_region": draw(counts(REGIONS, 3)),
        "max_per_region": draw(counts(REGIONS, 3)),
        "min_per_sector": draw(counts(SECTORS, 2)),
        "max_per_sector": draw(counts(SECTORS, 3)),
    }
    return {name: value for name, value in chosen.items() if value is not None}


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(0, 9))
    return {
        "capacity": draw(st.integers(0, 6)),
        "applicants": [applicant(i, draw, None) for i in range(size)],
        "quotas": draw(quotas()),
        "fill": draw(st.sampled_from(["max", "exact"])),
    }


@st.composite
def wave_instances(draw: st.DrawFn) -> dict[str, Any]:
    labels = ["W1", "W2"]
    size = draw(st.integers(0, 6))
    share = draw(st.none() | SHARES)
    return {
        "capacity": draw(st.integers(0, 6)),
        "applicants": [applicant(i, draw, labels) for i in range(size)],
        "waves": [{"label": label, "capacity": draw(st.integers(0, 3))} for label in labels],
        "quotas": {
            "min_share_women_led_per_wave": share,
            "min_share_women_led": draw(st.none() | SHARES),
            "min_per_region": draw(counts(REGIONS, 2)),
        },
        "fill": draw(st.sampled_from(["max", "exact"])),
    }


def conflict_quotas(instance: dict[str, Any], conflicts: list[dict[str, Any]]) -> dict[str, Any]:
    """The instance restricted to the quotas named by the conflicts."""
    kept: dict[str, Any] = {}
    for item in conflicts:
        # A per-wave share is keyed by wave in conflicts but is one number in the instance.
        if item["name"] == "min_share_women_led_per_wave" or item["key"] is None:
            kept[item["name"]] = item["required"]
        else:
            kept.setdefault(item["name"], {})[item["key"]] = item["required"]
    fill = "exact" if any(item["name"] == "fill" for item in conflicts) else instance["fill"]
    return {**instance, "quotas": kept, "fill": fill}


def relaxed_instance(instance: dict[str, Any], relaxed: list[str]) -> dict[str, Any]:
    """The instance without the quotas ``relaxed`` names (labels ``name`` or ``name:key``)."""
    quotas = dict(instance["quotas"])
    for label in relaxed:
        name, _sep, key = label.partition(":")
        if name == "fill":
            instance = {**instance, "fill": "max"}
        elif name == "min_share_women_led_per_wave" or not key:
            quotas.pop(name, None)
        else:
            quotas[name] = {code: n for code, n in quotas[name].items() if code != key}
    return {**instance, "quotas": quotas}


def check_against_brute_force(instance: dict[str, Any]) -> None:
    result = select(instance)
    best = optimum(instance)
    event(result["status"])  # shown by --hypothesis-show-statistics: both outcomes are exercised
    if placeable(instance) and places(instance):
        # Issue 15: nobody selected while someone could be placed is never a quota "met".
        assert result["selected"]
    if best is None:
        assert result["status"] == "INFEASIBLE"
        assert result["conflicts"]
        # The conflicting quotas alone already admit no selection.
        assert optimum(conflict_quotas(instance, result["conflicts"])) is None
        # The selection shown is the best one with the conflicting quotas relaxed.
        assert result["relaxed"]
        instance = relaxed_instance(instance, result["relaxed"])
        best = optimum(instance)
        assert best is not None
    else:
        assert result["status"] == "OPTIMAL" and result["relaxed"] == []
    assert result["objective"] == pytest.approx(best)
    assert result["bound"] == pytest.approx(best)
    check_selection(instance, result)


def check_selection(instance: dict[str, Any], result: dict[str, Any]) -> None:
    by_id = {a["id"]: a for a in instance["applicants"]}
    chosen = [by_id[i] for i in result["selected"]]
    wave_of = {item["applicant"]: item["wave"] for item in result.get("assignments", [])}
    assert satisfies(instance, chosen, wave_of)
    assert len(chosen) <= places(instance)
    assert sum(a["score"] for a in chosen) == pytest.approx(result["objective"])
    assert sorted(result["selected"] + result["waitlist"]) == sorted(by_id)
    scores = [a["score"] for a in chosen]
    assert scores == sorted(scores, reverse=True)
    assert set(result["explanations"]) == set(by_id)
    for applicant_id, label in wave_of.items():
        accepted = by_id[applicant_id]["waves"]
        assert accepted is None or label in accepted


@SETTINGS
@given(instances())
def test_selection_matches_brute_force(instance: dict[str, Any]) -> None:
    check_against_brute_force(instance)


@settings(SETTINGS, max_examples=40)
@given(wave_instances())
def test_selection_with_waves_matches_brute_force(instance: dict[str, Any]) -> None:
    check_against_brute_force(instance)
