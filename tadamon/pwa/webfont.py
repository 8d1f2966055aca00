"""The Arabic web font, cut at build time for phones on a weak network.

fontpkg-noto-sans-arabic ships one variable TrueType font of 844 KB (about 360 KB once
compressed for the wire) with a width axis our pages never use and weights from 100 to 900.
Pinned to the normal width, its weights limited to the range our pages ask for (Bootstrap's
400 to 700) and written as WOFF2, it is about 117 KB: a third for a phone's first visit.
Every character and the shaping tables stay, so Arabic letters still join.

`manage.py build_assets` (and the test suite, tests/conftest.py) writes it into
settings.TADAMON_FONTS_DIR, a git-ignored folder that STATICFILES_DIRS serves as static/fonts/,
where tadamon/static/tadamon/tadamon.css asks for it. PDFs use the package's font as it is.
"""

from pathlib import Path

import fontpkg_noto_sans_arabic
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from tadamon.pwa import built

SOURCE = Path(fontpkg_noto_sans_arabic.__file__).parent / "files" / "NotoSansArabic[wdth,wght].ttf"
NAME = "NotoSansArabic-tadamon.woff2"
# Its address under STATIC_URL (settings.STATICFILES_DIRS gives the folder this prefix).
STATIC_PATH = f"fonts/{NAME}"
WIDTH = 100  # normal; the font goes down to 62.5 (condensed)
WEIGHTS = (400, 700)  # tadamon.css declares the same range in its @font-face


def cut(source: Path = SOURCE) -> TTFont:
    """The font at normal width with the weights of WEIGHTS, ready to be saved as WOFF2."""
    font = instancer.instantiateVariableFont(TTFont(source), {"wdth": WIDTH, "wght": WEIGHTS})
    font.flavor = "woff2"
    return font


def build(source: Path = SOURCE, output_dir: Path | None = None, *, force: bool = False) -> bool:
    """Write the web font from `source` into `output_dir` (settings.TADAMON_FONTS_DIR by
    default). Returns False, having written nothing, when it is already up to date."""
    if output_dir is None:
        from django.conf import settings

        output_dir = Path(settings.TADAMON_FONTS_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / NAME
    if not force and built.up_to_date([Path(source), Path(__file__)], [target]):
        return False
    font = cut(Path(source))
    with built.written_aside(target) as temporary:
        font.save(temporary)
    return True
