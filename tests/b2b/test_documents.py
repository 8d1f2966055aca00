"""Agendas in Arabic and French: the page, the PDF (Arabic shaped by HarfBuzz, extracted back
as the letters typed) and the .ics, parsed back with icalendar."""

import datetime
import io
import unicodedata
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from pypdf import PdfReader

from tadamon.b2b import documents
from tadamon.b2b.models import Meeting, MeetingRequest, Seat
from tests.b2b import support

pytestmark = pytest.mark.django_db

ARABIC_NAME = "تعاونية نساء الأطلس للأركان"
FRENCH_NAME = "Coopérative des femmes de l'Atlas"


@pytest.fixture
def agenda_of(organizer, organizer_body):
    event = support.future_event(organizer_body, days=1)
    event.venue = "Place Moulay El Mehdi"
    event.city = "Tétouan"
    event.save()
    slots = support.sessions(event, organizer, days=1, slots=3)[0].slots.order_by("starts_at")
    buyer = support.buyer(event, name_ar="منصة السوق", name_fr="Souk Platform")
    seller = support.exhibitor(event, name_ar=ARABIC_NAME, name_fr=FRENCH_NAME)
    request = MeetingRequest.objects.create(
        event=event, requester=buyer, recipient=seller, status=MeetingRequest.Status.ACCEPTED
    )
    meeting = Meeting.objects.create(event=event, slot=slots[1], table=7, request=request)
    for participant in (buyer, seller):
        Seat.objects.create(meeting=meeting, participant=participant, slot=slots[1])
    return buyer, seller, meeting


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def test_the_pdf_agenda_speaks_the_participants_language(agenda_of):
    buyer, _seller, _meeting = agenda_of
    buyer.language = "ar"
    data = documents.agenda_pdf(buyer)
    text = pdf_text(data)
    assert ARABIC_NAME in text  # shaped for display, extracted back as typed
    with translation.override("ar"):
        assert translation.gettext("B2B agenda") in text
    fonts = {
        str(font["/BaseFont"])
        for font in PdfReader(io.BytesIO(data))
        .pages[0]["/Resources"]["/Font"]
        .get_object()
        .values()
    }
    assert any("Amiri" in name for name in fonts)

    buyer.language = "fr"
    text = pdf_text(documents.agenda_pdf(buyer))
    assert FRENCH_NAME in text
    with translation.override("fr"):
        assert translation.gettext("Table %(number)s") % {"number": 7} in text


def test_the_ics_imports_back(agenda_of):
    _buyer, seller, meeting = agenda_of
    calendar = Calendar.from_ical(documents.agenda_ics(seller))
    [item] = calendar.walk("VEVENT")
    start = item.decoded("dtstart")
    assert start == meeting.slot.starts_at
    assert item.decoded("dtend") - start == datetime.timedelta(minutes=20)
    assert "Souk Platform" in str(item.get("summary")) or "منصة السوق" in str(item.get("summary"))
    assert "Tétouan" in str(item.get("location"))
    assert str(item.get("uid")) == f"b2b-meeting-{meeting.pk}-{seller.pk}@tadamon"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_agenda_page_renders_in_both_languages(client, agenda_of, language):
    buyer, _seller, meeting = agenda_of
    client.force_login(support.user_of(buyer, "buyer"))
    client.cookies["django_language"] = language
    page = client.get(reverse("b2b:my_b2b", args=[buyer.event_id]))
    html = unescape(page.content.decode())
    assert f'lang="{language}"' in html
    assert ARABIC_NAME in html or FRENCH_NAME in html
    local = timezone.localtime(meeting.slot.starts_at)
    assert f"{local:%H:%M}" in html
