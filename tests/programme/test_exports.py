"""Attendance lists as XLSX and PDF, with Arabic and French names side by side."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from tadamon.accounts.models import Role
from tadamon.programme import exports
from tadamon.programme.models import Attendance
from tadamon.programme.selectors.attendance import attendance_for_export
from tadamon.registry.models import Commune
from tests.factories import EventFactory, PersonFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","Click")'


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body, title_ar="الأيام التكوينية بأزيلال")


@pytest.fixture
def sessions(event):
    tabant = Commune.objects.get(province__code="05.02", name_en="Tabant")
    return [
        SessionFactory(event=event, commune=tabant, title_ar="تقنيات النسيج"),
        SessionFactory(event=event, title_ar="التدبير المالي"),
    ]


@pytest.fixture
def people(sessions):
    fatima = PersonFactory(first_name="فاطمة الزهراء", last_name="أيت علي", age_band="25_34")
    claire = PersonFactory(first_name="Claire", last_name="Dupont", commune_name="Tabant")
    tricky = PersonFactory(first_name="=HYPERLINK(1)", last_name="Test")
    for person in (fatima, claire, tricky):
        Attendance.objects.create(session=sessions[0], person=person, checked_in_at=timezone.now())
    Attendance.objects.create(session=sessions[1], person=fatima, checked_in_at=timezone.now())
    return fatima, claire, tricky


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_xlsx_has_a_heading_and_one_row_per_check_in(event, people):
    content = exports.attendance_xlsx(
        title=event.title, attendances=attendance_for_export(event=event), with_session=True
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 4
    names = {(row[1], row[2]) for row in rows[1:]}
    assert ("أيت علي", "فاطمة الزهراء") in names and ("Dupont", "Claire") in names
    # A name that looks like a formula stays text.
    cell = next(c for row in sheet.iter_rows(min_row=2) for c in row if c.value == "=HYPERLINK(1)")
    assert cell.data_type == "s"


def test_the_pdf_holds_arabic_and_french_names_as_text(event, people):
    for language in ("ar", "fr"):
        with translation.override(language):
            content = exports.attendance_pdf(
                title=event.title,
                subtitle="Azilal",
                attendances=attendance_for_export(event=event),
                with_session=True,
            )
        text = pdf_text(content)
        assert content.startswith(b"%PDF")
        assert "فاطمة الزهراء" in text, language  # shaped, yet extracted in reading order
        assert "Dupont" in text and "Claire" in text


def test_export_pages_serve_files_to_those_allowed(organizer, event, sessions, people):
    trainer = UserFactory(role=Role.TRAINER)
    sessions[0].trainers.add(trainer)
    manager, trainer_client = Client(), Client()
    manager.force_login(organizer)
    trainer_client.force_login(trainer)

    xlsx = manager.get(reverse("programme:event_attendance_export", args=[event.pk, "xlsx"]))
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == exports.XLSX_TYPE
    assert "attendance-event" in xlsx["Content-Disposition"]
    pdf = trainer_client.get(
        reverse("programme:session_attendance_export", args=[sessions[0].pk, "pdf"])
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == exports.PDF_TYPE
    assert "Dupont" in pdf_text(pdf.content)
    assert (
        manager.get(
            reverse("programme:session_attendance_export", args=[sessions[0].pk, "csv"])
        ).status_code
        == 404
    )
    # The event-wide list is the managers' only; another session's, the trainer's not at all.
    assert (
        trainer_client.get(
            reverse("programme:event_attendance_export", args=[event.pk, "xlsx"])
        ).status_code
        == 403
    )
    assert (
        trainer_client.get(
            reverse("programme:session_attendance_export", args=[sessions[1].pk, "xlsx"])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("scope", ["session", "event"])
def test_the_downloaded_xlsx_holds_no_formula_cell(organizer, event, sessions, people, scope):
    # Issue 15: every text a person, an exhibitor or an organizer typed stays text.
    fatima = people[0]
    fatima.organization.name_fr = fatima.organization.name_ar = FORMULA
    fatima.organization.save()
    sessions[0].title_ar = "@SUM(1+1)"
    sessions[0].title_fr = "@SUM(1+1)"
    sessions[0].save()
    client = Client()
    client.force_login(organizer)
    url = (
        reverse("programme:session_attendance_export", args=[sessions[0].pk, "xlsx"])
        if scope == "session"
        else reverse("programme:event_attendance_export", args=[event.pk, "xlsx"])
    )
    response = client.get(url)
    assert response.status_code == 200
    cells = [cell for row in load_workbook(io.BytesIO(response.content)).active for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert {"=HYPERLINK(1)", FORMULA} <= texts
    if scope == "event":
        assert "@SUM(1+1)" in texts
