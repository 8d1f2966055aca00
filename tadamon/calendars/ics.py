"""A calendar link's iCalendar text, in the language the link was made in.

Sessions are written in local time with TZID=Africa/Casablanca and the zone's VTIMEZONE,
built from the tz database: Morocco moves its clocks back an hour for Ramadan, and a session
at 10:00 during Ramadan must stay at 10:00 on the phone, as one after it does. The fair days
are all-day events (the exhibitor's wave when it exhibits in one). UIDs are stable, so a
subscribed calendar updates a session that moved instead of showing it twice.
"""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from tadamon.b2b.documents import agenda_events
from tadamon.calendars import selectors
from tadamon.calendars.models import CalendarFeed
from tadamon.events.models import Event
from tadamon.programme.models import Session

PRODID = "-//Tadamon//Calendar//"


def feed_ics(feed: CalendarFeed) -> bytes:
    with translation.override(feed.language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _calendar_name(feed))
        calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
        # Calendars that honour it read the link again every few hours.
        calendar.add(
            "refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"}
        )
        if feed.kind == CalendarFeed.Kind.AGENDA:
            for item in _agenda_items(feed):
                calendar.add_component(item)
        for session in selectors.feed_sessions(feed):
            calendar.add_component(_session_item(session))
        calendar.add_missing_timezones()
        return calendar.to_ical()


def _calendar_name(feed: CalendarFeed) -> str:
    title = feed.event.title
    if feed.kind == CalendarFeed.Kind.SESSION and feed.session is not None:
        return f"{feed.session.title} · {title}"
    if feed.kind == CalendarFeed.Kind.AGENDA:
        return _("My agenda · %(event)s") % {"event": title}
    return _("Programme · %(event)s") % {"event": title}


def _place(event: Event, *parts: str) -> str:
    return ", ".join(filter(None, [*parts, event.venue, event.city]))


def _stamp() -> datetime.datetime:
    return datetime.datetime.now(tz=datetime.UTC)


def _session_item(session: Session) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"session-{session.pk}@tadamon")
    item.add("dtstamp", _stamp())
    item.add("dtstart", timezone.localtime(session.starts_at))
    item.add("dtend", timezone.localtime(session.ends_at))
    item.add("summary", session.title)
    item.add("location", _place(session.event, session.room, session.commune_label))
    item.add("description", f"{session.get_kind_display()} · {session.event.title}")
    return item


def _agenda_items(feed: CalendarFeed) -> list[CalendarEvent]:
    participation, assignment = selectors.agenda_place(feed)
    items = []
    if participation is not None:
        items.append(_fair_days(feed.event, participation, assignment))
    participant = selectors.agenda_participant(feed)
    if participant is not None:
        items.extend(agenda_events(participant))
    return items


def _fair_days(event: Event, participation, assignment) -> CalendarEvent:
    wave = participation.wave
    first = wave.start_date if wave else event.start_date
    last = wave.end_date if wave else event.end_date
    details = []
    if assignment is not None:
        details.append(_("Booth %(code)s") % {"code": assignment.booth.code})
    if wave is not None:
        details.append(wave.name)
    item = CalendarEvent()
    item.add("uid", f"fair-{event.pk}-participation-{participation.pk}@tadamon")
    item.add("dtstamp", _stamp())
    item.add("dtstart", first)
    item.add("dtend", last + datetime.timedelta(days=1))  # all-day ends are exclusive
    item.add("summary", " · ".join([event.title, *details]))
    item.add("location", _place(event))
    if event.opening_hours:
        item.add("description", _("Opening hours: %(hours)s") % {"hours": event.opening_hours})
    item.add("transp", "TRANSPARENT")  # the fair spans days; it does not make the exhibitor busy
    return item
