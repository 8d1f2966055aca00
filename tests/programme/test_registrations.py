"""Registrations: capacity, the waiting list, promotion on cancellation, registering twice,
and who may register whom."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.events.models import Participation
from tadamon.programme.models import Registration
from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.services import registrations as services
from tests.factories import EventFactory, PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


@pytest.fixture
def session(event):
    return SessionFactory(event=event, capacity=2)


@pytest.fixture
def trainer(session):
    user = UserFactory(username="trainer", role=Role.TRAINER)
    session.trainers.add(user)
    return user


def _register(actor, session, count):
    return [
        services.register(actor=actor, session=session, person=PersonFactory())
        for _ in range(count)
    ]


def test_beyond_capacity_people_wait_and_a_cancellation_promotes_the_next(organizer, session):
    first, second, third, fourth = _register(organizer, session, 4)
    assert [r.status for r in (first, second, third, fourth)] == [
        Status.REGISTERED,
        Status.REGISTERED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    assert selectors.waitlist_position(third) == 1
    assert selectors.waitlist_position(fourth) == 2

    cancellation = services.cancel(actor=organizer, registration=second)
    assert cancellation.registration.status == Status.CANCELLED
    assert [r.pk for r in cancellation.promoted] == [third.pk]
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Status.REGISTERED
    assert fourth.status == Status.WAITLISTED and selectors.waitlist_position(fourth) == 1
    assert selectors.registration_counts(session) == {
        "registered": 2,
        "waitlisted": 1,
        "cancelled": 1,
    }
    assert AuditEntry.objects.filter(action="programme.registration.promoted").count() == 1


def test_cancelling_someone_waiting_promotes_nobody(organizer, session):
    _first, _second, third, fourth = _register(organizer, session, 4)
    assert services.cancel(actor=organizer, registration=third).promoted == []
    fourth.refresh_from_db()
    assert fourth.status == Status.WAITLISTED


def test_without_a_capacity_everyone_gets_a_place(organizer, event):
    session = SessionFactory(event=event, capacity=None)
    assert {r.status for r in _register(organizer, session, 40)} == {Status.REGISTERED}


def test_registering_twice_is_a_clear_error(organizer, session):
    person = PersonFactory()
    services.register(actor=organizer, session=session, person=person)
    with pytest.raises(ValidationError) as excinfo:
        services.register(actor=organizer, session=session, person=person)
    assert set(excinfo.value.message_dict) == {"person"}
    assert str(person) in excinfo.value.message_dict["person"][0]
    assert Registration.objects.count() == 1


def test_a_cancelled_person_registers_again_at_the_end_of_the_queue(organizer, session):
    first, _second, third = _register(organizer, session, 3)
    services.cancel(actor=organizer, registration=first)  # third takes the place
    again = services.register(actor=organizer, session=session, person=first.person)
    assert again.pk == first.pk and again.status == Status.WAITLISTED
    third.refresh_from_db()
    assert third.status == Status.REGISTERED


def test_cancelling_twice_is_refused(organizer, session):
    (registration,) = _register(organizer, session, 1)
    services.cancel(actor=organizer, registration=registration)
    with pytest.raises(ValidationError):
        services.cancel(actor=organizer, registration=registration)


def test_the_sessions_trainer_registers_people(trainer, session, organizer, other_org):
    # A member of an organization taking part in the event
    # (programme_access.registrable_people_for).
    Participation.objects.create(event=session.event, organization=other_org, status="confirmed")
    person = PersonFactory(organization=other_org)
    registration = services.register(actor=trainer, session=session, person=person)
    assert registration.registered_by == trainer
    other = SessionFactory(event=session.event)
    with pytest.raises(PermissionDenied):
        services.register(
            actor=trainer, session=other, person=PersonFactory(organization=other_org)
        )
    with pytest.raises(PermissionDenied):  # nor anyone of the registry
        services.register(actor=trainer, session=session, person=PersonFactory())


def test_an_exhibitor_registers_only_its_own_people(exhibitor, exhibitor_org, session):
    own = PersonFactory(organization=exhibitor_org)
    registration = services.register(actor=exhibitor, session=session, person=own)
    assert registration.status == Status.REGISTERED
    with pytest.raises(PermissionDenied):
        services.register(actor=exhibitor, session=session, person=PersonFactory())
    services.cancel(actor=exhibitor, registration=registration)


def test_an_exhibitor_cannot_register_at_an_unpublished_event(exhibitor, exhibitor_org):
    hidden = SessionFactory(event=EventFactory(is_published=False))
    with pytest.raises(PermissionDenied):
        services.register(
            actor=exhibitor, session=hidden, person=PersonFactory(organization=exhibitor_org)
        )


def test_observers_and_other_organizers_register_nobody(observer, session):
    other = UserFactory(role=Role.ORGANIZER, organization=PersonFactory().organization)
    for user in (observer, other):
        with pytest.raises(PermissionDenied):
            services.register(actor=user, session=session, person=PersonFactory())


def test_a_new_person_is_added_and_registered_all_or_nothing(organizer, session, other_org):
    registration = services.register_new_person(
        actor=organizer,
        session=session,
        fields={"first_name": "خديجة", "last_name": "أوبلا", "gender": "f"},
    )
    assert registration.person.first_name == "خديجة"
    with pytest.raises(ValidationError):
        services.register_new_person(
            actor=organizer, session=session, fields={"first_name": "", "last_name": "x"}
        )
    assert Registration.objects.count() == 1
