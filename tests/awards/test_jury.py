from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.awards import selectors, services
from tests.awards.support import event_of, exhibit
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury(organizer, organizer_body):
    """Best product: two criteria (weights 2 and 1), two candidates, two jurors."""
    event = event_of(organizer_body)
    services.create_from_template(event=event, actor=organizer)
    category = event.award_categories.get(code="best_product")
    first, second = exhibit(
        event, OrganizationFactory(name_fr="B"), OrganizationFactory(name_fr="A")
    )
    quality = services.add_criterion(
        category=category, actor=organizer, name_fr="Qualité", weight=Decimal(2)
    )
    looks = services.add_criterion(category=category, actor=organizer, name_fr="Présentation")
    candidates = [
        services.add_candidate(category=category, actor=organizer, organization=org)
        for org in (first, second)
    ]
    jurors = [UserFactory(role=Role.REVIEWER, organization=None) for _ in range(2)]
    for user in jurors:
        services.assign_juror(category=category, user=user, actor=organizer)
    return category, (quality, looks), candidates, jurors


def _give(juror, candidate, criteria, points):
    for criterion, value in zip(criteria, points, strict=True):
        services.score(
            juror_user=juror, candidate=candidate, criterion=criterion, points=Decimal(value)
        )


def test_a_juror_cannot_be_assigned_to_judge_their_own_organization(organizer, jury):
    category, _criteria, candidates, _jurors = jury
    insider = UserFactory(role=Role.REVIEWER, organization=candidates[0].organization)
    with pytest.raises(ValidationError) as caught:
        services.assign_juror(category=category, user=insider, actor=organizer)
    assert "juror" in caught.value.message_dict


def test_a_juror_cannot_score_their_own_organization(organizer, jury):
    category, criteria, candidates, jurors = jury
    # The juror moved to a candidate organization after being assigned.
    jurors[0].organization = candidates[1].organization
    jurors[0].save()
    with pytest.raises(PermissionDenied):
        _give(jurors[0], candidates[1], criteria, [5, 5])
    assert not category.candidates.get(pk=candidates[1].pk).scores.exists()


def test_only_jurors_score_and_points_stay_in_range(organizer, exhibitor, jury):
    _category, criteria, candidates, jurors = jury
    with pytest.raises(PermissionDenied):
        _give(exhibitor, candidates[0], criteria[:1], [5])
    with pytest.raises(ValidationError) as caught:
        _give(jurors[0], candidates[0], criteria[:1], [11])
    assert "points" in caught.value.message_dict


def test_scores_are_hidden_from_other_jurors_until_the_jury_closes(organizer, jury):
    category, criteria, candidates, jurors = jury
    _give(jurors[0], candidates[0], criteria, [8, 8])
    _give(jurors[1], candidates[0], criteria, [6, 6])
    assert {s.juror.user for s in selectors.visible_scores(user=jurors[1], category=category)} == {
        jurors[1]
    }
    services.close_jury(category=category, actor=organizer)
    category.refresh_from_db()
    assert selectors.visible_scores(user=jurors[1], category=category).count() == 4
    with pytest.raises(ValidationError):
        _give(jurors[0], candidates[1], criteria, [9, 9])


def test_ranking_by_weighted_mean(organizer, jury):
    category, criteria, candidates, jurors = jury
    _give(jurors[0], candidates[0], criteria, [10, 4])  # (2×10 + 4) / 30 = 80
    _give(jurors[1], candidates[0], criteria, [10, 4])
    _give(jurors[0], candidates[1], criteria, [6, 10])  # (12 + 10) / 30 = 73.33
    _give(jurors[1], candidates[1], criteria, [6, 10])

    first, second = services.close_jury(category=category, actor=organizer)

    assert (first.organization, first.score) == (candidates[0].organization, Decimal("80.00"))
    assert (second.rank, second.score) == (2, Decimal("73.33"))


def test_a_tie_is_broken_by_the_lowest_juror_score_and_explained(organizer, jury):
    category, criteria, candidates, jurors = jury
    _give(jurors[0], candidates[0], criteria, [10, 10])  # 100 and 50: mean 75, lowest 50
    _give(jurors[1], candidates[0], criteria, [5, 5])
    _give(jurors[0], candidates[1], criteria, [8, 5])  # 70 and 80: mean 75, lowest 70
    _give(jurors[1], candidates[1], criteria, [10, 4])

    first, second = services.close_jury(category=category, actor=organizer)

    assert first.score == second.score == Decimal("75.00")
    assert first.organization == candidates[1].organization
    assert "lowest juror score" in first.explanation
    assert str(candidates[0].organization) in first.explanation


def test_a_full_tie_falls_back_on_the_earlier_participation(organizer, jury):
    category, criteria, candidates, jurors = jury
    for candidate in candidates:
        _give(jurors[0], candidate, criteria, [7, 7])
    first, _second = services.close_jury(category=category, actor=organizer)
    assert first.organization == candidates[0].organization
    assert "earlier participation" in first.explanation
