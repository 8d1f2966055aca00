import datetime

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from tadamon.accounts.models import Role
from tadamon.calls.models import Application, Call, ScoringCriterion
from tadamon.calls.models import ApplicationStatus as S
from tadamon.events.models import Event, Participation, Wave
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
    kind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    today = timezone.localdate()
    return EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
    )


@pytest.fixture
def call(event):
    today = timezone.localdate()
    return CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=3),
    )


@pytest.fixture
def wave(event):
    return Wave.objects.create(
        event=event, label="W1", start_date=event.start_date, end_date=event.end_date
    )


@pytest.fixture
def reviewer(db):
    return UserFactory(role=Role.REVIEWER)


def _fields(response) -> set:
    return {error["field"] for error in response.json()["detail"]}


def _url(event) -> str:
    return f"/api/v1/events/{event.pk}/applications"


# The call ------------------------------------------------------------------------------


def test_an_organizer_opens_a_call_with_its_grid(api_for, organizer, event):
    today = timezone.localdate()
    response = api_for(organizer).post_json(
        f"/api/v1/events/{event.pk}/call",
        {
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
            "capacity": 180,
            "eligible_kinds": ["cooperative"],
            "eligible_regions": ["01", "02"],
            "microcredit_only": True,
            "criteria": [
                {"name_ar": "جودة المنتوج", "name_fr": "Qualité", "weight": 2, "max_points": 10},
                {"name_fr": "Première participation", "weight": 1, "max_points": 5},
            ],
        },
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["capacity"] == 180 and data["is_open"] is True
    assert data["eligible_kinds"] == ["cooperative"] and data["eligible_regions"] == ["01", "02"]
    assert [c["name_fr"] for c in data["criteria"]] == ["Qualité", "Première participation"]

    changed = api_for(organizer).patch_json(
        f"/api/v1/events/{event.pk}/call", {"capacity": 150, "eligible_regions": []}
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["capacity"] == 150 and changed.json()["eligible_regions"] == []
    assert changed.json()["eligible_kinds"] == ["cooperative"]


def test_call_errors_name_the_field(api_for, organizer, event, exhibitor):
    today = timezone.localdate().isoformat()
    url = f"/api/v1/events/{event.pk}/call"
    body = {"opens_on": today, "closes_on": today, "capacity": 5, "eligible_sectors": ["nope"]}

    unknown = api_for(organizer).post_json(url, body)
    assert unknown.status_code == 400 and _fields(unknown) == {"eligible_sectors"}

    assert api_for(exhibitor).post_json(url, {**body, "eligible_sectors": []}).status_code == 403
    assert api_for(organizer).get(url).status_code == 400  # no call yet: named "call"


# Applying ------------------------------------------------------------------------------


def test_an_exhibitor_applies_and_follows_its_application(
    api_for, call, wave, exhibitor, exhibitor_org
):
    client = api_for(exhibitor)
    response = client.post_json(
        _url(call.event),
        {
            "motivation": "نريد التعريف بمنتوجاتنا",
            "products": "زيت الأركان، أملو",
            "wave_preferences": [wave.pk],
            "needs_accessible_booth": True,
        },
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "submitted" and data["organization"] == exhibitor_org.pk
    assert data["wave_preferences"] == [wave.pk] and data["products"] == "زيت الأركان، أملو"
    assert data["first_participation"] is True and data["score"] is None
    assert client.get(f"/api/v1/applications/{data['id']}").json()["id"] == data["id"]


def test_a_draft_then_a_submission_through_a_transition(api_for, call, exhibitor):
    client = api_for(exhibitor)
    draft = client.post_json(_url(call.event), {"motivation": "x", "submit": False}).json()
    assert draft["status"] == "draft"

    edited = client.patch_json(f"/api/v1/applications/{draft['id']}", {"products": "حلي"})
    assert edited.status_code == 200 and edited.json()["products"] == "حلي"
    submitted = client.post_json(
        f"/api/v1/applications/{draft['id']}/transitions", {"status": "submitted"}
    )
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"


def test_an_organizer_applies_on_behalf_of_an_organization(api_for, organizer, call, other_org):
    response = api_for(organizer).post_json(_url(call.event), {"organization": other_org.pk})
    assert response.status_code == 201, response.content
    assert response.json()["organization"] == other_org.pk


def test_an_ineligible_organization_gets_400_naming_eligibility(api_for, call, exhibitor):
    call.eligible_kinds.set([kind("association")])
    call.microcredit_only = True
    call.save()

    response = api_for(exhibitor).post_json(_url(call.event), {"motivation": "x"})

    assert response.status_code == 400
    assert _fields(response) == {"eligibility"}
    assert len(response.json()["detail"]) == 2
    assert not Application.objects.exists()


def test_a_closed_call_gets_400_naming_the_call(api_for, call, exhibitor):
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    call.opens_on = call.closes_on - datetime.timedelta(days=10)
    call.save()
    response = api_for(exhibitor).post_json(_url(call.event), {})
    assert response.status_code == 400 and _fields(response) == {"call"}


def test_a_second_application_gets_400_naming_the_organization(api_for, call, exhibitor):
    client = api_for(exhibitor)
    assert client.post_json(_url(call.event), {}).status_code == 201
    again = client.post_json(_url(call.event), {})
    assert again.status_code == 400 and _fields(again) == {"organization"}


def test_bad_input_never_answers_500(api_for, call, exhibitor, other_org):
    client = api_for(exhibitor)
    assert client.post_json(_url(call.event), {"wave_preferences": [999999]}).status_code == 400
    assert client.post_json(_url(call.event), {"wave_preferences": "x"}).status_code == 422
    # An organization the exhibitor cannot see is an unknown reference.
    foreign = client.post_json(_url(call.event), {"organization": other_org.pk})
    assert foreign.status_code == 400 and _fields(foreign) == {"organization"}
    assert client.post_json("/api/v1/events/999999/applications", {}).status_code == 404


# Scope ---------------------------------------------------------------------------------


def test_an_exhibitor_sees_only_its_own_applications(api_for, call, exhibitor, exhibitor_org):
    own = ApplicationFactory(call=call, organization=exhibitor_org)
    other = ApplicationFactory(call=call)
    client = api_for(exhibitor)

    listed = client.get(_url(call.event)).json()
    assert [item["id"] for item in listed["items"]] == [own.pk] and listed["count"] == 1
    assert client.get(f"/api/v1/applications/{other.pk}").status_code == 404
    transition = client.post_json(
        f"/api/v1/applications/{other.pk}/transitions", {"status": "withdrawn"}
    )
    assert transition.status_code == 404


def test_a_reviewer_sees_only_the_applications_assigned(api_for, organizer, call, reviewer):
    assigned, unassigned = ApplicationFactory(call=call), ApplicationFactory(call=call)
    response = api_for(organizer).post_json(
        f"/api/v1/applications/{assigned.pk}/reviewers", {"reviewers": [reviewer.pk]}
    )
    assert response.status_code == 201, response.content
    client = api_for(reviewer)

    listed = client.get(_url(call.event)).json()
    assert [item["id"] for item in listed["items"]] == [assigned.pk]
    assert client.get(f"/api/v1/applications/{unassigned.pk}").status_code == 404
    assert client.get(f"/api/v1/applications/{assigned.pk}").json()["score"] is None


def test_the_organizer_lists_and_filters_all_applications(api_for, organizer, call, wave):
    women = ApplicationFactory(call=call, organization=OrganizationFactory(women_led=True))
    ApplicationFactory(call=call, status=S.DRAFT)
    women.wave_preferences.set([wave])
    client = api_for(organizer)

    assert client.get(_url(call.event)).json()["count"] == 2
    assert [i["id"] for i in client.get(_url(call.event), {"women_led": True}).json()["items"]] == [
        women.pk
    ]
    assert client.get(_url(call.event), {"wave": wave.pk}).json()["count"] == 1
    assert client.get(_url(call.event), {"status": "draft"}).json()["count"] == 1


# Transitions ---------------------------------------------------------------------------


def _transition(client, application, status, **extra):
    return client.post_json(
        f"/api/v1/applications/{application.pk}/transitions", {"status": status, **extra}
    )


def test_decide_then_confirm(api_for, organizer, call, wave, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org)

    assert _transition(api_for(organizer), application, "under_review").status_code == 200
    accepted = _transition(api_for(organizer), application, "accepted", wave=wave.pk)
    assert accepted.status_code == 200 and accepted.json()["wave"] == wave.pk
    confirmed = _transition(api_for(exhibitor), application, "confirmed")

    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    participation = Participation.objects.get(event=call.event, organization=exhibitor_org)
    assert participation.status == "confirmed" and participation.wave == wave


def test_confirming_a_rejected_application_is_400_naming_status(
    api_for, call, exhibitor, exhibitor_org
):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.REJECTED)

    response = _transition(api_for(exhibitor), application, "confirmed")

    assert response.status_code == 400 and _fields(response) == {"status"}
    application.refresh_from_db()
    assert application.status == S.REJECTED


def test_an_exhibitor_cannot_decide_and_an_organizer_cannot_confirm(
    api_for, organizer, call, exhibitor, exhibitor_org
):
    application = ApplicationFactory(call=call, organization=exhibitor_org)
    assert _transition(api_for(exhibitor), application, "accepted").status_code == 403
    application.status = S.ACCEPTED
    application.save()
    assert _transition(api_for(organizer), application, "confirmed").status_code == 403


def test_statuses_of_the_waiting_list_are_not_set_by_hand(api_for, organizer, call):
    application = ApplicationFactory(call=call, status=S.WAITLISTED)
    response = _transition(api_for(organizer), application, "offered")
    assert response.status_code == 400 and _fields(response) == {"status"}
    assert _transition(api_for(organizer), application, "nonsense").status_code == 422


def test_a_withdrawal_through_the_api(api_for, call, exhibitor, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.ACCEPTED)
    response = _transition(api_for(exhibitor), application, "withdrawn", reason="سفر")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_no_withdrawal_through_the_api_once_the_fair_is_over(
    api_for, call, exhibitor, exhibitor_org
):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.CONFIRMED)
    ended = timezone.localdate() - datetime.timedelta(days=1)
    Event.objects.filter(pk=call.event_id).update(start_date=ended, end_date=ended)
    response = _transition(api_for(exhibitor), application, "withdrawn", reason="late")
    assert response.status_code == 400 and _fields(response) == {"status"}
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


# Reviews -------------------------------------------------------------------------------


def test_review_assignment_scores_and_progress(api_for, organizer, call, reviewer):
    quality = ScoringCriterion.objects.create(call=call, name_fr="Q", weight=1, max_points=10)
    application = ApplicationFactory(call=call)
    late = UserFactory(role=Role.REVIEWER, username="late")
    assigned = api_for(organizer).post_json(
        f"/api/v1/applications/{application.pk}/reviewers", {"reviewers": [reviewer.pk, late.pk]}
    )
    mine = next(a for a in assigned.json() if a["reviewer"] == reviewer.pk)

    todo = api_for(reviewer).get("/api/v1/reviews", {"pending": True}).json()
    assert [item["id"] for item in todo["items"]] == [mine["id"]]
    scored = api_for(reviewer).post_json(
        f"/api/v1/reviews/{mine['id']}/scores", {"scores": {str(quality.pk): 8}}
    )
    assert scored.status_code == 200, scored.content
    assert scored.json()["completed_at"] and scored.json()["scores"] == {str(quality.pk): 8}

    summary = api_for(organizer).get(f"/api/v1/applications/{application.pk}/reviews").json()
    assert summary["score"] == "80.00" and summary["spread"] == "0.00"
    progress = api_for(organizer).get(f"/api/v1/events/{call.event.pk}/review-progress").json()
    assert [(p["username"], p["remaining"]) for p in progress] == [
        ("late", 1),
        (reviewer.username, 0),
    ]
    assert (
        api_for(reviewer).get(f"/api/v1/events/{call.event.pk}/review-progress").status_code == 403
    )
    assert (
        api_for(reviewer).get(f"/api/v1/applications/{application.pk}/reviews").status_code == 403
    )


def test_scores_by_others_are_refused(api_for, organizer, call, reviewer):
    ScoringCriterion.objects.create(call=call, name_fr="Q", weight=1, max_points=10)
    application = ApplicationFactory(call=call)
    [assignment] = (
        api_for(organizer)
        .post_json(f"/api/v1/applications/{application.pk}/reviewers", {"reviewers": [reviewer.pk]})
        .json()
    )
    url = f"/api/v1/reviews/{assignment['id']}/scores"
    stranger = UserFactory(role=Role.REVIEWER)

    assert api_for(stranger).post_json(url, {"scores": {}}).status_code == 404
    assert api_for(organizer).post_json(url, {"scores": {}}).status_code == 403
    too_many = api_for(reviewer).post_json(url, {"scores": {"1": 5000}})
    assert too_many.status_code == 400 and _fields(too_many) == {"scores"}


def test_a_reviewer_of_the_applicant_organization_is_refused(api_for, organizer, call):
    application = ApplicationFactory(call=call)
    insider = UserFactory(role=Role.REVIEWER, organization=application.organization)
    response = api_for(organizer).post_json(
        f"/api/v1/applications/{application.pk}/reviewers", {"reviewers": [insider.pk]}
    )
    assert response.status_code == 400 and _fields(response) == {"reviewers"}
    assert insider.username in response.json()["detail"][0]["message"]


def test_round_robin_through_the_api(api_for, organizer, call, reviewer):
    for _ in range(3):
        ApplicationFactory(call=call)
    other = UserFactory(role=Role.REVIEWER)
    response = api_for(organizer).post_json(
        f"/api/v1/events/{call.event.pk}/reviewers/round-robin",
        {"reviewers": [reviewer.pk, other.pk], "per_application": 1},
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"assigned": 3, "short": []}


def test_the_openapi_document_stays_valid(api_for):
    document = api_for().get("/api/v1/openapi.json").json()
    assert "/api/v1/events/{event_id}/applications" in document["paths"]
    assert "/api/v1/applications/{application_id}/transitions" in document["paths"]
    validate(document)


def test_exhibitor_of_another_event_cannot_read_an_unpublished_events_call(
    api_for, call, exhibitor
):
    call.event.is_published = False
    call.event.save()
    assert api_for(exhibitor).get(f"/api/v1/events/{call.event.pk}/call").status_code == 404


def test_a_call_with_a_bad_grid_is_not_half_created(api_for, organizer, event):
    today = timezone.localdate().isoformat()
    response = api_for(organizer).post_json(
        f"/api/v1/events/{event.pk}/call",
        {"opens_on": today, "closes_on": today, "capacity": 5, "criteria": [{"weight": 1}]},
    )
    assert response.status_code == 400 and _fields(response) == {"criteria"}
    assert not Call.objects.exists()
