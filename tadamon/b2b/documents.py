"""A participant's agenda as a PDF in its language (Arabic joined and right to left through
HarfBuzz, or French) and as an iCalendar file for phones and calendar programs."""

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from tadamon.b2b.models import Participant
from tadamon.b2b.selectors.agenda import AgendaEntry, agenda
from tadamon.core.pdf import GREEN, ShapedPDF


def name_in(organization, language: str) -> str:
    if language == "ar":
        return organization.name_ar or organization.name_fr
    return organization.name_fr or organization.name_ar


def _with_whom(entry: AgendaEntry, language: str) -> str:
    meeting = entry.meeting
    if meeting.kind == meeting.Kind.COLLECTIVE:
        host = name_in(meeting.host.organization, language)
        return _("Collective meeting: %(title)s (host: %(host)s)") % {
            "title": meeting.title,
            "host": host,
        }
    return ", ".join(name_in(other.organization, language) for other in entry.others)


def _place(entry: AgendaEntry) -> str:
    meeting = entry.meeting
    if meeting.table:
        return _("Table %(number)s") % {"number": meeting.table}
    return meeting.room or _("Room to be announced")


def agenda_pdf(participant: Participant) -> bytes:
    language = participant.language
    with translation.override(language):
        pdf = ShapedPDF(language)
        event = participant.event
        event_title = (
            (event.title_ar or event.title_fr)
            if language == "ar"
            else (event.title_fr or event.title_ar)
        )
        pdf.set_title(_("B2B agenda"))
        pdf.add_page()
        pdf.write_line(_("B2B agenda"), size=20, colour=GREEN, height=10)
        pdf.write_line(name_in(participant.organization, language), size=15)
        pdf.write_line(event_title, size=12)
        pdf.ln(3)
        entries = agenda(participant)
        if not entries:
            pdf.write_line(_("No meeting is scheduled yet."))
        width = pdf.epw
        for entry in entries:
            start = timezone.localtime(entry.slot.starts_at)
            end = timezone.localtime(entry.slot.ends_at)
            pdf.row(
                [
                    (width * 0.24, f"{start:%Y-%m-%d} {start:%H:%M}–{end:%H:%M}"),
                    (width * 0.16, _place(entry)),
                    (width * 0.60, _with_whom(entry, language)),
                ]
            )
        return bytes(pdf.output())


def agenda_events(participant: Participant) -> list[CalendarEvent]:
    """One VEVENT per meeting, in the active language, times in UTC, with UIDs that stay the
    same so that an import or a subscribed calendar updates rather than duplicates."""
    language = translation.get_language() or participant.language
    event = participant.event
    place = ", ".join(filter(None, [event.venue, event.city]))
    items = []
    for entry in agenda(participant):
        item = CalendarEvent()
        item.add("uid", f"b2b-meeting-{entry.meeting.pk}-{participant.pk}@tadamon")
        item.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
        item.add("dtstart", entry.slot.starts_at.astimezone(datetime.UTC))
        item.add("dtend", entry.slot.ends_at.astimezone(datetime.UTC))
        item.add("summary", _("B2B: %(with)s") % {"with": _with_whom(entry, language)})
        item.add("location", ", ".join(filter(None, [_place(entry), place])))
        items.append(item)
    return items


def agenda_ics(participant: Participant) -> bytes:
    """The participant's meetings as an iCalendar file, in its language."""
    with translation.override(participant.language):
        calendar = Calendar()
        calendar.add("prodid", "-//Tadamon//B2B agenda//")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("B2B agenda"))
        for item in agenda_events(participant):
            calendar.add_component(item)
        return calendar.to_ical()
