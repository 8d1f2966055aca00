"""The Arabic web font is cut for phones at build time and still shapes Arabic as the
package's font does."""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
import uharfbuzz as hb
from django.contrib.staticfiles import finders
from fontTools.ttLib import TTFont

from tadamon.pwa import webfont

CSS = Path(__file__).resolve().parents[2] / "tadamon" / "static" / "tadamon" / "tadamon.css"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fonts")
    assert webfont.build(webfont.SOURCE, folder) is True
    return folder / webfont.NAME


def shaped(font_bytes: bytes, text: str, variations: dict[str, float]) -> list[str]:
    """The glyphs HarfBuzz draws `text` with: the joined forms Arabic needs."""
    font = hb.Font(hb.Face(font_bytes))
    font.set_variations(variations)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    names = TTFont(io.BytesIO(font_bytes)).getGlyphOrder()
    return [names[info.codepoint] for info in buffer.glyph_infos]


def as_truetype(path: Path) -> bytes:
    """HarfBuzz reads TrueType, not WOFF2: the same font unpacked."""
    font = TTFont(path)
    font.flavor = None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def test_it_is_woff2_and_a_small_part_of_the_package_font(built):
    assert built.read_bytes()[:4] == b"wOF2"
    size = built.stat().st_size
    # The package's variable TrueType is 844 KB (about 360 KB compressed on the wire).
    assert size < 150_000
    assert size < webfont.SOURCE.stat().st_size / 5


def test_it_keeps_every_character_and_only_the_weights_pages_use(built):
    source, cut = TTFont(webfont.SOURCE), TTFont(built)
    assert cut.getBestCmap() == source.getBestCmap()
    axes = {axis.axisTag: (axis.minValue, axis.maxValue) for axis in cut["fvar"].axes}
    assert axes == {"wght": webfont.WEIGHTS}


@pytest.mark.parametrize("text", ["تضامن", "التعاونيات الفلاحية", "معرض الاقتصاد الاجتماعي"])
def test_arabic_letters_join_as_with_the_package_font(built, text):
    cut = shaped(as_truetype(built), text, {"wght": 700})
    package = shaped(webfont.SOURCE.read_bytes(), text, {"wght": 700, "wdth": webfont.WIDTH})
    assert cut == package


def test_the_letters_of_a_word_take_their_joined_forms(built):
    font = as_truetype(built)
    # The font names its contextual forms by suffix (its dots are glyphs of their own).
    forms = {name.rpartition(".")[2] for name in shaped(font, "تضامن", {"wght": 400})}
    assert {"init", "medi", "fina"} <= forms
    for letter in "تضامن":
        alone = shaped(font, letter, {"wght": 400})
        assert not any(name.endswith((".init", ".medi", ".fina")) for name in alone)


def test_the_stylesheet_asks_for_it_with_its_weights():
    css = CSS.read_text()
    assert f'url("../fonts/{webfont.NAME}") format("woff2")' in css
    low, high = webfont.WEIGHTS
    face = re.search(r"@font-face\s*{[^}]*}", css).group(0)
    assert f"font-weight: {low} {high};" in face


def test_the_static_finders_serve_the_built_font():
    found = finders.find(webfont.STATIC_PATH)
    assert found and Path(found).read_bytes()[:4] == b"wOF2"


def test_it_is_built_again_only_when_its_source_changes(tmp_path, built):
    source = tmp_path / "source.ttf"
    shutil.copy(webfont.SOURCE, source)
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.copy(built, folder / webfont.NAME)
    assert webfont.build(source, folder) is False
    later = (folder / webfont.NAME).stat().st_mtime + 10
    os.utime(source, (later, later))
    assert webfont.build(source, folder) is True
    assert (folder / webfont.NAME).read_bytes()[:4] == b"wOF2"
    assert [path.name for path in folder.iterdir()] == [webfont.NAME]
