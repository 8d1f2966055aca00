"""Who is eligible: at least N sessions, every session, by hand; exhibitors; partners."""

import pytest
from django.core.exceptions import ValidationError

from tadamon.events.models import EventPartner, Participation
from tadamon.programme.certificates import eligibility
from tadamon.programme.models import CertificateRule
from tests.factories import OrganizationFactory
from tests.programme.certificate_support import attendee, programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return programme(organizer_body, sessions=3)


@pytest.fixture
def people(event):
    """Three people who attended 1, 2 and 3 of the 3 sessions."""
    return [attendee(event, count) for count in (1, 2, 3)]


def eligible(event) -> set:
    return set(eligibility.eligible_people(event))


def test_without_settings_one_session_is_enough(event, people):
    assert eligible(event) == set(people)


def test_at_least_n_sessions(event, people):
    CertificateRule.objects.create(event=event, rule="min_sessions", min_sessions=2)
    assert eligible(event) == {people[1], people[2]}
    with pytest.raises(ValidationError) as error:
        eligibility.check_holder(event, "attendance", people[0])
    assert "person" in error.value.message_dict
    eligibility.check_holder(event, "attendance", people[1])


def test_all_sessions(event, people):
    CertificateRule.objects.create(event=event, rule="all_sessions")
    assert eligible(event) == {people[2]}
    with pytest.raises(ValidationError):
        eligibility.check_holder(event, "attendance", people[1])


def test_by_hand_nobody_is_eligible_for_the_batch_but_any_attendee_may_be_chosen(event, people):
    CertificateRule.objects.create(event=event, rule="by_hand")
    assert eligible(event) == set()
    assert set(eligibility.candidates(event, "attendance")) == set(people)
    eligibility.check_holder(event, "attendance", people[0])


def test_someone_who_attended_nothing_never_qualifies(event, people):
    stranger = attendee(event, 0)
    CertificateRule.objects.create(event=event, rule="by_hand")
    with pytest.raises(ValidationError):
        eligibility.check_holder(event, "attendance", stranger)


def test_attendance_elsewhere_does_not_count(organizer_body, event, people):
    other = programme(organizer_body, sessions=2)
    assert eligibility.eligible_people(other).count() == 0


def test_participation_needs_a_confirmed_participation(event):
    confirmed, pending = OrganizationFactory(), OrganizationFactory()
    Participation.objects.create(event=event, organization=confirmed, status="confirmed")
    Participation.objects.create(event=event, organization=pending, status="pending")
    assert set(eligibility.eligible_holders(event, "participation")) == {confirmed}
    with pytest.raises(ValidationError) as error:
        eligibility.check_holder(event, "participation", pending)
    assert "organization" in error.value.message_dict


def test_appreciation_goes_to_partners(event):
    partner = OrganizationFactory()
    EventPartner.objects.create(event=event, organization=partner, role="institutional_partner")
    assert set(eligibility.eligible_holders(event, "appreciation")) == {partner}
    with pytest.raises(ValidationError):
        eligibility.check_holder(event, "appreciation", OrganizationFactory())


def test_a_person_cannot_hold_an_organization_certificate(event, people):
    with pytest.raises(ValidationError):
        eligibility.check_holder(event, "participation", people[0])
