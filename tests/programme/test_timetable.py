"""The printable timetable of an event: its sessions by day, with print styles."""

import datetime

import pytest
from django.urls import reverse

from tadamon.accounts.models import Role
from tests.factories import EventFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )


def _shift(session, days: int) -> None:
    session.starts_at += datetime.timedelta(days=days)
    session.ends_at += datetime.timedelta(days=days)
    session.save()


def test_the_timetable_lists_the_sessions_by_day(client, organizer, event):
    weaving = SessionFactory(event=event, title_ar="تقنيات النسيج", title_fr="Tissage")
    marketing = SessionFactory(event=event, title_ar="التسويق", title_fr="Marketing")
    _shift(marketing, 7)
    client.force_login(organizer)
    response = client.get(reverse("programme:timetable", args=[event.pk]))
    assert response.status_code == 200
    days = response.context["days"]
    assert [day.date for day in days] == [datetime.date(2024, 9, 26), datetime.date(2024, 10, 3)]
    assert [day.sessions for day in days] == [[weaving], [marketing]]
    page = response.content.decode()
    # Both languages are printed, and the page has its print styles.
    assert "تقنيات النسيج" in page and "Tissage" in page
    assert page.index("تقنيات النسيج") < page.index("التسويق")
    assert "@media print" in page and "size: A4" in page


def test_a_trainers_timetable_has_only_their_sessions(client, event):
    trainer = UserFactory(role=Role.TRAINER)
    SessionFactory(event=event, title_fr="La mienne", trainers=[trainer])
    SessionFactory(event=event, title_fr="Pas la mienne")
    client.force_login(trainer)
    page = client.get(reverse("programme:timetable", args=[event.pk])).content.decode()
    assert "La mienne" in page and "Pas la mienne" not in page


def test_an_invisible_event_has_no_timetable(client, exhibitor):
    hidden = EventFactory(is_published=False)
    SessionFactory(event=hidden)
    client.force_login(exhibitor)
    assert client.get(reverse("programme:timetable", args=[hidden.pk])).status_code == 404
