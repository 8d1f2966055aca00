"""Calendar links (issue 19): an exhibitor's agenda (fair days in its wave, its booth, the
sessions its people registered for, its B2B meetings), a programme and a session, each behind
a token its owner revokes; times right in Africa/Casablanca across the Ramadan clock change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tadamon.b2b.models import Meeting, MeetingRequest, Seat
from tadamon.calendars import services
from tadamon.calendars.models import CalendarFeed
from tadamon.core.models import AuditEntry
from tadamon.events.models import Booth, BoothAssignment, Participation, Wave
from tadamon.programme.models import Registration
from tests.b2b import support
from tests.factories import PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

CASABLANCA = "Africa/Casablanca"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def fair(organizer, organizer_body):
    """A fair in two waves; seller exhibits in the second, at booth B12, has a B2B meeting,
    and one of its people registered for a workshop (another is on a waiting list)."""
    event = support.future_event(organizer_body, days=10)
    event.venue, event.city, event.opening_hours = "Place Moulay El Mehdi", "Tétouan", "10:00–22:00"
    event.save()
    slots = support.sessions(event, organizer, days=1, slots=3)[0].slots.order_by("starts_at")
    buyer = support.buyer(event, name_ar="منصة السوق", name_fr="Souk Platform")
    seller = support.exhibitor(event, name_ar="تعاونية الأطلس", name_fr="Coopérative Atlas")
    second = Wave.objects.create(
        event=event,
        label="Vague 2",
        label_ar="الموجة 2",
        start_date=event.start_date + datetime.timedelta(days=5),
        end_date=event.end_date,
    )
    participation = Participation.objects.get(event=event, organization=seller.organization)
    participation.wave = second
    participation.save()
    booth = Booth.objects.create(event=event, code="B12")
    BoothAssignment.objects.create(
        event=event, participation=participation, wave=second, booth=booth
    )
    request = MeetingRequest.objects.create(
        event=event, requester=buyer, recipient=seller, status=MeetingRequest.Status.ACCEPTED
    )
    meeting = Meeting.objects.create(event=event, slot=slots[1], table=7, request=request)
    for participant in (buyer, seller):
        Seat.objects.create(meeting=meeting, participant=participant, slot=slots[1])
    workshop = SessionFactory(event=event, title_fr="Atelier emballage", title_ar="ورشة التلفيف")
    other = SessionFactory(event=event, title_fr="Atelier export", title_ar="ورشة التصدير")
    person = PersonFactory(organization=seller.organization)
    Registration.objects.create(session=workshop, person=person)
    Registration.objects.create(session=other, person=person, status=Registration.Status.WAITLISTED)
    user = support.user_of(seller, "seller")
    return {"event": event, "user": user, "workshop": workshop, "other": other}


def _read(client, feed: CalendarFeed) -> Calendar:
    response = client.get(reverse("calendars:feed", args=[feed.token]))
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def test_an_exhibitors_agenda_has_its_wave_booth_sessions_and_meetings(client, fair):
    client.force_login(fair["user"])
    response = client.post(
        reverse("calendars:create"), {"kind": "agenda", "event": fair["event"].pk}
    )
    assert response.status_code == 302
    feed = CalendarFeed.objects.get(owner=fair["user"])
    assert feed.kind == "agenda" and feed.organization_id == fair["user"].organization_id
    client.logout()  # calendars read the link without a session
    items = _events(_read(client, feed))
    event = fair["event"]
    days = next(item for name, item in items.items() if "B12" in name)
    assert days["dtstart"].dt == event.start_date + datetime.timedelta(days=5)  # its wave
    assert days["dtend"].dt == event.end_date + datetime.timedelta(days=1)
    assert "Vague 2" in str(days["summary"]) or "الموجة 2" in str(days["summary"])
    assert "10:00–22:00" in str(days["description"])
    names = " | ".join(items)
    assert "ورشة التلفيف" in names  # Arabic: the page's language when it was made
    assert "ورشة التصدير" not in names and "Atelier export" not in names  # waiting list
    assert any("منصة السوق" in name for name in items)  # the B2B meeting


def test_the_feed_speaks_the_language_it_was_made_in(client, fair):
    client.force_login(fair["user"])
    client.cookies["django_language"] = "fr"
    client.post(reverse("calendars:create"), {"kind": "agenda", "event": fair["event"].pk})
    feed = CalendarFeed.objects.get(owner=fair["user"])
    assert feed.language == "fr"
    names = " | ".join(_events(_read(client, feed)))
    assert "Atelier emballage" in names and "Stand B12" in names
    assert "Souk Platform" in names


def test_ramadan_clock_change_keeps_local_hours(client, organizer, organizer_body):
    """Morocco is at UTC+0 during Ramadan (23 Feb – 6 Apr 2025) and UTC+1 otherwise: a
    session at 10:00 on either side stays at 10:00 on the phone."""
    event = support.future_event(organizer_body, days=1)
    event.start_date, event.end_date = datetime.date(2025, 3, 1), datetime.date(2025, 4, 30)
    event.save()
    in_ramadan = SessionFactory(event=event, starts_at=_at(datetime.date(2025, 3, 10), 10))
    after = SessionFactory(event=event, starts_at=_at(datetime.date(2025, 4, 10), 10))
    feed = services.create_feed(actor=organizer, kind="programme", event=event, language="fr")
    calendar = _read(client, feed)
    assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == [CASABLANCA]
    starts = {item["uid"]: item["dtstart"] for item in calendar.walk("VEVENT")}
    ramadan, spring = (
        starts[f"session-{in_ramadan.pk}@tadamon"],
        starts[f"session-{after.pk}@tadamon"],
    )
    assert ramadan.params["TZID"] == spring.params["TZID"] == CASABLANCA
    assert (ramadan.dt.hour, spring.dt.hour) == (10, 10)
    utc = datetime.UTC
    assert ramadan.dt.astimezone(utc).hour == 10 and spring.dt.astimezone(utc).hour == 9
    raw = client.get(reverse("calendars:feed", args=[feed.token])).content.decode()
    assert "DTSTART;TZID=Africa/Casablanca:20250310T100000" in raw
    assert "DTSTART;TZID=Africa/Casablanca:20250410T100000" in raw


def test_a_session_link_shows_that_session_and_follows_its_changes(client, fair):
    workshop = fair["workshop"]
    feed = services.create_feed(
        actor=fair["user"], kind="session", event=fair["event"], session=workshop, language="fr"
    )
    (item,) = _read(client, feed).walk("VEVENT")
    assert str(item["summary"]) == "Atelier emballage"
    workshop.starts_at += datetime.timedelta(hours=2)
    workshop.ends_at += datetime.timedelta(hours=2)
    workshop.save()
    (moved,) = _read(client, feed).walk("VEVENT")
    assert moved["uid"] == item["uid"]  # the same event, updated, not a second one
    assert moved["dtstart"].dt - item["dtstart"].dt == datetime.timedelta(hours=2)


def test_making_a_link_twice_gives_one_address_and_the_token_stays_out_of_the_trail(fair):
    first = services.create_feed(
        actor=fair["user"], kind="agenda", event=fair["event"], language="ar"
    )
    again = services.create_feed(
        actor=fair["user"], kind="agenda", event=fair["event"], language="ar"
    )
    assert first.pk == again.pk and len(first.token) >= 40
    entry = AuditEntry.objects.get(action="calendars.feed.created")
    assert first.token not in str(entry.changes) and "token" not in entry.changes


def test_a_revoked_link_answers_gone_and_an_unknown_one_not_found(client, fair):
    feed = services.create_feed(
        actor=fair["user"], kind="agenda", event=fair["event"], language="ar"
    )
    client.force_login(fair["user"])
    confirm = client.get(reverse("calendars:revoke", args=[feed.pk]))
    assert confirm.status_code == 200 and b"calendars/" in confirm.content
    assert client.get(reverse("calendars:feed", args=[feed.token])).status_code == 200
    client.post(reverse("calendars:revoke", args=[feed.pk]))
    assert client.get(reverse("calendars:feed", args=[feed.token])).status_code == 410
    assert client.get(reverse("calendars:feed", args=["not-a-token"])).status_code == 404
    assert AuditEntry.objects.filter(action="calendars.feed.revoked").count() == 1


def test_a_link_stops_when_its_owner_no_longer_takes_part(client, fair):
    feed = services.create_feed(
        actor=fair["user"], kind="agenda", event=fair["event"], language="ar"
    )
    Participation.objects.filter(
        event=fair["event"], organization=fair["user"].organization
    ).update(status=Participation.Status.CANCELLED)
    assert client.get(reverse("calendars:feed", args=[feed.token])).status_code == 404
    fair["user"].is_active = False
    fair["user"].save()
    Participation.objects.filter(event=fair["event"]).update(status=Participation.Status.CONFIRMED)
    assert client.get(reverse("calendars:feed", args=[feed.token])).status_code == 404


def test_no_agenda_link_for_a_fair_one_does_not_take_part_in(client, fair, exhibitor):
    client.force_login(exhibitor)
    response = client.post(
        reverse("calendars:create"), {"kind": "agenda", "event": fair["event"].pk}
    )
    assert response.status_code == 403  # it sees the fair, but takes no part in it
    assert not CalendarFeed.objects.exists()


def test_only_the_owner_revokes(client, fair):
    feed = services.create_feed(
        actor=fair["user"], kind="agenda", event=fair["event"], language="ar"
    )
    stranger = UserFactory(
        username="stranger", role="exhibitor", organization=fair["user"].organization
    )
    client.force_login(stranger)
    assert client.post(reverse("calendars:revoke", args=[feed.pk])).status_code == 404
    feed.refresh_from_db()
    assert not feed.is_revoked


def test_bad_input_is_refused_with_a_message(client, fair):
    client.force_login(fair["user"])
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("calendars:create"), {"kind": "everything", "event": "x"}, follow=True
    )
    assert "Choose what the calendar link shows." in response.content.decode()
    assert (
        client.post(reverse("calendars:create"), {"kind": "agenda", "event": "x"}).status_code
        == 404
    )
    assert not CalendarFeed.objects.exists()


def test_the_page_lists_the_fairs_and_the_links(client, fair):
    client.force_login(fair["user"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("calendars:home")).content.decode()
    assert fair["event"].title_fr in page and "Make a calendar link" in page
    services.create_feed(actor=fair["user"], kind="agenda", event=fair["event"], language="fr")
    page = client.get(reverse("calendars:home")).content.decode()
    feed = CalendarFeed.objects.get()
    assert f"/calendars/feed/{feed.token}.ics" in page and "webcal://" in page
