import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.workflow import ALLOWED, can_transition, transition
from tadamon.core.models import AuditEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_every_status_has_its_transitions_declared():
    assert set(ALLOWED) == set(S.values)
    assert all(targets <= set(S.values) for targets in ALLOWED.values())


def test_the_main_path_to_confirmation(organizer):
    application = ApplicationFactory(status=S.DRAFT)
    for status in (S.SUBMITTED, S.UNDER_REVIEW, S.ACCEPTED, S.CONFIRMED):
        transition(application, status, actor=organizer)
    application.refresh_from_db()
    assert application.status == S.CONFIRMED
    assert application.submitted_at and application.decided_at
    assert AuditEntry.objects.filter(object_id=str(application.pk)).count() == 4


@pytest.mark.parametrize(
    ("start", "illegal"),
    [
        (S.REJECTED, S.CONFIRMED),
        (S.DRAFT, S.ACCEPTED),
        (S.WITHDRAWN, S.SUBMITTED),
        (S.WAITLISTED, S.CONFIRMED),
        (S.EXPIRED, S.ACCEPTED),
    ],
)
def test_illegal_transitions_are_refused_with_a_message_on_status(organizer, start, illegal):
    application = ApplicationFactory(status=start)
    assert not can_transition(application, illegal)
    with pytest.raises(ValidationError) as error:
        transition(application, illegal, actor=organizer)
    assert "status" in error.value.message_dict
    application.refresh_from_db()
    assert application.status == start


def test_an_offer_needs_a_deadline_and_loses_it_when_answered(organizer):
    application = ApplicationFactory(status=S.WAITLISTED)
    application.offer_expires_at = timezone.now() + datetime.timedelta(days=3)
    transition(application, S.OFFERED, actor=organizer)
    transition(application, S.ACCEPTED, actor=organizer)
    application.refresh_from_db()
    assert application.offer_expires_at is None
