"""An award certificate: one A4 landscape page, Arabic on the right and French on the left.

It is the bilingual page of tadamon.core.pdf that the certificates of attendance print too
(Amiri font, HarfBuzz shaping through fpdf2, the frame and the column layout). As there, the
wording is fixed in both languages rather than passed through gettext: both halves are
printed at once.
"""

from typing import Any

from tadamon.awards.models import AwardResult
from tadamon.core.pdf import GREEN, BilingualPDF

COLUMN_W, GUTTER = BilingualPDF.COLUMN_W, BilingualPDF.GUTTER
MARGIN, RIGHT_X = BilingualPDF.MARGIN, BilingualPDF.RIGHT_X

WORDING = {
    "ar": {
        "title": "شهادة تتويج",
        "intro": "تشهد الجهة المنظمة بأن",
        "body": 'قد فاز(ت) بـ"{category}" في إطار "{event}".',
        "rank": "المرتبة: {rank}",
        "joint": "المرتبة: {rank} مناصفة",
    },
    "fr": {
        "title": "Certificat de distinction",
        "intro": "Les organisateurs certifient que",
        "body": "a remporté le prix « {category} » lors de « {event} ».",
        "rank": "Rang : {rank}",
        "joint": "Rang : {rank} ex æquo",
    },
}


def _pick(ar: str, fr: str, language: str) -> str:
    return (ar or fr) if language == "ar" else (fr or ar)


def statement_of(result: AwardResult) -> dict[str, Any]:
    """What the certificate prints, in both languages."""
    category, event, winner = result.category, result.category.event, result.winner
    if result.organization_id:
        names = {"ar": winner.name_ar, "fr": winner.name_fr}
    else:
        names = {"ar": str(winner), "fr": str(winner)}
    return {
        language: {
            "winner": _pick(names["ar"], names["fr"], language),
            "category": _pick(category.name_ar, category.name_fr, language),
            "event": _pick(event.title_ar, event.title_fr, language),
            "rank": result.rank,
            "joint": result.category.results.filter(rank=result.rank)
            .exclude(pk=result.pk)
            .exists(),
        }
        for language in ("ar", "fr")
    }


def render_result(result: AwardResult) -> bytes:
    statement = statement_of(result)
    pdf = BilingualPDF()
    pdf.set_title(f"{statement['fr']['category']} · {statement['fr']['winner']}")
    pdf.set_lang("ar")
    pdf.set_creator("Tadamon")
    pdf.add_page()
    pdf.frame()
    pdf.set_y(30)
    pdf.write_title(WORDING["ar"]["title"], WORDING["fr"]["title"])
    top = pdf.get_y() + 8
    for language, x in (("ar", RIGHT_X), ("fr", MARGIN)):
        words, data = WORDING[language], statement[language]
        pdf.set_y(top)
        pdf.write_lines(language, words["intro"], x=x, w=COLUMN_W, size=14, align="C")
        pdf.write_lines(
            language,
            data["winner"],
            x=x,
            w=COLUMN_W,
            size=26,
            align="C",
            colour=GREEN,
            line_h=12,
        )
        pdf.set_y(pdf.get_y() + 3)
        body = words["body"].format(category=data["category"], event=data["event"])
        pdf.write_lines(language, body, x=x, w=COLUMN_W, size=14, align="C", line_h=7)
        pdf.set_y(pdf.get_y() + 3)
        rank = words["joint" if data["joint"] else "rank"].format(rank=data["rank"])
        pdf.write_lines(language, rank, x=x, w=COLUMN_W, size=16, align="C", colour=GREEN)
    pdf.set_draw_color(*GREEN)
    pdf.set_line_width(0.3)
    middle = MARGIN + COLUMN_W + GUTTER / 2
    pdf.line(middle, top, middle, 170)
    return bytes(pdf.output())
