"""The closing report's table of beneficiaries by commune and sex (issue 17): its figures,
the report page's table and the PDF's, in French and in Arabic."""

import datetime
import io
import re
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance
from tadamon.registry.models import Commune, Person
from tadamon.reports import pdf, selectors
from tadamon.reports.beneficiaries import beneficiaries_by_commune
from tests.factories import EventFactory, PersonFactory, SessionFactory

pytestmark = pytest.mark.django_db

WOMAN, MAN = Person.Gender.FEMALE, Person.Gender.MALE


def commune(name_en: str) -> Commune:
    return Commune.objects.get(province__code="05.02", name_en=name_en)


def attend(session, *people) -> None:
    for person in people:
        Attendance.objects.create(session=session, person=person, checked_in_at=timezone.now())


@pytest.fixture
def programme(organizer_body):
    """Aït Amdis: 30 women; Tabant: 4 women and 7 men; one man of no known commune."""
    event = EventFactory(
        organizer=organizer_body,
        kind=EventKind.TRAINING_PROGRAMME,
        start_date=datetime.date(2023, 9, 26),
        end_date=datetime.date(2023, 10, 15),
    )
    ait_amdis, tabant = commune("Ait Amdis"), commune("Tabant")
    there = SessionFactory(event=event, commune=ait_amdis)
    here = SessionFactory(event=event, commune=tabant)
    nowhere = SessionFactory(event=event, commune=None, commune_name="")
    attend(there, *(PersonFactory(gender=WOMAN, commune=ait_amdis) for _ in range(30)))
    attend(here, *(PersonFactory(gender=WOMAN, commune=tabant) for _ in range(4)))
    attend(here, *(PersonFactory(gender=MAN, commune=tabant) for _ in range(7)))
    attend(nowhere, PersonFactory(gender=MAN))
    return event, ait_amdis, tabant


def test_rows_count_women_and_men_per_commune_and_add_up_to_the_report(programme):
    event, ait_amdis, tabant = programme
    with translation.override("fr"):
        table = beneficiaries_by_commune(event)
    rows = {row.commune: (row.women, row.men, row.total) for row in table.rows}
    assert rows == {
        ait_amdis.name_fr: (30, 0, 30),
        tabant.name_fr: (4, 7, 11),
        "commune non enregistrée": (0, 1, 1),
    }
    assert [row.commune for row in table.rows][:2] == [ait_amdis.name_fr, tabant.name_fr]
    report = selectors.closing_report(event)
    total = table.total
    assert (total.women, total.men, total.total) == (34, 8, 42)
    assert (total.total, total.women) == (report["beneficiaries"], report["beneficiaries_women"])
    assert not table.has_not_stated


def test_no_table_without_recorded_attendance(organizer_body):
    event = EventFactory(organizer=organizer_body)
    assert beneficiaries_by_commune(event) is None
    SessionFactory(event=event)
    assert beneficiaries_by_commune(event) is None


def test_the_report_page_shows_the_table(client, organizer, programme):
    event, ait_amdis, _tabant = programme
    client.force_login(organizer)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("reports:report", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200
    html = page.content.decode()
    section = html[html.index('id="beneficiaries-by-commune"') :]
    section = section[: section.index("</section>")]
    assert "Bénéficiaires par commune et par sexe" in section
    row = section[section.index(ait_amdis.name_fr) :]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells[:3] == ["30", "0", "30"]


def test_the_report_without_attendance_has_no_table(client, organizer, organizer_body):
    event = EventFactory(organizer=organizer_body)
    client.force_login(organizer)
    page = client.get(reverse("reports:report", args=[event.pk]))
    assert page.status_code == 200
    assert 'id="beneficiaries-by-commune"' not in page.content.decode()


def pdf_text(event, language: str) -> str:
    report = selectors.closing_report(event)
    data = pdf.render(event, report, language=language)
    pages = PdfReader(io.BytesIO(data)).pages
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in pages))


def test_the_pdf_holds_the_table_in_french(programme):
    event, ait_amdis, tabant = programme
    text = pdf_text(event, "fr")
    assert "Bénéficiaires par commune et par sexe" in text
    line = next(line for line in text.splitlines() if ait_amdis.name_fr in line)
    assert re.findall(r"\d+", line) == ["30", "0", "30"]
    line = next(line for line in text.splitlines() if tabant.name_fr in line)
    assert re.findall(r"\d+", line) == ["4", "7", "11"]


def test_the_pdf_holds_the_table_in_arabic(programme):
    event, ait_amdis, _tabant = programme
    text = pdf_text(event, "ar")
    # Arabic shaping may join or reverse letters in the extracted text: the figures and the
    # commune's row are looked for, not the exact title's letters.
    assert "30" in text and "42" in text
    assert any("30" in line and line.count("30") >= 2 for line in text.splitlines())
