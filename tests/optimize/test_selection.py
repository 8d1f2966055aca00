"""Selection under quotas: the reference shapes, quota cost, infeasibility and determinism."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from tadamon.optimize.selection import select
from tests.optimize.brute import satisfies
from tests.optimize.instances import benchmark, e1_shape


def by_id(instance: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    return {a["id"]: a for a in instance["applicants"]}


def test_e1_shape_fills_three_waves_with_half_women_led_in_each() -> None:
    instance = e1_shape()
    started = time.perf_counter()
    result = select(instance)
    print(f"E1 shape (200 applicants, 3 waves x 60): {time.perf_counter() - started:.3f} s")
    applicants = by_id(instance)
    assert result["status"] == "OPTIMAL"
    assert len(result["selected"]) == 180
    waves = {item["applicant"]: item["wave"] for item in result["assignments"]}
    assert Counter(waves.values()) == {"W1": 60, "W2": 60, "W3": 60}
    assert sum(applicants[i]["women_led"] for i in result["selected"]) >= 90
    women_per_wave = Counter(w for i, w in waves.items() if applicants[i]["women_led"])
    assert all(women_per_wave[label] >= 30 for label in ("W1", "W2", "W3"))
    for applicant_id, label in waves.items():
        accepted = applicants[applicant_id]["waves"]
        assert accepted is None or label in accepted


def test_notes_benchmark_is_solved_to_optimality() -> None:
    instance = benchmark()
    started = time.perf_counter()
    result = select(instance)
    elapsed = time.perf_counter() - started
    print(f"benchmark 600/180: {result['status']} in {elapsed:.3f} s, ", end="")
    print(f"quota cost {result['quota_cost_share']:.2%}")
    assert result["status"] == "OPTIMAL"
    assert result["bound"] == result["objective"]
    assert len(result["selected"]) == 180
    chosen = [by_id(instance)[i] for i in result["selected"]]
    assert satisfies(instance, chosen, {})
    assert result["quota_cost"] == result["unconstrained_objective"] - result["objective"]


def quota_cost_instance() -> dict[str, Any]:
    return {
        "capacity": 2,
        "applicants": [
            {"id": "atlas", "score": 90, "women_led": False},
            {"id": "rif", "score": 80, "women_led": False},
            {"id": "argan", "score": 50, "women_led": True},
        ],
        "quotas": {"min_share_women_led": 0.5},
    }


def test_quota_that_forces_a_lower_scored_women_led_applicant_has_a_cost() -> None:
    result = select(quota_cost_instance())
    assert result["selected"] == ["atlas", "argan"]
    assert result["waitlist"] == ["rif"]
    assert (result["objective"], result["unconstrained_objective"]) == (140, 170)
    assert result["quota_cost"] == 30
    assert result["quota_cost_share"] == round(30 / 170, 6)
    assert result["explanations"] == {
        "atlas": "selected",
        "argan": "selected_for_quota:min_share_women_led",
        "rif": "displaced_by_quota:min_share_women_led",
    }
    [quota] = result["quotas"]
    assert quota == {
        "name": "min_share_women_led",
        "key": None,
        "required": 0.5,
        "achieved": 0.5,
        "count": 1,
        "required_count": 1,
        "selected": 2,
        "binding": True,
    }


def test_a_quota_met_by_merit_is_not_binding_and_costs_nothing() -> None:
    instance = quota_cost_instance()
    instance["applicants"][0]["women_led"] = True
    instance["applicants"][1]["women_led"] = True
    instance["quotas"]["max_per_region"] = {"R9": 1}
    result = select(instance)
    assert result["selected"] == ["atlas", "rif"]
    assert result["quota_cost"] == 0
    assert [q["binding"] for q in result["quotas"]] == [False, False]
    assert result["explanations"]["argan"] == "below_cutoff"


def test_decimal_scores_are_reported_in_their_own_units() -> None:
    instance = quota_cost_instance()
    for applicant, score in zip(instance["applicants"], (9.05, 8.1, 5.25), strict=True):
        applicant["score"] = score
    result = select(instance)
    assert result["objective"] == 14.3
    assert result["unconstrained_objective"] == 17.15
    assert result["quota_cost"] == 2.85


def ten_applicants(women: int) -> list[dict[str, Any]]:
    return [
        {"id": n, "score": 100 - n, "women_led": n < women, "region": "R1" if n < 5 else "R2"}
        for n in range(10)
    ]


def test_women_led_share_beyond_the_applicants_is_infeasible_when_filling_exactly() -> None:
    instance = {
        "capacity": 5,
        "applicants": ten_applicants(women=2),
        "quotas": {"min_share_women_led": 0.9},
        "fill": "exact",
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert [(c["name"], c["key"], c["required"]) for c in result["conflicts"]] == [
        ("min_share_women_led", None, 0.9)
    ]
    assert "only 2" in result["conflicts"][0]["message"]
    # Shown: the best selection without that quota.
    assert result["relaxed"] == ["min_share_women_led"]
    assert result["selected"] == [0, 1, 2, 3, 4] and result["objective"] == 490


def test_fill_max_meets_a_share_by_leaving_places_empty() -> None:
    instance = {
        "capacity": 5,
        "applicants": ten_applicants(women=2),
        "quotas": {"min_share_women_led": 0.9},
    }
    result = select(instance)
    assert result["status"] == "OPTIMAL"
    assert result["selected"] == [0, 1]
    assert (result["places_available"], result["places_filled"]) == (5, 2)
    # Explanations are keyed by str(id), as JSON object keys are.
    assert result["explanations"]["2"] == "displaced_by_quota:min_share_women_led"


def test_regional_minimums_beyond_capacity_name_every_region() -> None:
    instance = {
        "capacity": 5,
        "applicants": ten_applicants(women=5),
        "quotas": {"min_per_region": {"R1": 3, "R2": 3}},
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert {(c["name"], c["key"]) for c in result["conflicts"]} == {
        ("min_per_region", "R1"),
        ("min_per_region", "R2"),
    }
    assert "add up to 6 places, but only 5" in result["conflicts"][0]["message"]


def test_solver_finds_a_minimal_conflict_among_unrelated_quotas() -> None:
    # Five places, exactly: 2 women-led (region R1 only) cannot reach 60% once R2 takes four.
    instance = {
        "capacity": 5,
        "applicants": ten_applicants(women=2),
        "fill": "exact",
        "quotas": {
            "min_share_women_led": 0.4,
            "min_per_region": {"R2": 4, "R1": 1},
            "max_per_sector": {"crafts": 3},
            "min_share_youth_led": 0.0,
        },
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert {(c["name"], c["key"]) for c in result["conflicts"]} == {
        ("min_share_women_led", None),
        ("min_per_region", "R2"),
    }
    assert all("cannot hold together" in c["message"] for c in result["conflicts"])


def test_wave_capacity_and_availability_are_respected() -> None:
    instance = {
        "capacity": 10,
        "applicants": [
            {"id": "early", "score": 9, "waves": ["W1"]},
            {"id": "late", "score": 8, "waves": ["W2"]},
            {"id": "any", "score": 7},
            {"id": "closed", "score": 10, "waves": ["W3"]},
            {"id": "crowded", "score": 1, "waves": ["W1"]},
        ],
        "waves": [
            {"label": "W1", "capacity": 1},
            {"label": "W2", "capacity": 2},
            {"label": "W3", "capacity": 0},
        ],
    }
    result = select(instance)
    assert result["places_available"] == 3
    assert result["assignments"] == [
        {"applicant": "early", "wave": "W1"},
        {"applicant": "late", "wave": "W2"},
        {"applicant": "any", "wave": "W2"},
    ]
    assert result["explanations"]["closed"] == "wave_unavailable"
    assert result["explanations"]["crowded"] == "below_cutoff"


def test_waves_are_balanced_when_the_score_allows() -> None:
    instance = {
        "capacity": 6,
        "applicants": [{"id": n, "score": 5} for n in range(6)],
        "waves": [{"label": "A", "capacity": 6}, {"label": "B", "capacity": 6}],
    }
    result = select(instance)
    assert Counter(item["wave"] for item in result["assignments"]) == {"A": 3, "B": 3}


def test_equal_scores_are_broken_by_input_order() -> None:
    instance = {
        "capacity": 2,
        "applicants": [{"id": f"c{n}", "score": 3, "region": "R1"} for n in range(5)],
        "quotas": {"max_per_region": {"R1": 4}},
    }
    result = select(instance)
    assert result["selected"] == ["c0", "c1"]
    assert result["waitlist"] == ["c2", "c3", "c4"]


def test_same_input_gives_the_same_output() -> None:
    instance = e1_shape(seed=3)
    # Coarse scores make many selections tie on the total: only the tie-break decides.
    for applicant in instance["applicants"]:
        applicant["score"] = round(applicant["score"] / 20)
    assert select(instance) == select(instance)


def test_a_share_nobody_can_meet_is_a_conflict_and_the_rest_is_selected() -> None:
    # Issue 15: 2 places, a first-time share and no first-time applicant gave OPTIMAL with
    # nobody selected (a share of nobody, 0 >= 0.5 * 0, "held").
    instance = {
        "capacity": 2,
        "applicants": [{"id": n, "score": 10 - n} for n in range(3)],
        "quotas": {"min_share_first_time": 0.5, "max_per_region": {"R9": 1}},
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert [(c["name"], c["key"], c["reason"]) for c in result["conflicts"]] == [
        ("min_share_first_time", None, "no_members")
    ]
    assert "no applicant who can be placed" in result["conflicts"][0]["message"]
    # The best selection once that quota is relaxed; the other quota still holds.
    assert result["relaxed"] == ["min_share_first_time"]
    assert result["selected"] == [0, 1] and result["waitlist"] == [2]
    assert (result["places_filled"], result["objective"]) == (2, 19)
    assert [q["name"] for q in result["quotas"]] == ["max_per_region"]


def test_quotas_that_only_an_empty_selection_meets_are_found_by_the_solver() -> None:
    # Every women-led applicant is from R1, which may send nobody: a 50% share then holds only
    # when nobody at all is selected.
    instance = {
        "capacity": 3,
        "applicants": [
            {"id": "w", "score": 9, "women_led": True, "region": "R1"},
            {"id": "m1", "score": 8, "region": "R2"},
            {"id": "m2", "score": 7, "region": "R2"},
        ],
        "quotas": {"min_share_women_led": 0.5, "max_per_region": {"R1": 0}},
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert {(c["name"], c["key"]) for c in result["conflicts"]} == {
        ("min_share_women_led", None),
        ("max_per_region", "R1"),
    }
    assert sorted(result["relaxed"]) == ["max_per_region:R1", "min_share_women_led"]
    assert result["selected"] == ["w", "m1", "m2"]


def test_infeasible_exact_fill_shows_the_selection_without_the_conflicting_quota() -> None:
    instance = {
        "capacity": 5,
        "applicants": ten_applicants(women=2),
        "quotas": {"min_share_women_led": 0.9, "min_per_region": {"R2": 1}},
        "fill": "exact",
    }
    result = select(instance)
    assert result["status"] == "INFEASIBLE"
    assert result["relaxed"] == ["min_share_women_led"]
    assert result["selected"] == [0, 1, 2, 3, 5]  # R2 still gets its one place
    assert result["places_filled"] == 5


def test_a_feasible_selection_relaxes_nothing() -> None:
    result = select({"capacity": 1, "applicants": [{"id": 1, "score": 1, "first_time": True}]})
    assert result["status"] == "OPTIMAL" and result["relaxed"] == []
