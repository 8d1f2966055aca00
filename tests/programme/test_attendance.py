"""Check-in as a service: recorded once however often it is sent, and only by those allowed."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.core.models import AuditEntry
from tadamon.events.models import EventKind, EventPartner
from tadamon.programme import access as programme_access
from tadamon.programme.models import Attendance, Registration
from tadamon.programme.services import attendance as services
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body, kind=EventKind.TRAINING_PROGRAMME)


@pytest.fixture
def session(event):
    return SessionFactory(event=event)


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER)


def test_the_same_person_checked_in_twice_counts_once(organizer, session):
    person = PersonFactory()
    first, created = services.check_in(session=session, person=person, actor=organizer)
    later = timezone.now() - datetime.timedelta(minutes=1)
    second, created_again = services.check_in(
        session=session, person=person, actor=organizer, checked_in_at=later
    )
    assert (created, created_again) == (True, False)
    assert second.pk == first.pk
    assert second.checked_in_at == first.checked_in_at  # the repeat changed nothing
    assert Attendance.objects.count() == 1
    assert AuditEntry.objects.filter(action="programme.attendance.checked_in").count() == 1


def test_the_same_offline_check_in_sent_three_times_counts_once(organizer, session):
    person = PersonFactory()
    device_id = uuid.uuid4()
    tapped = timezone.now() - datetime.timedelta(hours=1)
    answers = [
        services.check_in(
            session=session,
            person=person,
            actor=organizer,
            checked_in_at=tapped,
            client_uuid=device_id,
        )
        for _ in range(3)
    ]
    assert [created for _, created in answers] == [True, False, False]
    attendance = Attendance.objects.get()
    assert attendance.client_uuid == device_id
    assert attendance.checked_in_at == tapped  # the time of the tap, not of the sending
    assert attendance.checked_in_by == organizer


def test_a_race_past_the_first_read_answers_the_row_already_written(
    organizer, session, monkeypatch
):
    person = PersonFactory()
    winner = Attendance.objects.create(session=session, person=person, checked_in_at=timezone.now())
    real_existing = services._existing
    reads = []

    def stale_then_real(session_, person_):
        # The first read happens "before" the other request committed its row.
        reads.append(person_)
        return None if len(reads) == 1 else real_existing(session_, person_)

    monkeypatch.setattr(services, "_existing", stale_then_real)
    attendance, created = services.check_in(session=session, person=person, actor=organizer)
    assert (attendance.pk, created) == (winner.pk, False)
    assert len(reads) == 2
    assert Attendance.objects.count() == 1


def test_a_device_id_reused_for_another_person_is_refused(organizer, session):
    device_id = uuid.uuid4()
    services.check_in(
        session=session, person=PersonFactory(), actor=organizer, client_uuid=device_id
    )
    with pytest.raises(ValidationError) as error:
        services.check_in(
            session=session, person=PersonFactory(), actor=organizer, client_uuid=device_id
        )
    assert "client_uuid" in error.value.message_dict
    assert Attendance.objects.count() == 1


def test_a_phone_clock_ahead_never_records_a_future_time(organizer, session):
    ahead = timezone.now() + datetime.timedelta(days=2)
    attendance, _ = services.check_in(
        session=session, person=PersonFactory(), actor=organizer, checked_in_at=ahead
    )
    assert attendance.checked_in_at <= timezone.now()


def test_a_trainer_checks_in_only_at_their_own_sessions(event, trainer):
    own = SessionFactory(event=event, trainers=[trainer])
    other = SessionFactory(event=event)
    person = PersonFactory()
    Registration.objects.create(session=own, person=person)
    Registration.objects.create(session=other, person=person)

    assert list(programme_access.checkin_sessions_for(trainer)) == [own]
    assert programme_access.can_check_in(trainer, own) and not programme_access.can_check_in(
        trainer, other
    )
    services.check_in(session=own, person=person, actor=trainer)
    with pytest.raises(PermissionDenied):
        services.check_in(session=other, person=person, actor=trainer)
    assert list(Attendance.objects.values_list("session_id", flat=True)) == [own.pk]


def test_a_trainer_checks_in_registered_people_not_strangers(event, trainer):
    session = SessionFactory(event=event, trainers=[trainer])
    registered = PersonFactory()
    Registration.objects.create(session=session, person=registered)
    stranger = PersonFactory()  # of an organization the trainer does not see

    assert services.resolve_person(actor=trainer, session=session, person_id=registered.pk)
    with pytest.raises(ValidationError) as error:
        services.resolve_person(actor=trainer, session=session, person_id=stranger.pk)
    assert "person" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.check_in(session=session, person=stranger, actor=trainer)


def test_a_badge_code_identifies_the_person(organizer, event, session):
    person = PersonFactory()
    other_session = SessionFactory(event=event)
    registration = Registration.objects.create(session=other_session, person=person)
    # A badge of another session of the same event still names the person.
    found = services.resolve_person(actor=organizer, session=session, code=registration.code)
    assert found == person
    with pytest.raises(ValidationError) as error:
        services.resolve_person(actor=organizer, session=session, code=uuid.uuid4())
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.resolve_person(actor=organizer, session=session)
    assert "person" in error.value.message_dict


def test_gate_agents_check_in_at_the_published_events_of_their_organization(organizer_body):
    agent = UserFactory(role=Role.GATE_AGENT, organization=organizer_body)
    published = SessionFactory(event=EventFactory(organizer=organizer_body))
    draft = SessionFactory(event=EventFactory(organizer=organizer_body, is_published=False))
    foreign = SessionFactory(event=EventFactory())
    co_organized_event = EventFactory()
    EventPartner.objects.create(
        event=co_organized_event,
        organization=organizer_body,
        role=EventPartner.Role.CO_ORGANIZER,
    )
    co_organized = SessionFactory(event=co_organized_event)

    allowed = set(programme_access.checkin_sessions_for(agent))
    assert allowed == {published, co_organized}
    assert draft not in allowed and foreign not in allowed
    # Gate agents check in; taking a check-in back is not theirs to do.
    assert not programme_access.can_undo_check_in(agent, published)


def test_exhibitors_and_observers_do_not_check_in(exhibitor, observer, session):
    for user in (exhibitor, observer):
        assert not programme_access.can_check_in(user, session)
        with pytest.raises(PermissionDenied):
            services.check_in(session=session, person=PersonFactory(), actor=user)


def test_undoing_a_check_in_is_audited_and_kept_to_managers_and_trainers(
    organizer, event, trainer, organizer_body
):
    session = SessionFactory(event=event, trainers=[trainer])
    agent = UserFactory(role=Role.GATE_AGENT, organization=organizer_body)
    attendance, _ = services.check_in(session=session, person=PersonFactory(), actor=organizer)
    with pytest.raises(PermissionDenied):
        services.undo_check_in(attendance=attendance, actor=agent)
    services.undo_check_in(attendance=attendance, actor=trainer)
    assert not Attendance.objects.exists()
    entry = AuditEntry.objects.get(action="programme.attendance.undone")
    assert entry.actor == trainer
    assert entry.data["person"] == attendance.person_id


def test_a_foreign_organizer_cannot_check_in(event, session):
    foreign_body = OrganizationFactory()
    foreign = UserFactory(role=Role.ORGANIZER, organization=foreign_body)
    assert not programme_access.can_check_in(foreign, session)
