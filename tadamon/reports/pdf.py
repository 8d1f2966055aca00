"""The closing report as a PDF in Arabic or French: both titles, the headline figures with
the previous edition's, the awards, and the breakdowns drawn as vector bars (rectangles, not
pictures), so the page prints sharply and its text can be searched and read aloud."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from tadamon.core.figures import date_range_text, figure_text, list_text
from tadamon.core.pdf import GREEN, GREY, ShapedPDF
from tadamon.events.models import Event
from tadamon.reports import beneficiaries, comparison, details

BAR_H = 5.0


def _shown(value: Any) -> str:
    if value is None:
        return _("unknown")
    return figure_text(value) or str(value)


def _change(row: dict[str, Any]) -> str:
    if row["change"] is None:
        return "—"
    sign = "+" if row["change"] > 0 else ""
    text = f"{sign}{_shown(row['change'])}"
    if row["percent"] is None:
        return text
    return f"{text} ({sign}{figure_text(row['percent']) or row['percent']}%)"


def _bars(pdf: ShapedPDF, chart: dict[str, Any]) -> None:
    pdf.ln(2)
    pdf.write_line(chart["title"], size=13, colour=GREEN)
    label_w, value_w = pdf.epw * 0.38, pdf.epw * 0.17
    bar_w = pdf.epw - label_w - value_w
    for row in chart["rows"][:15]:
        if pdf.will_page_break(BAR_H + 1):
            pdf.add_page()
        top = pdf.get_y()
        length = max(bar_w * row["share"] / 100, 0.4)
        pdf.set_font("Amiri", "", 9)
        pdf.set_text_color(0, 0, 0)
        if pdf.rtl:
            label_x, bar_x, value_x = (
                pdf.l_margin + bar_w + value_w,
                pdf.l_margin + value_w,
                pdf.l_margin,
            )
            bar_start = bar_x + bar_w - length
        else:
            label_x, bar_x, value_x = (
                pdf.l_margin,
                pdf.l_margin + label_w,
                pdf.l_margin + label_w + bar_w,
            )
            bar_start = bar_x
        pdf.set_xy(label_x, top)
        pdf.cell(label_w - 1, BAR_H, str(row["label"])[:60], align=pdf.align)
        pdf.set_fill_color(*GREEN)
        pdf.rect(bar_start, top + 0.8, length, BAR_H - 1.6, style="F")
        pdf.set_xy(value_x, top)
        pdf.cell(value_w, BAR_H, _shown(row["value"]), align="C")
        pdf.set_y(top + BAR_H + 0.6)


def _communes(pdf: ShapedPDF, table: beneficiaries.CommuneTable | None) -> None:
    """The beneficiaries by commune and sex, as on the page."""
    if table is None:
        return
    pdf.ln(3)
    pdf.write_line(_("Beneficiaries by commune and sex"), size=13, colour=GREEN)
    w = pdf.epw
    columns = [(_("Women"), "women"), (_("Men"), "men")]
    if table.has_not_stated:
        columns.append((_("Sex not recorded"), "not_stated"))
    columns.append((_("Total"), "total"))
    first = w * 0.4
    width = (w - first) / len(columns)
    pdf.row([(first, _("Commune")), *((width, title) for title, _key in columns)], size=10)
    for row in [*table.rows, table.total]:
        if pdf.will_page_break(7):
            pdf.add_page()
        cells = [(first, row.commune)]
        cells += [(width, _shown(getattr(row, key))) for _title, key in columns]
        pdf.row(cells, size=10)


def render(event: Event, report: dict[str, Any], *, language: str) -> bytes:
    with translation.override(language):
        pdf = ShapedPDF(language)
        pdf.set_title(_("Closing report") + f" · {event.title_fr or event.title_ar}")
        pdf.add_page()
        pdf.write_line(_("Closing report"), size=12, colour=GREY)
        if event.title_ar:
            pdf.write_line(event.title_ar, size=17, colour=GREEN, height=9, language="ar")
        if event.title_fr:
            pdf.write_line(event.title_fr, size=15, colour=GREEN, height=8, language="fr")
        where = list_text(filter(None, [event.city, str(event.region or "")]), language)
        dates = date_range_text(event.start_date, event.end_date)
        edition = _("edition %(number)s") % {"number": event.edition} if event.edition else ""
        pdf.write_line(" · ".join(filter(None, [dates, where, edition])), size=11)
        pdf.ln(3)
        rows = comparison.headline(report)
        has_previous = report.get("previous_edition") is not None
        w = pdf.epw
        header = [(w * 0.42, _("Figure")), (w * 0.2, _("This edition"))]
        if has_previous:
            header += [(w * 0.18, _("Previous edition")), (w * 0.2, _("Difference"))]
        pdf.row(header, size=10)
        for row in rows:
            cells = [(w * 0.42, row["label"]), (w * 0.2, _shown(row["value"]))]
            if has_previous:
                cells += [(w * 0.18, _shown(row["previous"])), (w * 0.2, _change(row))]
            pdf.row(cells)
        if report["awards"]:
            pdf.ln(3)
            pdf.write_line(_("Awards"), size=13, colour=GREEN)
            for award in report["awards"]:
                line = f"{award['category_name']}: {award['winner']}"
                if award.get("joint"):
                    line += " (" + _("joint winner") + ")"
                pdf.write_line(line, size=10, height=6)
        _communes(pdf, beneficiaries.beneficiaries_by_commune(event))
        for chart in details.charts(event, report):
            _bars(pdf, chart)
        pdf.ln(3)
        pdf.write_line(
            _(
                "Computed by Tadamon from the data recorded during the event; “unknown” where "
                "nothing was recorded."
            ),
            size=8,
            colour=GREY,
            height=5,
        )
        return bytes(pdf.output())
