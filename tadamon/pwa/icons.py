"""The installable app's icons, cut at build time from one picture (icon-source/tadamon.png).

Phones want several sizes and two kinds: "any" icons are the picture as drawn (a rounded
square, transparent corners), "maskable" ones fill the whole square with the picture's
background, the picture shrunk into the safe zone, because Android cuts its own shape out of
them. iOS puts a black background behind transparency, so its icon is full-bleed too.

`manage.py build_assets` (and the test suite, tests/conftest.py) writes them into
settings.TADAMON_ICONS_DIR, a git-ignored folder that STATICFILES_DIRS serves as
static/tadamon/icons/: collectstatic hashes and compresses them like every static file.
"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tadamon.pwa import built

SOURCE = Path(__file__).resolve().parent / "icon-source" / "tadamon.png"
# Their address under STATIC_URL (settings.STATICFILES_DIRS gives the folder this prefix).
STATIC_PREFIX = "tadamon/icons"
# A maskable icon's safe zone is the centred circle of 80% of its side (the W3C manifest
# spec): the picture drawn into that square keeps its own inner circle, where the letter is.
MASKABLE_SCALE = 0.8
MIN_SOURCE_SIDE = 1024


@dataclass(frozen=True)
class Icon:
    name: str
    size: int
    # "any": the picture as drawn; "maskable": full-bleed, the picture in the safe zone;
    # "apple": full-bleed, the picture at full size (iOS rounds the corners itself).
    kind: str
    # Listed in the web app manifest (the others are named by base.html's <link>s).
    in_manifest: bool

    @property
    def static_path(self) -> str:
        return f"{STATIC_PREFIX}/{self.name}"


ICONS = (
    Icon("icon-192.png", 192, "any", in_manifest=True),
    Icon("icon-512.png", 512, "any", in_manifest=True),
    Icon("maskable-192.png", 192, "maskable", in_manifest=True),
    Icon("maskable-512.png", 512, "maskable", in_manifest=True),
    Icon("apple-touch-icon.png", 180, "apple", in_manifest=False),
    Icon("favicon-32.png", 32, "any", in_manifest=False),
    Icon("favicon-16.png", 16, "any", in_manifest=False),
)


class SourceError(ValueError):
    pass


def open_source(source: Path) -> Image.Image:
    image = Image.open(source)
    image.load()
    width, height = image.size
    if width != height or width < MIN_SOURCE_SIDE:
        raise SourceError(
            f"{source} is {width}×{height}: the icons need a square of at least "
            f"{MIN_SOURCE_SIDE}×{MIN_SOURCE_SIDE}."
        )
    return image.convert("RGBA")


def background(picture: Image.Image) -> tuple[int, int, int, int]:
    """The picture's background: its commonest opaque colour (the square around the letter),
    which fills the full-bleed icons so that their padding is the picture's own colour."""
    counts = Counter(
        {colour: count for count, colour in picture.getcolors(picture.width * picture.height)}
    )
    for colour, _count in counts.most_common():
        if colour[3] == 255:
            return colour
    raise SourceError("The icon source has no opaque pixel to take its background from.")


def render(picture: Image.Image, icon: Icon) -> Image.Image:
    if icon.kind == "any":
        return picture.resize((icon.size, icon.size), Image.Resampling.LANCZOS)
    # Flattened onto its background at full size, then padded, then reduced once: shrinking
    # the transparent picture first would leave a faint ring where its corners were.
    colour = background(picture)
    scale = MASKABLE_SCALE if icon.kind == "maskable" else 1.0
    side = round(picture.width / scale)
    canvas = Image.new("RGBA", (side, side), colour)
    offset = (side - picture.width) // 2
    canvas.alpha_composite(picture, (offset, offset))
    # Full-bleed icons are opaque: no alpha channel to carry.
    return canvas.convert("RGB").resize((icon.size, icon.size), Image.Resampling.LANCZOS)


def up_to_date(source: Path, output_dir: Path) -> bool:
    """Every icon exists and is newer than the source and than this builder."""
    return built.up_to_date([source, Path(__file__)], [output_dir / icon.name for icon in ICONS])


def build(source: Path = SOURCE, output_dir: Path | None = None, *, force: bool = False) -> bool:
    """Write every icon of ICONS from `source` into `output_dir` (settings.TADAMON_ICONS_DIR
    by default). Returns False, having written nothing, when they are already up to date."""
    if output_dir is None:
        from django.conf import settings

        output_dir = Path(settings.TADAMON_ICONS_DIR)
    source = Path(source)
    output_dir.mkdir(parents=True, exist_ok=True)
    if not force and up_to_date(source, output_dir):
        return False
    picture = open_source(source)
    for icon in ICONS:
        with built.written_aside(output_dir / icon.name) as temporary:
            render(picture, icon).save(temporary, format="PNG", optimize=True)
    return True
