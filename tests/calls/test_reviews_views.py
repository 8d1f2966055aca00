from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats

from tadamon.accounts.models import Role
from tadamon.calls.models import ReviewAssignment, ScoringCriterion
from tadamon.calls.services import reviews
from tests.factories import ApplicationFactory, CallFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(organizer_body):
    call = CallFactory(event=EventFactory(organizer=organizer_body))
    ScoringCriterion.objects.create(call=call, name_fr="Qualité", weight=2, max_points=10)
    ScoringCriterion.objects.create(call=call, name_fr="Préparation", weight=1, max_points=5)
    return call


@pytest.fixture
def reviewer(db):
    return UserFactory(role=Role.REVIEWER, username="rev")


def test_round_robin_from_the_assignment_page(client, organizer, call, reviewer):
    for _ in range(4):
        ApplicationFactory(call=call)
    other = UserFactory(role=Role.REVIEWER)
    client.force_login(organizer)
    url = reverse("calls:review_assign", args=[call.event.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"reviewers": [reviewer.pk, other.pk], "per_application": "1"})

    assert response.status_code == 302
    assert ReviewAssignment.objects.filter(reviewer=reviewer).count() == 2
    assert ReviewAssignment.objects.filter(reviewer=other).count() == 2
    too_many = client.post(url, {"reviewers": [reviewer.pk], "per_application": "3"})
    assert too_many.status_code == 200 and too_many.context["form"].errors


def test_the_reviewer_scores_with_one_input_per_criterion(client, organizer, call, reviewer):
    application = ApplicationFactory(call=call)
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    client.force_login(reviewer)
    assert reverse("calls:review_score", args=[assignment.pk]) in (
        client.get(reverse("calls:review_list")).content.decode()
    )
    url = reverse("calls:review_score", args=[assignment.pk])
    page = client.get(url).content.decode()
    assert page.count('type="number"') == 2 and 'max="10"' in page and 'max="5"' in page

    quality, readiness = call.criteria.all()
    too_high = client.post(url, {f"criterion_{quality.pk}": "11", f"criterion_{readiness.pk}": "1"})
    assert too_high.status_code == 200 and too_high.context["form"].errors

    response = client.post(url, {f"criterion_{quality.pk}": "9", f"criterion_{readiness.pk}": "3"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.score == Decimal("80.00")  # (2·0.9 + 1·0.6) / 3


def test_a_reviewer_cannot_open_someone_elses_review(client, organizer, call, reviewer):
    application = ApplicationFactory(call=call)
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[UserFactory(role=Role.REVIEWER)]
    )
    client.force_login(reviewer)
    assert client.get(reverse("calls:review_score", args=[assignment.pk])).status_code == 404
    client.force_login(organizer)
    assert client.get(reverse("calls:review_score", args=[assignment.pk])).status_code == 404


def test_the_organizer_sees_scores_spread_and_progress(client, organizer, call, reviewer):
    application = ApplicationFactory(call=call)
    late = UserFactory(role=Role.REVIEWER, username="late")
    mine, _theirs = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer, late]
    )
    quality, readiness = call.criteria.all()
    reviews.score(actor=reviewer, assignment=mine, points={quality.pk: 10, readiness.pk: 5})
    client.force_login(organizer)

    detail = client.get(reverse("calls:application_detail", args=[application.pk]))
    page = detail.content.decode()
    # Numbers are shown the way the active language writes them (100,00 in Arabic).
    score, spread = formats.number_format(Decimal("100.00")), formats.number_format(Decimal("0.00"))
    assert f'id="aggregate-score">{score}<' in page and f'id="score-spread">{spread}<' in page

    progress = client.get(reverse("calls:review_progress", args=[call.event.pk]))
    rows = [(p.reviewer.username, p.remaining) for p in progress.context["progress"]]
    assert rows == [("late", 1), ("rev", 0)]
    assert progress.context["unfinished"] == 1

    client.force_login(reviewer)
    assert client.get(reverse("calls:review_progress", args=[call.event.pk])).status_code == 403
