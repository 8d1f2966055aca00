"""A4 documents in one language with the Amiri font: Arabic shaped by HarfBuzz (joined
letters, right to left), French left to right. Used by the B2B agendas and the reports."""

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from tadamon.programme.certificates.pdf import font_file

GREEN = (25, 115, 70)
GREY = (110, 110, 110)
MARGIN = 15.0


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
        if language == "ar":
            self.set_text_shaping(
                use_shaping_engine=True, direction="rtl", script="arab", language="ara"
            )
        else:
            # No script forced: an Arabic name inside French text is still joined.
            self.set_text_shaping(use_shaping_engine=True, direction="ltr", language="fra")

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
