import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.calls.models import ReviewAssignment, Score
from tadamon.calls.services import calls, reviews
from tadamon.core.models import AuditEntry
from tadamon.events.models import Booth, Wave
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    UserFactory,
    kind,
    region,
    sector,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    today = timezone.localdate()
    return EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=120),
    )


def _dates(**overrides):
    today = timezone.localdate()
    return {"opens_on": today, "closes_on": today + datetime.timedelta(days=10), **overrides}


def _waves(event, count, capacity=None):
    for number in range(count):
        start = event.start_date + datetime.timedelta(days=30 * number)
        Wave.objects.create(
            event=event,
            label=f"M{number + 1}",
            start_date=start,
            end_date=start + datetime.timedelta(days=29),
            capacity=capacity,
        )


def _booths(event, count):
    Booth.objects.bulk_create(Booth(event=event, code=f"B{n}") for n in range(count))


def test_capacity_defaults_to_booths_times_waves(organizer, event):
    _booths(event, 60)
    _waves(event, 3)

    call = calls.open_call(actor=organizer, event=event, fields=_dates())

    assert call.capacity == 180


def test_capacity_without_waves_is_the_booths_and_can_be_given(organizer, event):
    _booths(event, 52)
    assert calls.default_capacity(event) == 52

    call = calls.open_call(actor=organizer, event=event, fields=_dates(capacity=40))

    assert call.capacity == 40


def test_without_booths_the_capacity_must_be_given(organizer, event):
    with pytest.raises(ValidationError) as error:
        calls.open_call(actor=organizer, event=event, fields=_dates())
    assert "capacity" in error.value.message_dict


def test_eligibility_rules_are_stored(organizer, event):
    call = calls.open_call(
        actor=organizer,
        event=event,
        fields=_dates(capacity=10, microcredit_only=True, founded_before=2020, offer_days=5),
        kinds=[kind("cooperative")],
        regions=[region("01")],
        sectors=[sector("textile")],
    )
    call.refresh_from_db()
    assert call.microcredit_only and call.founded_before == 2020 and call.offer_days == 5
    assert list(call.eligible_kinds.values_list("code", flat=True)) == ["cooperative"]
    assert list(call.eligible_regions.values_list("code", flat=True)) == ["01"]
    assert list(call.eligible_sectors.values_list("code", flat=True)) == ["textile"]


def test_dates_are_checked(organizer, event):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        calls.open_call(
            actor=organizer,
            event=event,
            fields=_dates(capacity=5, closes_on=today - datetime.timedelta(days=1)),
        )
    assert "closes_on" in error.value.message_dict

    with pytest.raises(ValidationError) as error:
        calls.open_call(
            actor=organizer,
            event=event,
            fields=_dates(capacity=5, closes_on=event.end_date + datetime.timedelta(days=1)),
        )
    assert "closes_on" in error.value.message_dict


def test_only_managers_open_and_change_calls(organizer, exhibitor, event):
    other_organizer = UserFactory(role="organizer", organization=EventFactory().organizer)
    for user in (exhibitor, other_organizer):
        with pytest.raises(PermissionDenied):
            calls.open_call(actor=user, event=event, fields=_dates(capacity=5))
    call = calls.open_call(actor=organizer, event=event, fields=_dates(capacity=5))
    with pytest.raises(PermissionDenied):
        calls.update_call(actor=other_organizer, call=call, fields={"capacity": 9})


def test_one_call_per_event(organizer, event):
    calls.open_call(actor=organizer, event=event, fields=_dates(capacity=5))
    with pytest.raises(ValidationError) as error:
        calls.open_call(actor=organizer, event=event, fields=_dates(capacity=5))
    assert "event" in error.value.message_dict


def test_update_changes_only_what_is_given(organizer, event):
    call = calls.open_call(
        actor=organizer, event=event, fields=_dates(capacity=5), regions=[region("01")]
    )

    calls.update_call(actor=organizer, call=call, fields={"capacity": 12, "offer_days": 2})

    call.refresh_from_db()
    assert call.capacity == 12 and call.offer_days == 2
    assert list(call.eligible_regions.values_list("code", flat=True)) == ["01"]
    entry = AuditEntry.objects.get(action="events.call.changed")
    assert entry.data["fields"] == ["capacity", "offer_days"]
    assert entry.changes == {"capacity": [5, 12], "offer_days": [3, 2]}


def test_criteria_are_replaced_and_scores_follow_new_weights(organizer, event):
    call = CallFactory(event=event)
    quality, readiness = calls.set_criteria(
        actor=organizer,
        call=call,
        criteria=[
            {"name_ar": "جودة المنتوج", "name_fr": "Qualité", "weight": 3, "max_points": 10},
            {"name_fr": "Préparation", "weight": 1, "max_points": 5},
        ],
    )
    reviewer = UserFactory(role="reviewer")
    application = ApplicationFactory(call=call)
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    reviews.score(actor=reviewer, assignment=assignment, points={quality: 10, readiness: 0})
    application.refresh_from_db()
    assert application.score == Decimal("75.00")

    calls.set_criteria(
        actor=organizer,
        call=call,
        criteria=[
            {"id": quality.pk, "name_fr": "Qualité", "weight": 1, "max_points": 10},
            {"id": readiness.pk, "name_fr": "Préparation", "weight": 1, "max_points": 5},
        ],
    )

    application.refresh_from_db()
    assert application.score == Decimal("50.00")
    assert Score.objects.filter(assignment=assignment).count() == 2


def test_a_scored_criterion_cannot_be_removed_and_a_new_one_reopens_reviews(organizer, event):
    call = CallFactory(event=event)
    [quality] = calls.set_criteria(
        actor=organizer, call=call, criteria=[{"name_fr": "Qualité", "weight": 1}]
    )
    reviewer = UserFactory(role="reviewer")
    application = ApplicationFactory(call=call)
    [assignment] = reviews.assign_reviewers(
        actor=organizer, applications=[application], reviewers=[reviewer]
    )
    reviews.score(actor=reviewer, assignment=assignment, points={quality.pk: 7})

    with pytest.raises(ValidationError) as error:
        calls.set_criteria(actor=organizer, call=call, criteria=[])
    assert "criteria" in error.value.message_dict

    calls.set_criteria(
        actor=organizer,
        call=call,
        criteria=[
            {"id": quality.pk, "name_fr": "Qualité", "weight": 1},
            {"name_fr": "Neuf", "weight": 1},
        ],
    )
    assert ReviewAssignment.objects.get(pk=assignment.pk).completed_at is None


def test_criteria_need_a_name_and_a_positive_total_weight(organizer, event):
    call = CallFactory(event=event)
    with pytest.raises(ValidationError) as error:
        calls.set_criteria(actor=organizer, call=call, criteria=[{"weight": 1}])
    assert "criteria" in error.value.message_dict
    with pytest.raises(ValidationError):
        calls.set_criteria(actor=organizer, call=call, criteria=[{"name_fr": "A", "weight": 0}])
