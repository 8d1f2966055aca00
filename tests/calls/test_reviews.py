from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.models import ReviewAssignment, ScoringCriterion
from tadamon.calls.selectors import reviews as selectors
from tadamon.calls.services import reviews
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(organizer_body):
    return CallFactory(event=EventFactory(organizer=organizer_body))


@pytest.fixture
def criteria(call):
    return [
        ScoringCriterion.objects.create(call=call, name_fr="Qualité", weight=2, max_points=10),
        ScoringCriterion.objects.create(call=call, name_fr="Valeur locale", weight=1, max_points=5),
    ]


def _reviewer(**kwargs):
    return UserFactory(role=Role.REVIEWER, **kwargs)


def test_a_reviewer_is_never_assigned_to_their_own_organization(call, organizer):
    applicant = OrganizationFactory()
    insider = _reviewer(first_name="Salma", last_name="Bennani", organization=applicant)
    outsider = _reviewer()
    application = ApplicationFactory(call=call, organization=applicant)

    with pytest.raises(ValidationError) as error:
        reviews.assign_reviewers(
            actor=organizer, applications=[application], reviewers=[outsider, insider]
        )

    [message] = error.value.message_dict["reviewers"]
    assert "Salma Bennani" in message
    assert not ReviewAssignment.objects.exists()


def test_only_reviewers_or_the_events_organizers_review(call, organizer, exhibitor, observer):
    application = ApplicationFactory(call=call)
    outside_organizer = UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())
    for user in (exhibitor, observer, outside_organizer):
        with pytest.raises(ValidationError):
            reviews.assign_reviewers(actor=organizer, applications=[application], reviewers=[user])

    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[organizer]
    )
    assert assignment.reviewer == organizer


def test_assigning_starts_the_review_and_is_idempotent(call, organizer):
    application = ApplicationFactory(call=call, status=S.SUBMITTED)
    reviewer = _reviewer()
    reviews.assign_reviewers(actor=organizer, applications=[application], reviewers=[reviewer])
    again = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    application.refresh_from_db()
    assert application.status == S.UNDER_REVIEW and again == []
    assert ReviewAssignment.objects.count() == 1


def test_only_managers_assign_and_only_submitted_applications(call, organizer, exhibitor):
    reviewer = _reviewer()
    with pytest.raises(PermissionDenied):
        reviews.assign_reviewers(
            actor=exhibitor, applications=[ApplicationFactory(call=call)], reviewers=[reviewer]
        )
    with pytest.raises(ValidationError) as error:
        reviews.assign_reviewers(
            actor=organizer,
            applications=[ApplicationFactory(call=call, status=S.DRAFT)],
            reviewers=[reviewer],
        )
    assert "status" in error.value.message_dict


def test_round_robin_shares_the_work_and_skips_own_organization(call, organizer):
    applicant = OrganizationFactory()
    a, b = _reviewer(), _reviewer()
    c = _reviewer(organization=applicant)
    applications = [ApplicationFactory(call=call) for _ in range(5)]
    applications.append(ApplicationFactory(call=call, organization=applicant))

    result = reviews.assign_round_robin(
        actor=organizer, call=call, reviewers=[a, b, c], per_application=2
    )

    assert len(result.created) == 12 and result.short == []
    for application in applications:
        assert application.assignments.count() == 2
    assert not ReviewAssignment.objects.filter(
        application__organization=applicant, reviewer=c
    ).exists()
    loads = sorted(ReviewAssignment.objects.filter(reviewer=r).count() for r in (a, b, c))
    assert loads == [4, 4, 4]


def test_round_robin_reports_applications_left_short(call, organizer):
    applicant = OrganizationFactory()
    a = _reviewer(organization=applicant)
    b = _reviewer()
    short = ApplicationFactory(call=call, organization=applicant)

    result = reviews.assign_round_robin(
        actor=organizer, call=call, reviewers=[a, b], per_application=2
    )

    assert result.short == [short]
    with pytest.raises(ValidationError) as error:
        reviews.assign_round_robin(actor=organizer, call=call, reviewers=[a], per_application=2)
    assert "per_application" in error.value.message_dict


def test_scores_aggregate_and_spread(call, organizer, criteria):
    quality, local = criteria
    application = ApplicationFactory(call=call)
    first, second = _reviewer(), _reviewer()
    one, two = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[first, second]
    )

    # (2·10/10 + 1·5/5) / 3 × 100 = 100 ; (2·5/10 + 1·1/5) / 3 × 100 = 40
    reviews.score(actor=first, assignment=one, points={quality.pk: 10, local.pk: 5})
    application.refresh_from_db()
    assert application.score == Decimal("100.00")
    reviews.score(actor=second, assignment=two, points={str(quality.pk): 5, str(local.pk): 1})

    application.refresh_from_db()
    assert application.score == Decimal("70.00")
    summary = selectors.review_summary(application)
    assert [review.total for review in summary.reviews] == [Decimal("100.00"), Decimal("40.00")]
    assert summary.spread == Decimal("60.00") and summary.completed == 2


def test_scores_are_rounded_to_two_decimals(call, organizer):
    criterion = ScoringCriterion.objects.create(call=call, name_fr="Q", weight=1, max_points=3)
    application = ApplicationFactory(call=call)
    reviewer = _reviewer()
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    reviews.score(actor=reviewer, assignment=assignment, points={criterion.pk: 2})
    application.refresh_from_db()
    assert application.score == Decimal("66.67")


def test_only_the_assigned_reviewer_scores(call, organizer, criteria):
    application = ApplicationFactory(call=call)
    reviewer = _reviewer()
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    points = {c.pk: 1 for c in criteria}
    for user in (organizer, _reviewer()):
        with pytest.raises(PermissionDenied):
            reviews.score(actor=user, assignment=assignment, points=points)


def test_a_reviewer_who_joined_the_applicant_cannot_score_it(call, organizer, criteria):
    application = ApplicationFactory(call=call)
    reviewer = _reviewer()
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    reviewer.organization = application.organization
    reviewer.save()
    with pytest.raises(PermissionDenied):
        reviews.score(actor=reviewer, assignment=assignment, points={c.pk: 1 for c in criteria})


def test_points_are_checked_and_every_criterion_is_needed(call, organizer, criteria):
    quality, local = criteria
    application = ApplicationFactory(call=call)
    reviewer = _reviewer()
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    for points in ({quality.pk: 11, local.pk: 1}, {quality.pk: 3}, {quality.pk: 3, 999: 1}):
        with pytest.raises(ValidationError) as error:
            reviews.score(actor=reviewer, assignment=assignment, points=points)
        assert "scores" in error.value.message_dict
    assignment.refresh_from_db()
    assert assignment.completed_at is None


def test_review_progress_shows_who_has_not_finished(call, organizer, criteria, exhibitor):
    done, late = _reviewer(username="done"), _reviewer(username="late")
    applications = [ApplicationFactory(call=call) for _ in range(2)]
    assignments = reviews.assign_reviewers(
        actor=organizer, applications=applications, reviewers=[done, late]
    )
    for assignment in assignments:
        if assignment.reviewer == done:
            reviews.score(actor=done, assignment=assignment, points={c.pk: 1 for c in criteria})

    progress = selectors.review_progress(user=organizer, call=call)

    assert [(p.reviewer.username, p.assigned, p.completed) for p in progress] == [
        ("late", 2, 0),
        ("done", 2, 2),
    ]
    assert progress[1].finished and not progress[0].finished
    with pytest.raises(PermissionDenied):
        selectors.review_progress(user=exhibitor, call=call)


def test_a_reviewer_sees_only_their_assignments(call, organizer):
    reviewer = _reviewer()
    mine, other = ApplicationFactory(call=call), ApplicationFactory(call=call)
    reviews.assign_reviewers(actor=organizer, applications=[mine], reviewers=[reviewer])
    reviews.assign_reviewers(actor=organizer, applications=[other], reviewers=[_reviewer()])

    assert [a.application for a in selectors.assignments_of(user=reviewer)] == [mine]
