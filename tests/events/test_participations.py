"""Direct registration of participations: once per event, waves, capacity, permission."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.events.models import EventPartner, Participation, Wave
from tadamon.events.selectors.events import participation_counts, participation_list
from tadamon.events.services import participations as services
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 9, 30),
    )


@pytest.fixture
def july(event):
    return Wave.objects.create(
        event=event,
        label="Juillet",
        start_date=datetime.date(2025, 7, 1),
        end_date=datetime.date(2025, 7, 31),
        capacity=2,
    )


def test_register_confirmed_by_default(organizer, event, other_org):
    participation = services.register_participation(
        actor=organizer, event=event, organization=other_org
    )
    assert participation.status == Participation.Status.CONFIRMED
    assert participation.source == Participation.Source.DIRECT


def test_once_per_event_is_a_validation_error_not_an_integrity_error(organizer, event, other_org):
    services.register_participation(actor=organizer, event=event, organization=other_org)
    with pytest.raises(ValidationError) as excinfo:
        services.register_participation(
            actor=organizer, event=event, organization=other_org, status="pending"
        )
    assert set(excinfo.value.message_dict) == {"organization"}
    assert Participation.objects.count() == 1


def test_a_wave_of_another_event_is_refused(organizer, organizer_body, event, other_org):
    elsewhere = EventFactory(organizer=organizer_body)
    foreign = Wave.objects.create(
        event=elsewhere, label="x", start_date=elsewhere.start_date, end_date=elsewhere.end_date
    )
    with pytest.raises(ValidationError) as excinfo:
        services.register_participation(
            actor=organizer, event=event, organization=other_org, wave=foreign
        )
    assert set(excinfo.value.message_dict) == {"wave"}


def test_a_full_wave_takes_no_one_more_but_keeps_its_own(organizer, event, july):
    first, second, third = (OrganizationFactory() for _ in range(3))
    services.register_participation(actor=organizer, event=event, organization=first, wave=july)
    kept = services.register_participation(
        actor=organizer, event=event, organization=second, wave=july, status="pending"
    )
    with pytest.raises(ValidationError) as excinfo:
        services.register_participation(actor=organizer, event=event, organization=third, wave=july)
    assert set(excinfo.value.message_dict) == {"wave"}
    # Confirming someone already in the full wave is fine.
    services.change_participation(actor=organizer, participation=kept, status="confirmed")
    # A withdrawal frees the place.
    services.change_participation(actor=organizer, participation=kept, status="withdrawn")
    services.register_participation(actor=organizer, event=event, organization=third, wave=july)


def test_change_status_and_wave_and_remove(organizer, event, july, other_org):
    participation = services.register_participation(
        actor=organizer, event=event, organization=other_org, status="pending"
    )
    services.change_participation(
        actor=organizer, participation=participation, status="confirmed", wave=july
    )
    participation.refresh_from_db()
    assert (participation.status, participation.wave) == ("confirmed", july)
    services.change_participation(actor=organizer, participation=participation, wave=None)
    participation.refresh_from_db()
    assert participation.wave is None and participation.status == "confirmed"
    with pytest.raises(ValidationError) as excinfo:
        services.change_participation(actor=organizer, participation=participation, status="lost")
    assert set(excinfo.value.message_dict) == {"status"}
    services.remove_participation(actor=organizer, participation=participation)
    assert not Participation.objects.exists()


def test_a_new_registration_is_pending_or_confirmed(organizer, event, other_org):
    with pytest.raises(ValidationError) as excinfo:
        services.register_participation(
            actor=organizer, event=event, organization=other_org, status="withdrawn"
        )
    assert set(excinfo.value.message_dict) == {"status"}


def test_permission_other_body_no_co_organizer_yes(event, other_org):
    body = OrganizationFactory(kind=kind("public_institution"))
    stranger = UserFactory(role=Role.ORGANIZER, organization=body)
    with pytest.raises(PermissionDenied):
        services.register_participation(actor=stranger, event=event, organization=other_org)
    EventPartner.objects.create(event=event, organization=body, role="co_organizer")
    services.register_participation(actor=stranger, event=event, organization=other_org)


def test_exhibitor_cannot_register_even_itself(exhibitor, event):
    with pytest.raises(PermissionDenied):
        services.register_participation(
            actor=exhibitor, event=event, organization=exhibitor.organization
        )


def test_counts_by_status_and_wave(organizer, event, july):
    orgs = [OrganizationFactory() for _ in range(4)]
    services.register_participation(actor=organizer, event=event, organization=orgs[0], wave=july)
    services.register_participation(
        actor=organizer, event=event, organization=orgs[1], wave=july, status="pending"
    )
    services.register_participation(actor=organizer, event=event, organization=orgs[2])
    cancelled = services.register_participation(actor=organizer, event=event, organization=orgs[3])
    services.change_participation(actor=organizer, participation=cancelled, status="cancelled")
    counts = participation_counts(participation_list(user=organizer, event=event))
    assert counts["total"] == 4
    assert counts["by_status"] == {"pending": 1, "confirmed": 2, "withdrawn": 0, "cancelled": 1}
    assert counts["by_wave"][july.pk] == {"total": 2, "confirmed": 1}
    assert counts["by_wave"][None] == {"total": 2, "confirmed": 1}
