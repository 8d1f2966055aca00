"""Shared setup of the certificate tests: a training programme with sessions and attendance."""

import datetime

from django.utils import timezone

from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance, Session
from tests.factories import EventFactory, PersonFactory, SessionFactory

ARABIC_NAME = "فاطمة الزهراء العلوي"
LATIN_NAME = "Fatima Zahra El Alaoui"


def programme(organizer_body, sessions: int = 3):
    """A training programme of `sessions` sessions on consecutive days, Azilal-like."""
    event = EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        title_ar="الأيام التكوينية لفائدة منشطي الاقتصاد التضامني",
        title_fr="Journées de formation des animateurs de l'ESS",
        city="Azilal",
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )
    for day in range(sessions):
        start = timezone.make_aware(datetime.datetime(2024, 9, 26 + day, 9))
        SessionFactory(
            event=event,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
            commune_name="Ait Amdis",
        )
    return event


def attend(person, *sessions: Session) -> None:
    for session in sessions:
        Attendance.objects.create(session=session, person=person, checked_in_at=session.starts_at)


def attendee(event, count: int, **person_fields):
    """A person who attended the first `count` sessions of `event`."""
    person = PersonFactory(**person_fields)
    attend(person, *event.sessions.order_by("starts_at")[:count])
    return person


def fatima(event):
    """The acceptance's holder: an Arabic name, attending every session."""
    return attendee(event, event.sessions.count(), first_name="فاطمة الزهراء", last_name="العلوي")
