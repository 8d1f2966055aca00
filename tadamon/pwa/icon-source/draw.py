"""Draws tadamon.png, the one picture every icon of the installable app is cut from
(`manage.py build_assets`, tadamon/pwa/icons.py). Run once by hand when the mark changes:

    .venv/bin/python tadamon/pwa/icon-source/draw.py

The mark is the favicon's (tadamon/static/tadamon/favicon.svg): a green rounded square, here
with the white letter ت of تضامن in Amiri Bold (fontpkg-amiri, the font of Tadamon's PDFs).
The letter stays inside the inner circle of the square, so that the maskable icons, the
square shrunk onto a full-bleed green, keep it whole in any mask a phone cuts (a circle,
a squircle, a teardrop).
"""

from pathlib import Path

import fontpkg_amiri
from PIL import Image, ImageDraw, ImageFont

SIZE = 1024
GREEN = (25, 135, 84, 255)  # #198754, the favicon's green
WHITE = (255, 255, 255, 255)
LETTER = "ت"
# The letter's box fits in a circle of this share of the side around the centre.
LETTER_CIRCLE = 0.66


def draw() -> Image.Image:
    # Drawn at twice the size and reduced, for smooth edges on the rounded corners.
    big = SIZE * 2
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    canvas.rounded_rectangle((0, 0, big - 1, big - 1), radius=int(big * 0.22), fill=GREEN)
    font_path = Path(fontpkg_amiri.__file__).parent / "files" / "Amiri-Bold.ttf"
    # The largest letter whose box (dots included) fits in the circle.
    size = big
    while True:
        font = ImageFont.truetype(str(font_path), size)
        left, top, right, bottom = canvas.textbbox((0, 0), LETTER, font=font, anchor="mm")
        half_diagonal = ((right - left) ** 2 + (bottom - top) ** 2) ** 0.5 / 2
        if half_diagonal <= big * LETTER_CIRCLE / 2:
            break
        size -= 8
    # Centred on its own box, not on the font's baseline: the dots sit high.
    centre = big / 2
    canvas.text(
        (centre - (left + right) / 2, centre - (top + bottom) / 2),
        LETTER,
        font=font,
        fill=WHITE,
        anchor="mm",
    )
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    target = Path(__file__).with_name("tadamon.png")
    draw().save(target, optimize=True)
    print(f"Wrote {target}")
