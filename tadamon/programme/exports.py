"""Attendance lists as files: XLSX for the organizers' spreadsheets, PDF to print and sign.

The PDF embeds Amiri (from the fontpkg-amiri package, which covers Arabic and Latin letters)
and lets fpdf2 shape the text with HarfBuzz: Arabic letters are joined and each cell's
direction follows the Unicode bidi algorithm, so an Arabic name and a French one sit in the
same table correctly. In Arabic the columns also run from right to left.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from tadamon.core import spreadsheets
from tadamon.core.pdf import font_file
from tadamon.programme.models import Attendance

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"

_FONT = "Amiri"


@dataclass(frozen=True)
class Column:
    heading: str
    width: int  # relative width in the PDF


def _columns(with_session: bool) -> list[Column]:
    columns = [
        Column("#", 4),
        Column(_("Last name"), 14),
        Column(_("First name"), 14),
        Column(_("Gender"), 7),
        Column(_("Age band"), 8),
        Column(_("Organization"), 22),
        Column(_("Commune"), 13),
    ]
    if with_session:
        columns.append(Column(_("Session"), 22))
    columns.append(Column(_("Checked in"), 12))
    return columns


def _rows(attendances: Iterable[Attendance], with_session: bool) -> list[list[str]]:
    rows = []
    for number, attendance in enumerate(attendances, start=1):
        person = attendance.person
        row = [
            str(number),
            person.last_name,
            person.first_name,
            person.get_gender_display(),
            person.get_age_band_display() if person.age_band else "",
            str(person.organization) if person.organization_id else "",
            person.commune_label,
        ]
        if with_session:
            row.append(attendance.session.title)
        row.append(timezone.localtime(attendance.checked_in_at).strftime("%Y-%m-%d %H:%M"))
        rows.append(row)
    return rows


def attendance_xlsx(*, title: str, attendances: Iterable[Attendance], with_session: bool) -> bytes:
    """One sheet: a heading row, then one row per person present."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")
    sheet.sheet_view.rightToLeft = get_language_bidi()
    workbook.properties.title = title
    columns = _columns(with_session)
    spreadsheets.append_row(sheet, [column.heading for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(attendances, with_session):
        # Names are text: a name typed as "=..." must not become a formula.
        spreadsheets.append_row(sheet, row)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = (
            column.width * 1.6
        )
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _pdf() -> FPDF:
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_font(_FONT, "", str(font_file()))
    pdf.add_font(_FONT, "B", str(font_file("Bold")))
    # No forced direction: each cell's direction comes from its own text (bidi algorithm).
    pdf.set_text_shaping(use_shaping_engine=True)
    pdf.set_creator("Tadamon")
    return pdf


def attendance_pdf(
    *, title: str, subtitle: str, attendances: Iterable[Attendance], with_session: bool
) -> bytes:
    """A printable list: the title, a line of context, and the table of people present."""
    rtl = get_language_bidi()
    align = Align.R if rtl else Align.L
    columns = _columns(with_session)
    rows = _rows(attendances, with_session)
    if rtl:
        columns = columns[::-1]
        rows = [row[::-1] for row in rows]
    pdf = _pdf()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(_FONT, "B", 15)
    pdf.multi_cell(0, 9, title, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, "", 10)
    summary = _("%(subtitle)s · present: %(count)s") % {"subtitle": subtitle, "count": len(rows)}
    pdf.multi_cell(0, 7, summary, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(_FONT, "", 9)
    with pdf.table(
        col_widths=tuple(column.width for column in columns),
        text_align=align,
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 238, 228)),
        line_height=6,
        padding=(0.5, 1),
    ) as table:
        table.row([column.heading for column in columns])
        for row in rows:
            table.row(row)
    return bytes(pdf.output())
