"""The certificate as a one-page A4 landscape PDF, Arabic and French on the same page.

Everything printed comes from the certificate's ``statement`` (what the verification page
shows too), so a PDF downloaded again next year says what it said on the day of issue.

The page, its font and frame are tadamon.core.pdf.BilingualPDF's: Arabic is shaped by
HarfBuzz through fpdf2 (letters joined, right to left, with the bidi algorithm placing Latin
words and digits inside Arabic lines) in Amiri, which has Latin letters too.

In Arabic the event's title stands between straight quotes: Amiri's guillemets come out
facing the wrong way in right-to-left runs.

The wording is fixed here in both languages rather than passed through gettext: the page
prints the Arabic and the French text at once whatever the reader's language, so the French
half must stay French even for an Arabic reader.
"""

import datetime
import io
from collections.abc import Sequence
from typing import Any

import segno
from django.utils import translation

from tadamon.core.figures import day_text
from tadamon.core.pdf import GREEN, BilingualPDF

PAGE_W, PAGE_H = BilingualPDF.PAGE_W, BilingualPDF.PAGE_H
MARGIN, GUTTER = BilingualPDF.MARGIN, BilingualPDF.GUTTER
COLUMN_W, RIGHT_X = BilingualPDF.COLUMN_W, BilingualPDF.RIGHT_X
GREY = (90, 90, 90)
MAX_SESSIONS = 6  # more would push the signatures off the page; the rest are counted
SESSIONS_BOTTOM = 138.0  # mm: below, the signatories' band begins

WORDING: dict[str, dict[str, dict[str, str]]] = {
    "attendance": {
        "ar": {
            "title": "شهادة حضور",
            "intro": "نشهد بأن",
            "body": 'قد تابع(ت) الجلسات التالية في إطار "{event}":',
        },
        "fr": {
            "title": "Attestation de présence",
            "intro": "Nous certifions que",
            "body": "a suivi les sessions suivantes dans le cadre de « {event} » :",
        },
    },
    "participation": {
        "ar": {
            "title": "شهادة مشاركة",
            "intro": "نشهد بمشاركة",
            "body": 'في "{event}".',
        },
        "fr": {
            "title": "Certificat de participation",
            "intro": "Nous certifions la participation de",
            "body": "à « {event} ».",
        },
    },
    "appreciation": {
        "ar": {
            "title": "شهادة تقدير",
            "intro": "يتقدم المنظمون بخالص الشكر والتقدير إلى",
            "body": 'على مساهمتها القيمة في إنجاح "{event}".',
        },
        "fr": {
            "title": "Certificat de reconnaissance",
            "intro": "Les organisateurs expriment leur reconnaissance à",
            "body": "pour sa précieuse contribution à la réussite de « {event} ».",
        },
    },
}
COMMON = {
    "ar": {
        "period": "من {start} إلى {end}",
        "day": "يوم {start}",
        "more": "و{count} جلسات أخرى",
        "issued": "حرر في {date}",
        "number": "رقم الشهادة",
        "verify": "للتحقق من صحة هذه الشهادة امسح الرمز",
    },
    "fr": {
        "period": "du {start} au {end}",
        "day": "le {start}",
        "more": "et {count} autres sessions",
        "issued": "Fait le {date}",
        "number": "Certificat n°",
        "verify": "Vérification : scannez le code ou ouvrez",
    },
}


def qr_png(url: str) -> bytes:
    """The QR code of the verification address, as PNG bytes."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


def _date(value: str | None, language: str) -> str:
    """The day with its month in words: 06/07/2024 reads as 6 July to some and 7 June to others."""
    with translation.override(language):
        return day_text(value)


def _name(holder: dict[str, str], language: str) -> str:
    """The holder's name in the column's language, or in the other one when it is unknown."""
    other = "fr" if language == "ar" else "ar"
    return holder.get(f"name_{language}") or holder.get(f"name_{other}") or ""


def _field(data: dict[str, Any], stem: str, language: str) -> str:
    other = "fr" if language == "ar" else "ar"
    return data.get(f"{stem}_{language}") or data.get(f"{stem}_{other}") or ""


def render(statement: dict[str, Any], *, logo: bytes | None = None) -> bytes:
    """The PDF of a certificate from its statement; `logo` is the organizer's image, if any."""
    pdf = BilingualPDF()
    event = statement.get("event", {})
    pdf.set_title(
        f"{statement.get('number', '')} · {event.get('title_fr') or event.get('title_ar')}"
    )
    pdf.set_lang("ar")
    pdf.set_creator("Tadamon")
    issued = statement.get("issued_on")
    if issued:
        pdf.set_creation_date(datetime.datetime.fromisoformat(issued).replace(tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.frame()
    _header(pdf, statement, logo)
    top = pdf.get_y() + 4
    for language, x in (("ar", RIGHT_X), ("fr", MARGIN)):
        pdf.set_y(top)
        _column(pdf, statement, language, x)
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(0.3)
    middle = MARGIN + COLUMN_W + GUTTER / 2
    pdf.line(middle, top + 2, middle, 150)
    _footer(pdf, statement)
    return bytes(pdf.output())


def _header(pdf: BilingualPDF, statement: dict[str, Any], logo: bytes | None) -> None:
    event = statement.get("event", {})
    if logo:
        pdf.image(io.BytesIO(logo), x=MARGIN, y=MARGIN, h=24, keep_aspect_ratio=True)
    pdf.set_y(MARGIN)
    organizer_x, organizer_w = MARGIN + 40, PAGE_W - 2 * MARGIN - 80
    pdf.write_lines(
        "ar",
        event.get("organizer_ar", ""),
        x=organizer_x,
        w=organizer_w,
        size=13,
        align="C",
        colour=GREY,
    )
    pdf.write_lines(
        "fr",
        event.get("organizer_fr", ""),
        x=organizer_x,
        w=organizer_w,
        size=11,
        align="C",
        colour=GREY,
    )
    pdf.set_y(max(pdf.get_y() + 2, 36))
    wording = WORDING[statement["kind"]]
    pdf.write_title(wording["ar"]["title"], wording["fr"]["title"])


def _column(pdf: BilingualPDF, statement: dict[str, Any], language: str, x: float) -> None:
    words = WORDING[statement["kind"]][language]
    common = COMMON[language]
    holder = statement.get("holder", {})
    event = statement.get("event", {})
    write = pdf.write_lines
    write(language, words["intro"], x=x, w=COLUMN_W, size=14, align="C")
    write(
        language,
        _name(holder, language),
        x=x,
        w=COLUMN_W,
        size=26,
        align="C",
        colour=GREEN,
        line_h=12,
    )
    write(
        language,
        _field(holder, "organization", language),
        x=x,
        w=COLUMN_W,
        size=12,
        align="C",
        colour=GREY,
    )
    pdf.set_y(pdf.get_y() + 2)
    body = words["body"].format(event=_field(event, "title", language))
    write(language, body, x=x, w=COLUMN_W, size=14, line_h=7)
    start = _date(event.get("start_date"), language)
    end = _date(event.get("end_date"), language)
    when = (common["day"] if start == end else common["period"]).format(start=start, end=end)
    place = _field(event, "city", language)
    write(
        language,
        f"{when}، {place}"
        if place and language == "ar"
        else (f"{when}, {place}" if place else when),
        x=x,
        w=COLUMN_W,
        size=12,
        line_h=6,
    )
    sessions: Sequence[dict[str, str]] = statement.get("sessions") or []
    shown = 0
    for session in sessions[:MAX_SESSIONS]:
        # Long titles wrap: stop before the signatures' band rather than overprint it.
        if pdf.get_y() > SESSIONS_BOTTOM:
            break
        parts = [_field(session, "title", language), _date(session.get("date"), language)]
        if session.get("commune"):
            parts.append(session["commune"])
        line = "• " + " — ".join(part for part in parts if part)
        write(language, line, x=x + 2, w=COLUMN_W - 4, size=11, line_h=5.5)
        shown += 1
    if len(sessions) > shown:
        more = common["more"].format(count=len(sessions) - shown)
        write(language, more, x=x + 2, w=COLUMN_W - 4, size=11, line_h=5.5, colour=GREY)


def _footer(pdf: BilingualPDF, statement: dict[str, Any]) -> None:
    url = statement.get("verify_url", "")
    number = statement.get("number", "")
    qr_size = 30.0
    qr_y = PAGE_H - MARGIN - qr_size - 2
    if url:
        pdf.image(io.BytesIO(qr_png(url)), x=MARGIN, y=qr_y, w=qr_size, h=qr_size)
    pdf.set_y(qr_y + 1)
    text_x, text_w = MARGIN + qr_size + 3, 66
    pdf.write_lines("fr", f"{COMMON['fr']['number']} {number}", x=text_x, w=text_w, size=10)
    pdf.write_lines(
        "ar", f"{COMMON['ar']['number']}: {number}", x=text_x, w=text_w, size=10, align="L"
    )
    pdf.write_lines("fr", COMMON["fr"]["verify"], x=text_x, w=text_w, size=8, colour=GREY)
    pdf.write_lines("fr", url, x=text_x, w=text_w, size=7, colour=GREY)
    pdf.write_lines(
        "ar", COMMON["ar"]["verify"], x=text_x, w=text_w, size=8, align="L", colour=GREY
    )
    issued_on = statement.get("issued_on", "")[:10]
    pdf.set_y(qr_y + 1)
    issued_x = PAGE_W - MARGIN - 60
    issued_ar = COMMON["ar"]["issued"].format(date=_date(issued_on, "ar"))
    pdf.write_lines("ar", issued_ar, x=issued_x, w=60, size=11)
    issued_fr = COMMON["fr"]["issued"].format(date=_date(issued_on, "fr"))
    pdf.write_lines("fr", issued_fr, x=issued_x, w=60, size=11, align="R")
    _signatories(pdf, statement.get("signatories") or [], top=qr_y - 14)


def _signatories(pdf: BilingualPDF, signatories: list[dict[str, str]], *, top: float) -> None:
    """Up to three signatories side by side between the QR code and the date, right to
    left as an Arabic reader expects: the first named signs on the right."""
    shown = signatories[:3]
    if not shown:
        return
    left, right = MARGIN + 100, PAGE_W - MARGIN - 62
    width = (right - left) / len(shown)
    for index, person in enumerate(shown):
        x = right - (index + 1) * width
        pdf.set_y(top)
        pdf.write_lines("ar", person.get("title_ar", ""), x=x, w=width, size=11, align="C")
        pdf.write_lines(
            "fr", person.get("title_fr", ""), x=x, w=width, size=10, align="C", colour=GREY
        )
        pdf.write_lines("ar", person.get("name_ar", ""), x=x, w=width, size=11, align="C")
        pdf.write_lines("fr", person.get("name_fr", ""), x=x, w=width, size=10, align="C")
