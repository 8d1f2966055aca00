"""The app's icons are cut at build time from the one source picture."""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tadamon.pwa import icons


def make_source(path: Path, *, square: str, letter: str, side: int = 1024) -> Path:
    """A source like the real one: a coloured square with a smaller mark in its middle."""
    image = Image.new("RGBA", (side, side), square)
    mark = Image.new("RGBA", (side // 4, side // 4), letter)
    image.alpha_composite(mark, (side * 3 // 8, side * 3 // 8))
    image.save(path)
    return path


def test_every_size_and_kind_is_written(tmp_path):
    source = make_source(tmp_path / "source.png", square="#198754", letter="#ffffff")
    assert icons.build(source, tmp_path / "out") is True
    written = {}
    for icon in icons.ICONS:
        with Image.open(tmp_path / "out" / icon.name) as image:
            assert image.format == "PNG"
            written[icon.name] = (image.size, image.mode)
    assert written == {
        "icon-192.png": ((192, 192), "RGBA"),
        "icon-512.png": ((512, 512), "RGBA"),
        "maskable-192.png": ((192, 192), "RGB"),
        "maskable-512.png": ((512, 512), "RGB"),
        "apple-touch-icon.png": ((180, 180), "RGB"),
        "favicon-32.png": ((32, 32), "RGBA"),
        "favicon-16.png": ((16, 16), "RGBA"),
    }
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == sorted(written)


def test_the_outputs_follow_the_source_and_nothing_else(tmp_path):
    source = make_source(tmp_path / "source.png", square="#198754", letter="#ffffff")
    out = tmp_path / "out"
    icons.build(source, out)
    with Image.open(out / "icon-512.png") as image:
        assert image.getpixel((256, 256)) == (255, 255, 255, 255)
        assert image.getpixel((20, 256)) == (25, 135, 84, 255)

    # Up to date: nothing is written again.
    stamps = {path.name: path.stat().st_mtime_ns for path in out.iterdir()}
    assert icons.build(source, out) is False
    assert {path.name: path.stat().st_mtime_ns for path in out.iterdir()} == stamps

    # A new source, newer than the icons: every icon is cut again, from it.
    make_source(source, square="#0a58ca", letter="#ffcc00")
    later = max(stamps.values()) / 1e9 + 5
    os.utime(source, (later, later))
    assert icons.build(source, out) is True
    with Image.open(out / "icon-512.png") as image:
        assert image.getpixel((256, 256)) == (255, 204, 0, 255)
        assert image.getpixel((20, 256)) == (10, 88, 202, 255)
    with Image.open(out / "maskable-512.png") as image:
        # Full-bleed: the corners carry the source's background, no transparency.
        assert image.getpixel((0, 0)) == (10, 88, 202)
        assert image.getpixel((256, 256)) == (255, 204, 0)


def test_maskable_icons_keep_the_mark_inside_the_safe_zone(tmp_path):
    """The mark (here filling the source's inner half) shrinks to 80%: a circle mask of 80%
    of the side, the spec's safe zone, leaves it whole."""
    source = make_source(tmp_path / "source.png", square="#198754", letter="#ffffff")
    icons.build(source, tmp_path / "out")
    with Image.open(tmp_path / "out" / "maskable-512.png") as image:
        # The box of the pure white pixels; its corners inside the circle put them all in it.
        box = image.convert("L").point(lambda value: 255 if value == 255 else 0).getbbox()
    assert box is not None
    left, top, right, bottom = box
    radius = 0.4 * 512
    for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
        assert (x - 256) ** 2 + (y - 256) ** 2 < radius**2
    # The mark is 1/4 of the source, the source 80% of the icon: 1/5 of the icon.
    assert right - left == pytest.approx(512 / 5, abs=3)


def test_a_source_too_small_or_not_square_is_refused(tmp_path):
    small = make_source(tmp_path / "small.png", square="#198754", letter="#fff", side=512)
    with pytest.raises(icons.SourceError):
        icons.build(small, tmp_path / "out")
    wide = tmp_path / "wide.png"
    Image.new("RGBA", (1200, 1024), "#198754").save(wide)
    with pytest.raises(icons.SourceError):
        icons.build(wide, tmp_path / "out")


def test_the_committed_source_is_a_large_square():
    with Image.open(icons.SOURCE) as image:
        assert image.width == image.height >= 1024


def test_the_static_finders_serve_the_built_icons():
    """settings.STATICFILES_DIRS gives the built folder its static prefix."""
    for icon in icons.ICONS:
        found = finders.find(icon.static_path)
        assert found, icon.static_path
        with Image.open(found) as image:
            assert image.size == (icon.size, icon.size)


def test_a_stale_icon_is_rebuilt(tmp_path):
    source = tmp_path / "source.png"
    shutil.copy(icons.SOURCE, source)
    out = tmp_path / "out"
    icons.build(source, out)
    (out / "favicon-16.png").unlink()
    assert icons.build(source, out) is True
    assert (out / "favicon-16.png").is_file()
