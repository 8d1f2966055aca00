import pytest

from tadamon.accounts.models import Role
from tests.awards.support import declare, event_of, exhibit, exhibitor_in
from tests.factories import EventFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fields(response) -> set:
    return {item["field"] for item in response.json()["detail"]}


@pytest.fixture
def event(organizer_body):
    return event_of(organizer_body)


def test_record_an_award_by_hand(api_for, organizer, event):
    winner = exhibitor_in(event)
    client = api_for(organizer)
    assert client.post(f"/api/v1/events/{event.pk}/award-categories/template").status_code == 201

    response = client.post_json(
        f"/api/v1/events/{event.pk}/awards",
        {"category": "best_booth", "organization": winner.pk},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["category"], body["organization"], body["manual"]) == (
        "best_booth",
        winner.pk,
        True,
    )
    listed = client.get(f"/api/v1/events/{event.pk}/awards").json()
    assert [a["organization"] for a in listed] == [winner.pk]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "no_such_award", "organization": 1}, "category"),
        ({"category": "best_booth", "organization": 999999}, "organization"),
        ({"category": "best_booth"}, "organization"),
        ({"category": "best_booth", "person": 999999}, "person"),
    ],
)
def test_bad_manual_awards_name_the_field(api_for, organizer, event, body, field):
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")
    response = client.post_json(f"/api/v1/events/{event.pk}/awards", body)
    assert response.status_code == 400
    assert field in _fields(response)


def test_an_organization_that_is_not_an_exhibitor_cannot_be_awarded(api_for, organizer, event):
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")
    stranger = OrganizationFactory()
    response = client.post_json(
        f"/api/v1/events/{event.pk}/awards", {"category": "best_booth", "organization": stranger.pk}
    )
    assert response.status_code == 400
    assert _fields(response) == {"organization"}


def test_compute_and_publish(api_for, organizer, exhibitor, event):
    small, big = exhibit(event, OrganizationFactory(), OrganizationFactory(founded_year=1955))
    declare(event, small, "1000.00")
    declare(event, big, "2000.00")
    declare(event, small, "5000.00", status="pending", day=2)
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")

    computed = client.post(f"/api/v1/events/{event.pk}/awards/compute")
    assert computed.status_code == 200, computed.content
    winners = {a["category"]: a["organization"] for a in computed.json()}
    assert winners["largest_sales"] == big.pk
    assert winners["oldest_cooperative"] == big.pk

    # Nothing public before publication.
    exhibit(event, exhibitor.organization)
    assert api_for(exhibitor).get(f"/api/v1/events/{event.pk}/awards").json() == []
    category = event.award_categories.get(code="largest_sales")
    refused = api_for(exhibitor).post(f"/api/v1/award-categories/{category.pk}/publish")
    assert refused.status_code == 403
    published = client.post(f"/api/v1/award-categories/{category.pk}/publish")
    assert published.status_code == 200
    public = api_for(exhibitor).get(f"/api/v1/events/{event.pk}/awards").json()
    assert [(a["category"], a["organization"]) for a in public] == [("largest_sales", big.pk)]


def test_jury_flow_through_the_api(api_for, organizer, event):
    candidate_org = exhibitor_in(event)
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")
    category = event.award_categories.get(code="innovation")
    base = f"/api/v1/award-categories/{category.pk}"
    criterion = client.post_json(f"{base}/criteria", {"name_fr": "Nouveauté", "weight": 2})
    candidate = client.post_json(f"{base}/candidates", {"organization": candidate_org.pk})
    juror = UserFactory(role=Role.REVIEWER, organization=None)
    insider = UserFactory(role=Role.REVIEWER, organization=candidate_org)
    assert client.post_json(f"{base}/jurors", {"user": juror.pk}).status_code == 201
    refused = client.post_json(f"{base}/jurors", {"user": insider.pk})
    assert refused.status_code == 400
    assert _fields(refused) == {"juror"}

    score = {"candidate": candidate.json()["id"], "criterion": criterion.json()["id"]}
    assert api_for(juror).post_json(f"{base}/scores", {**score, "points": -1}).status_code == 422
    too_many = api_for(juror).post_json(f"{base}/scores", {**score, "points": 11})
    assert too_many.status_code == 400
    assert _fields(too_many) == {"points"}
    assert api_for(insider).post_json(f"{base}/scores", {**score, "points": 5}).status_code == 403
    assert api_for(juror).post_json(f"{base}/scores", {**score, "points": 9}).status_code == 201

    closed = client.post(f"{base}/close")
    assert closed.status_code == 200
    assert closed.json()[0]["score"] == "90.00"


def test_events_outside_the_callers_scope(api_for, organizer, exhibitor):
    hidden = EventFactory(is_published=False)
    visible = EventFactory()
    client = api_for(organizer)
    assert client.get(f"/api/v1/events/{hidden.pk}/awards").status_code == 404
    body = {"category": "best_booth", "organization": 1}
    assert client.post_json(f"/api/v1/events/{visible.pk}/awards", body).status_code == 403
    assert api_for(exhibitor).post(f"/api/v1/events/{visible.pk}/awards/compute").status_code == 403


def test_winners_recorded_by_hand_are_joint_unless_ranked(api_for, organizer, event):
    # Issue 15: a second winner of a two-winner category was stored as rank 2.
    first, second, third = (exhibitor_in(event) for _ in range(3))
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")
    url = f"/api/v1/events/{event.pk}/awards"
    for winner in (first, second):
        response = client.post_json(url, {"category": "innovation", "organization": winner.pk})
        assert response.status_code == 201, response.content
    body = response.json()
    assert (body["rank"], body["joint"]) == (1, True)
    listed = client.get(url).json()
    assert [(a["rank"], a["joint"]) for a in listed] == [(1, True), (1, True)]
    report = client.get(f"/api/v1/events/{event.pk}/report").json()
    assert [(a["rank"], a["joint"]) for a in report["awards"]] == [(1, True), (1, True)]
    ranked = client.post_json(url, {"category": "best_booth", "organization": third.pk, "rank": 2})
    assert ranked.status_code == 400 or ranked.status_code == 422
    assert "rank" in _fields(ranked)


def test_closing_a_jury_without_scores_answers_400_until_confirmed(api_for, organizer, event):
    client = api_for(organizer)
    client.post(f"/api/v1/events/{event.pk}/award-categories/template")
    category = event.award_categories.get(code="best_product")
    url = f"/api/v1/award-categories/{category.pk}/close"
    refused = client.post(url)
    assert refused.status_code == 400
    assert "confirm_without_scores" in _fields(refused)
    category.refresh_from_db()
    assert category.jury_closed_at is None
    closed = client.post(f"{url}?confirm_without_scores=true")
    assert closed.status_code == 200 and closed.json() == []
