"""The allocation API: start a run, follow it, list the booths given, move by hand."""

import pytest

from tadamon.events.models import AllocationRun, BoothAssignment
from tests.events.test_allocation_support import exhibitors, fair, organizations

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(organizer_body):
    """3 waves on a 2 × 3 grid (column 1 accessible), 4 confirmed exhibitors."""
    event, waves = fair(organizer_body, rows=2, columns=3, accessible=lambda r, c: c == 1)
    participations = exhibitors(event, organizations(4, sectors=("sewing", "pottery")))
    return event, waves, participations


def english(api):
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return api


def test_a_run_is_started_followed_and_its_booths_listed(api_for, organizer, setup):
    event, waves, participations = setup
    api = english(api_for(organizer))
    started = api.post_json(f"/api/v1/events/{event.pk}/allocation", {"method": "greedy"})
    assert started.status_code == 202, started.json()
    body = started.json()
    assert body["event"] == event.pk and body["method"] == "greedy"
    run = api.get(f"/api/v1/allocation-runs/{body['id']}").json()
    assert run["status"] == "done" and run["progress"] == 100, run
    summary = run["summary"]
    assert summary["placed"] == 4 and summary["exhibitors"] == 4 and summary["unassigned"] == []
    assert summary["solver_status"] in ("OPTIMAL", "FEASIBLE")
    assert sum(summary["wave_loads"].values()) == 4
    assignments = api.get(f"/api/v1/events/{event.pk}/assignments").json()
    assert sorted(a["participation"] for a in assignments) == sorted(p.pk for p in participations)
    assert {a["wave"] for a in assignments} <= {wave.pk for wave in waves}
    one = assignments[0]
    only = api.get(f"/api/v1/events/{event.pk}/assignments?wave={one['wave']}").json()
    assert only and {a["wave"] for a in only} == {one["wave"]}
    runs = api.get(f"/api/v1/events/{event.pk}/allocation-runs").json()
    assert [r["id"] for r in runs] == [body["id"]]


def test_bad_options_are_refused_naming_the_field(api_for, organizer, setup):
    event, _waves, _participations = setup
    api = english(api_for(organizer))
    response = api.post_json(
        f"/api/v1/events/{event.pk}/allocation", {"sector_zones": {"Q": ["sewing"]}}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == [
        {"field": "sector_zones", "message": "The event has no zone “Q”."}
    ]
    response = api.post_json(f"/api/v1/events/{event.pk}/allocation", {"method": "magic"})
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "method"
    response = api.post_json(f"/api/v1/events/{event.pk}/allocation", {"time_limit_s": 0})
    assert response.status_code == 422
    assert not AllocationRun.objects.exists()


def test_a_move_is_checked_and_each_broken_rule_named(api_for, organizer, setup):
    event, (m1, m2, _m3), (first, second, third, _fourth) = setup
    a01, b02 = event.booths.get(code="A01"), event.booths.get(code="B02")
    BoothAssignment.objects.create(event=event, participation=first, booth=a01, wave=m1)
    third.wave = m2  # fixed by the organizer
    third.save()
    api = english(api_for(organizer))
    url = f"/api/v1/events/{event.pk}/assignments/move"
    refused = api.post_json(url, {"participation": third.pk, "booth": a01.pk, "wave": m1.pk})
    assert refused.status_code == 400
    detail = refused.json()["detail"]
    assert {item["field"] for item in detail} == {"booth", "wave"}
    messages = [item["message"] for item in detail]
    assert any("already taken in wave “M1”" in message for message in messages)
    assert any("takes part in wave “M2” only" in message for message in messages)
    moved = api.post_json(url, {"participation": second.pk, "booth": b02.pk, "wave": m1.pk})
    assert moved.status_code == 200, moved.json()
    assert moved.json()["assignment"]["booth_code"] == "B02"
    assert moved.json()["assignment"]["wave_label"] == "M1"
    assert moved.json()["warnings"] == []
    unknown = api.post_json(url, {"participation": 10**6, "booth": b02.pk, "wave": m1.pk})
    assert unknown.status_code == 400 and unknown.json()["detail"][0]["field"] == "participation"
    unknown = api.post_json(url, {"participation": second.pk, "booth": 10**6, "wave": m1.pk})
    assert unknown.status_code == 400 and unknown.json()["detail"][0]["field"] == "booth"
    missing_wave = api.post_json(url, {"participation": second.pk, "booth": b02.pk})
    assert missing_wave.status_code == 400
    assert missing_wave.json()["detail"] == [
        {"field": "wave", "message": "Choose the wave: this event has waves."}
    ]


def test_outsiders_get_403_or_404_and_no_token_401(api_for, setup, observer, exhibitor):
    event, (m1, *_rest), (first, *_others) = setup
    run = AllocationRun.objects.create(event=event)
    a01 = event.booths.get(code="A01")
    calls = [
        ("post", f"/api/v1/events/{event.pk}/allocation", {}),
        ("get", f"/api/v1/events/{event.pk}/allocation-runs", None),
        ("get", f"/api/v1/allocation-runs/{run.pk}", None),
        ("get", f"/api/v1/events/{event.pk}/assignments", None),
        (
            "post",
            f"/api/v1/events/{event.pk}/assignments/move",
            {"participation": first.pk, "booth": a01.pk, "wave": m1.pk},
        ),
    ]

    def statuses(api):
        return [
            (api.post_json(url, body) if method == "post" else api.get(url)).status_code
            for method, url, body in calls
        ]

    assert statuses(api_for(observer)) == [403] * 5  # sees every event, manages none
    event.is_published = False
    event.save()
    assert statuses(api_for(exhibitor)) == [404] * 5
    assert statuses(api_for()) == [401] * 5
    assert api_for(observer).get("/api/v1/allocation-runs/999999").status_code == 404
    assert AllocationRun.objects.count() == 1 and not BoothAssignment.objects.exists()


def test_the_endpoints_are_in_the_openapi_document(api_for, organizer):
    paths = api_for(organizer).get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events/{event_id}/allocation",
        "/api/v1/allocation-runs/{run_id}",
        "/api/v1/events/{event_id}/assignments",
        "/api/v1/events/{event_id}/assignments/move",
    ):
        assert path in paths
