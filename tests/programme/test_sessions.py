"""Sessions: the services' rules (dates within the event, commune, trainers, capacity,
deletion) and who may see and change them (scoping)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.events.models import EventKind
from tadamon.programme import access as programme_access
from tadamon.programme.models import Attendance, Registration, Session, Topic
from tadamon.programme.selectors import sessions as selectors
from tadamon.programme.services import registrations as registration_services
from tadamon.programme.services import sessions as services
from tadamon.registry.models import Province
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
    region,
    topic,
)

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, month: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2024, month, day, hour))


@pytest.fixture
def programme(organizer_body):
    """E5's shape: training days in the province of Azilal, 26 Sept – 15 Oct."""
    return EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        region=region("05"),
        province=Province.objects.get(code="05.02"),
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )


@pytest.fixture
def trainer(db):
    return UserFactory(username="trainer", role=Role.TRAINER, first_name="Amina")


def _fields(**overrides):
    return {
        "kind": "training",
        "title_ar": "التدبير الإداري والمالي",
        "title_fr": "Gestion administrative et financière",
        "starts_at": at(26, 9),
        "ends_at": at(26, 13),
        "commune_name": "Tabant",
        "capacity": 30,
        **overrides,
    }


def test_the_topic_taxonomy_is_loaded():
    codes = set(Topic.objects.values_list("code", flat=True))
    assert {
        "entrepreneurship",
        "marketing",
        "digital_marketing",
        "administrative_legal",
        "financial_management",
        "weaving_textile",
        "quality_standards",
        "export",
        "logistics",
        "commercial_strategy",
        "packaging",
        "product_photography",
        "cooperative_governance",
        "other",
    } <= codes
    weaving = topic("weaving_textile")
    assert weaving.name_ar and weaving.name_fr and weaving.name_en


def test_organizer_creates_a_session_with_topics_trainers_and_a_known_commune(
    organizer, programme, trainer
):
    session = services.create_session(
        actor=organizer,
        event=programme,
        fields=_fields(),
        topics=[topic("financial_management"), topic("administrative_legal")],
        trainers=[trainer],
    )
    assert session.commune is not None and session.commune.name_fr == "Tabant"
    assert session.commune_name == "Tabant"  # as typed, next to the reference row
    assert set(session.topics.values_list("code", flat=True)) == {
        "financial_management",
        "administrative_legal",
    }
    assert list(session.trainers.all()) == [trainer]


def test_an_unknown_commune_is_kept_as_typed(organizer, programme):
    session = services.create_session(
        actor=organizer, event=programme, fields=_fields(commune_name="Douar Imi n'Ifri")
    )
    assert session.commune is None and session.commune_label == "Douar Imi n'Ifri"


def test_a_naive_time_is_read_as_local_time(organizer, programme):
    session = services.create_session(
        actor=organizer,
        event=programme,
        fields=_fields(
            starts_at=datetime.datetime(2024, 9, 26, 9), ends_at=datetime.datetime(2024, 9, 26, 12)
        ),
    )
    assert timezone.localtime(session.starts_at).hour == 9


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        (at(25, 9), at(25, 12), "starts_at"),  # the day before the event
        (at(15, 9, month=10), at(16, 9, month=10), "ends_at"),  # ends after the event
        (at(16, 9, month=10), at(16, 12, month=10), "starts_at"),
    ],
)
def test_a_session_lies_within_the_event(organizer, programme, starts, ends, field):
    with pytest.raises(ValidationError) as excinfo:
        services.create_session(
            actor=organizer, event=programme, fields=_fields(starts_at=starts, ends_at=ends)
        )
    assert field in excinfo.value.message_dict
    assert "2024-09-26" in " ".join(excinfo.value.message_dict[field])
    assert not Session.objects.exists()


def test_a_session_ends_after_it_starts_and_has_a_title(organizer, programme):
    with pytest.raises(ValidationError) as excinfo:
        services.create_session(
            actor=organizer,
            event=programme,
            fields=_fields(title_ar="", title_fr="", ends_at=at(26, 8)),
        )
    assert {"title_ar", "ends_at"} <= set(excinfo.value.message_dict)


def test_only_users_with_the_trainer_role_are_trainers(organizer, programme, exhibitor):
    with pytest.raises(ValidationError) as excinfo:
        services.create_session(
            actor=organizer, event=programme, fields=_fields(), trainers=[exhibitor]
        )
    assert set(excinfo.value.message_dict) == {"trainers"}


def test_capacity_cannot_fall_below_the_people_registered(organizer, programme):
    session = services.create_session(actor=organizer, event=programme, fields=_fields())
    for _ in range(3):
        registration_services.register(actor=organizer, session=session, person=PersonFactory())
    with pytest.raises(ValidationError) as excinfo:
        services.update_session(actor=organizer, session=session, fields={"capacity": 2})
    assert set(excinfo.value.message_dict) == {"capacity"}
    with pytest.raises(ValidationError):
        services.update_session(actor=organizer, session=session, fields={"capacity": 0})


def test_more_places_go_to_the_people_waiting(organizer, programme):
    session = services.create_session(actor=organizer, event=programme, fields=_fields(capacity=1))
    people = [PersonFactory() for _ in range(3)]
    for person in people:
        registration_services.register(actor=organizer, session=session, person=person)
    services.update_session(actor=organizer, session=session, fields={"capacity": 2})
    statuses = dict(session.registrations.values_list("person_id", "status"))
    assert statuses == {
        people[0].pk: "registered",
        people[1].pk: "registered",
        people[2].pk: "waitlisted",
    }
    services.update_session(actor=organizer, session=session, fields={"capacity": None})
    assert not session.registrations.filter(status="waitlisted").exists()


def test_only_the_events_managers_change_sessions(programme, exhibitor, trainer, observer):
    session = SessionFactory(event=programme, trainers=[trainer])
    other_organizer = UserFactory(role=Role.ORGANIZER, organization=OrganizationFactory())
    for user in (exhibitor, trainer, observer, other_organizer):
        with pytest.raises(PermissionDenied):
            services.create_session(actor=user, event=programme, fields=_fields())
        with pytest.raises(PermissionDenied):
            services.update_session(actor=user, session=session, fields={"room": "Salle 2"})
        with pytest.raises(PermissionDenied):
            services.delete_session(actor=user, session=session)


def test_a_session_with_attendance_is_not_deleted(organizer, programme):
    session = SessionFactory(event=programme)
    Attendance.objects.create(
        session=session, person=PersonFactory(), checked_in_at=session.starts_at
    )
    with pytest.raises(ValidationError):
        services.delete_session(actor=organizer, session=session)
    assert Session.objects.filter(pk=session.pk).exists()


def test_deleting_a_session_removes_its_registrations(organizer, programme):
    session = SessionFactory(event=programme)
    registration_services.register(actor=organizer, session=session, person=PersonFactory())
    services.delete_session(actor=organizer, session=session)
    assert not Session.objects.exists() and not Registration.objects.exists()


# Who sees which sessions -----------------------------------------------------------------


def test_a_trainer_sees_only_their_own_sessions(programme, trainer, organizer):
    own = SessionFactory(event=programme, trainers=[trainer])
    SessionFactory(event=programme)  # the same published event, another trainer
    elsewhere = SessionFactory(event=EventFactory(is_published=False), trainers=[trainer])
    assert set(programme_access.sessions_for(trainer)) == {own, elsewhere}
    assert list(selectors.my_sessions(user=trainer)) == [own, elsewhere]
    assert programme_access.is_trainer_of(trainer, own)
    assert not programme_access.can_manage_session(trainer, own)
    assert len(programme_access.sessions_for(organizer)) == 2  # the organizer's event only


def test_exhibitors_see_the_sessions_of_published_events(programme, exhibitor):
    published = SessionFactory(event=programme)
    SessionFactory(event=EventFactory(is_published=False))
    assert list(programme_access.sessions_for(exhibitor)) == [published]


def test_sessions_are_listed_by_local_day(organizer, programme):
    late = SessionFactory(event=programme, starts_at=at(27, 23), ends_at=at(27, 23) + _hour())
    early = SessionFactory(event=programme, starts_at=at(27, 8), ends_at=at(27, 10))
    first = SessionFactory(event=programme, starts_at=at(26, 9), ends_at=at(26, 12))
    days = selectors.sessions_by_day(selectors.session_list(user=organizer, event=programme))
    assert [day.date.day for day in days] == [26, 27]
    assert days[0].sessions == [first] and days[1].sessions == [early, late]


def _hour() -> datetime.timedelta:
    return datetime.timedelta(minutes=50)
