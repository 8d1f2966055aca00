"""The PDF pieces every app shares: the Amiri font, HarfBuzz shaping per language, and two
kinds of page.

- :class:`ShapedPDF`: an A4 document in one language, Arabic shaped by HarfBuzz (joined
  letters, right to left), French left to right. Used by the B2B agendas and the reports.
- :class:`BilingualPDF`: the A4 landscape page that prints Arabic on the right and French on
  the left at once, inside a double green frame. Used by the certificates of attendance and
  the award certificates.

Amiri comes from the fontpkg-amiri package and has Latin letters too, so French and Latin
names use it as well.
"""

import logging
from functools import lru_cache
from pathlib import Path

import fontpkg_amiri
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

GREEN = (25, 115, 70)
GREY = (110, 110, 110)
MARGIN = 15.0

# fpdf2 subsets the font with fontTools, which logs every glyph list at INFO: dozens of
# lines per PDF under the site's INFO root logger.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@lru_cache(maxsize=2)
def font_file(style: str = "Regular") -> Path:
    """Amiri's TrueType file in `style` ("Regular" or "Bold")."""
    return Path(fontpkg_amiri.__file__).parent / "files" / f"Amiri-{style}.ttf"


def set_shaping(pdf: FPDF, language: str) -> None:
    """Shape the text written next in `language`: Arabic right to left, else left to right."""
    if language == "ar":
        pdf.set_text_shaping(
            use_shaping_engine=True, direction="rtl", script="arab", language="ara"
        )
    else:
        # No script forced: an Arabic name inside French text (or printed in the French
        # column when the Latin spelling is unknown) is still joined, HarfBuzz guessing the
        # script of each run.
        pdf.set_text_shaping(use_shaping_engine=True, direction="ltr", language="fra")


class ShapedPDF(FPDF):
    def __init__(self, language: str, *, orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.language = language
        self.add_font("Amiri", "", str(font_file()))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_creator("Tadamon")
        self.set_lang(language)
        self.shape(language)

    def shape(self, language: str) -> None:
        set_shaping(self, language)

    @property
    def rtl(self) -> bool:
        return self.language == "ar"

    @property
    def align(self) -> str:
        return "R" if self.rtl else "L"

    def write_line(
        self,
        text: str,
        *,
        size: float = 12,
        colour: tuple[int, int, int] = (0, 0, 0),
        height: float = 7,
        language: str | None = None,
    ) -> None:
        """A paragraph across the page; `language` shapes one line in the other language."""
        if language and language != self.language:
            self.shape(language)
        self.set_font("Amiri", "", size)
        self.set_text_color(*colour)
        align = "R" if (language or self.language) == "ar" else "L"
        self.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if language and language != self.language:
            self.shape(self.language)

    def row(self, cells: list[tuple[float, str]], *, size: float = 11, border: str = "B") -> None:
        """Cells of the given widths, laid right to left in Arabic."""
        self.set_font("Amiri", "", size)
        self.set_text_color(0, 0, 0)
        ordered = list(reversed(cells)) if self.rtl else cells
        top = self.get_y()
        x = self.l_margin
        bottom = top
        for width, text in ordered:
            self.set_xy(x, top)
            self.multi_cell(width, 6.5, text, border=border, align=self.align)
            bottom = max(bottom, self.get_y())
            x += width
        self.set_xy(self.l_margin, bottom)


class BilingualPDF(FPDF):
    """The A4 landscape page in both languages: two columns, Arabic on the right."""

    PAGE_W, PAGE_H = 297.0, 210.0
    MARGIN = 14.0
    GUTTER = 8.0
    COLUMN_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
    RIGHT_X = MARGIN + COLUMN_W + GUTTER

    def __init__(self) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.add_font("Amiri", "", str(font_file()))
        self.set_auto_page_break(auto=False)
        self.set_margins(self.MARGIN, self.MARGIN, self.MARGIN)
        self.c_margin = 0

    def write_lines(
        self,
        language: str,
        text: str,
        *,
        x: float,
        w: float,
        size: float,
        align: str = "",
        colour: tuple[int, int, int] = (0, 0, 0),
        line_h: float | None = None,
    ) -> None:
        if not text:
            return
        set_shaping(self, language)
        self.set_font("Amiri", "", size)
        self.set_text_color(*colour)
        self.set_x(x)
        chosen = Align.coerce(align or ("R" if language == "ar" else "L"))
        height = line_h or size * 0.5
        # Most lines fit: one cell shapes the text once, where multi_cell's line breaking
        # shapes it again for every character (three times slower for the whole page).
        if self.get_string_width(text) <= w:
            self.cell(w, height, text, align=chosen, new_x=XPos.LEFT, new_y=YPos.NEXT)
        else:
            self.multi_cell(w, height, text, align=chosen, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def frame(self) -> None:
        """The double green border around the page."""
        self.set_draw_color(*GREEN)
        self.set_line_width(1.2)
        self.rect(6, 6, self.PAGE_W - 12, self.PAGE_H - 12)
        self.set_line_width(0.3)
        self.rect(8.5, 8.5, self.PAGE_W - 17, self.PAGE_H - 17)

    def write_title(self, arabic: str, french: str) -> None:
        """The page's title across both columns: Arabic above, French below."""
        full_w = self.PAGE_W - 2 * self.MARGIN
        self.write_lines(
            "ar", arabic, x=self.MARGIN, w=full_w, size=32, align="C", colour=GREEN, line_h=15
        )
        self.write_lines(
            "fr", french, x=self.MARGIN, w=full_w, size=20, align="C", colour=GREEN, line_h=10
        )
