from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.awards import selectors, services
from tadamon.core.models import AuditEntry
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


def test_a_full_tie_gives_joint_winners_explained(organizer, jury):
    # Issue 15: equal means and equal lowest scores were separated by the order of
    # registration, then the name; no declared rule separates them, so both win, ex aequo.
    category, criteria, candidates, jurors = jury
    for candidate in candidates:
        _give(jurors[0], candidate, criteria, [7, 7])
    first, second = services.close_jury(category=category, actor=organizer)
    assert (first.rank, second.rank) == (1, 1)
    assert {first.organization, second.organization} == {c.organization for c in candidates}
    assert "joint rank" in first.explanation and str(second.organization) in first.explanation
    # The category has one prize: both joint winners are its winners.
    category.jury_closed_at = category.published_at = first.recorded_at
    category.save()
    winners = selectors.winners_of(category.event)
    assert [(w.rank, w.joint) for w in winners] == [(1, True), (1, True)]


def test_competition_ranking_skips_the_ranks_joint_winners_take(organizer, jury):
    category, criteria, candidates, jurors = jury
    third = services.add_candidate(
        category=category,
        actor=organizer,
        organization=exhibit(category.event, OrganizationFactory(name_fr="C"))[0],
    )
    for candidate, points in zip([*candidates, third], ([8, 8], [8, 8], [5, 5]), strict=True):
        _give(jurors[0], candidate, criteria, points)
    results = services.close_jury(category=category, actor=organizer)
    assert [(r.rank, r.organization.name_fr) for r in results] == [(1, "A"), (1, "B"), (3, "C")]


def test_a_jury_without_any_score_closes_only_when_confirmed(organizer, jury):
    # Issue 15: a jury closed with zero scores was accepted silently.
    category = jury[0]
    with pytest.raises(ValidationError) as caught:
        services.close_jury(category=category, actor=organizer)
    assert "confirm_without_scores" in caught.value.message_dict
    assert "No juror has given any score" in caught.value.message_dict["confirm_without_scores"][0]
    category.refresh_from_db()
    assert category.jury_closed_at is None
    closed = services.close_jury(category=category, actor=organizer, confirm_without_scores=True)
    assert closed == []
    category.refresh_from_db()
    assert category.jury_closed_at is not None


def test_the_jury_work_is_in_the_audit_trail(organizer, jury):
    """Criteria, candidates and scores are changes like any other (issue 16): the trail had
    none of them."""
    category, criteria, candidates, jurors = jury
    added = AuditEntry.objects.filter(action="award.criterion.added", event_id=category.event_id)
    assert sorted(entry.object_id for entry in added) == sorted(str(c.pk) for c in criteria)
    proposed = AuditEntry.objects.filter(action="award.candidate.added")
    assert {entry.object_id for entry in proposed} == {str(c.pk) for c in candidates}
    assert {entry.actor for entry in added | proposed} == {organizer}
    _give(jurors[0], candidates[0], criteria[:1], [7])
    _give(jurors[0], candidates[0], criteria[:1], [9])  # a changed mind
    scored = AuditEntry.objects.filter(action="award.jury.scored").order_by("pk")
    assert [entry.actor for entry in scored] == [jurors[0], jurors[0]]
    assert scored[0].changes["points"] == [None, "7.00"]
    assert scored[1].changes == {"points": ["7.00", "9.00"]}
    assert scored[1].event_id == category.event_id


def test_assigning_a_juror_is_one_transaction(organizer, jury, monkeypatch):
    """The juror and its entry are written together: a failing entry leaves no juror."""
    category, _criteria, _candidates, _jurors = jury
    newcomer = UserFactory(role=Role.REVIEWER, organization=None)

    def broken(**kwargs):
        raise RuntimeError("the trail is down")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.assign_juror(category=category, user=newcomer, actor=organizer)
    assert not category.jurors.filter(user=newcomer).exists()
