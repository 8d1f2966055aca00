"""The acceptance: a certificate's PDF really holds the Arabic and the French name as text.

tests/programme/data/certificate_reference.png is the page of the certificate built here,
rendered once and checked by eye (Arabic joined and right to left, French left to right,
QR code, signatories):

    pdftoppm -r 60 -png -singlefile certificate.pdf certificate_reference

The test does not render again (poppler is not a dependency); it checks the PDF's text and
structure, which is what a regression in shaping or fonts would break.
"""

import io
import struct
import unicodedata
from pathlib import Path

import pytest
from django.test import override_settings
from pypdf import PdfReader

from tadamon.programme.certificates import pdf, services
from tests.programme.certificate_support import ARABIC_NAME, LATIN_NAME, fatima, programme

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "data" / "certificate_reference.png"


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # fpdf2 writes a ToUnicode map from each shaped glyph back to the letters it stands for,
    # and pypdf puts right-to-left runs back in reading order, so the Arabic name comes out
    # as the letters typed. NFKC folds Arabic presentation forms (had a glyph no map) into
    # those letters, so the comparison stays about letters, not about glyph shapes.
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def certificate(organizer, organizer_body):
    event = programme(organizer_body, sessions=3)
    person = fatima(event)
    return services.issue(
        actor=organizer, event=event, kind="attendance", holder=person, name_fr=LATIN_NAME
    )


@override_settings(TADAMON_PUBLIC_BASE_URL="https://tadamon.example.ma")
def test_the_pdf_holds_both_names_and_the_number_as_text_on_one_page(certificate):
    data = services.certificate_pdf(certificate)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape
    text = text_of(data)
    assert ARABIC_NAME in text
    assert LATIN_NAME in text
    assert certificate.number in text
    assert "شهادة حضور" in text and "Attestation de présence" in text
    # The Amiri font is embedded, so the page looks the same on any reader.
    fonts = {
        str(font["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].get_object().values()
    }
    assert any("Amiri" in name for name in fonts)


@override_settings(TADAMON_PUBLIC_BASE_URL="https://tadamon.example.ma/")
def test_the_qr_code_points_at_the_public_verification_page(organizer, organizer_body):
    event = programme(organizer_body, sessions=1)
    certificate = services.issue(
        actor=organizer, event=event, kind="attendance", holder=fatima(event)
    )
    url = f"https://tadamon.example.ma/verify/{certificate.number}"
    assert certificate.statement["verify_url"] == url
    png = pdf.qr_png(url)
    assert png.startswith(b"\x89PNG")
    page = PdfReader(io.BytesIO(services.certificate_pdf(certificate))).pages[0]
    assert len(page.images) == 1  # the QR code; no logo was set
    assert url in text_of(services.certificate_pdf(certificate))


def test_the_statement_freezes_what_is_printed(certificate):
    statement = certificate.statement
    assert statement["number"] == certificate.number
    assert statement["holder"]["name_ar"] == ARABIC_NAME
    assert statement["holder"]["name_fr"] == LATIN_NAME
    assert len(statement["sessions"]) == 3
    assert statement["event"]["title_fr"] == "Journées de formation des animateurs de l'ESS"
    event = certificate.event
    event.title_fr = "Autre titre"
    event.save()
    certificate.refresh_from_db()
    text = text_of(services.certificate_pdf(certificate))
    assert "animateurs de l'ESS" in text and "Autre titre" not in text


def test_a_name_known_in_one_script_only_is_printed_in_both_columns(organizer, organizer_body):
    event = programme(organizer_body, sessions=1)
    person = fatima(event)
    certificate = services.issue(actor=organizer, event=event, kind="attendance", holder=person)
    assert certificate.statement["holder"]["name_fr"] == ""
    assert text_of(services.certificate_pdf(certificate)).count(ARABIC_NAME) == 2


def test_the_reference_image_is_a_small_a4_landscape_png():
    data = REFERENCE.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) < 300_000
    width, height = struct.unpack(">II", data[16:24])
    assert abs(width / height - 297 / 210) < 0.01


def test_many_sessions_still_fit_on_one_page():
    statement = {
        "number": "TDM-2024-000001-AAAX",
        "kind": "attendance",
        "holder": {"name_ar": ARABIC_NAME, "name_fr": LATIN_NAME},
        "event": {
            "title_ar": "برنامج",
            "title_fr": "Programme",
            "start_date": "2024-09-26",
            "end_date": "2024-10-15",
        },
        "sessions": [
            {"title_ar": f"جلسة {n}", "title_fr": f"Session {n}", "date": "2024-09-26"}
            for n in range(30)
        ],
        "signatories": [{"name_ar": "م", "name_fr": "M", "title_ar": "ر", "title_fr": "D"}] * 3,
        "verify_url": "http://127.0.0.1:8000/verify/TDM-2024-000001-AAAX",
        "issued_on": "2024-10-15",
    }
    reader = PdfReader(io.BytesIO(pdf.render(statement)))
    assert len(reader.pages) == 1
    assert "et 24 autres sessions" in text_of(pdf.render(statement))


def test_every_kind_renders():
    for kind in ("attendance", "participation", "appreciation"):
        statement = {
            "number": "N",
            "kind": kind,
            "holder": {"name_ar": "تعاونية الأمل", "name_fr": "Coopérative Al Amal"},
            "event": {
                "title_ar": "معرض",
                "title_fr": "Salon",
                "start_date": "2024-06-01",
                "end_date": "2024-06-01",
            },
        }
        text = text_of(pdf.render(statement))
        assert "تعاونية الأمل" in text and "Coopérative Al Amal" in text
        assert pdf.WORDING[kind]["fr"]["title"] in text


def test_the_logo_is_printed_when_set(certificate):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 120, 60)).save(buffer, format="PNG")
    data = pdf.render(certificate.statement, logo=buffer.getvalue())
    assert len(PdfReader(io.BytesIO(data)).pages[0].images) == 2


def test_long_session_titles_stop_before_the_signatures():
    title = "Gestion administrative, juridique et financière des coopératives agricoles " * 2
    statement = {
        "number": "N",
        "kind": "attendance",
        "holder": {"name_ar": ARABIC_NAME, "name_fr": LATIN_NAME},
        "event": {"title_fr": "Programme", "start_date": "2024-09-26", "end_date": "2024-10-15"},
        "sessions": [{"title_fr": title, "date": "2024-09-26"} for _ in range(6)],
        "signatories": [{"name_fr": "Mohammed Benali", "title_fr": "Directeur"}],
    }
    pdf_bytes = pdf.render(statement)
    assert len(PdfReader(io.BytesIO(pdf_bytes)).pages) == 1
    assert "autres sessions" in text_of(pdf_bytes)
