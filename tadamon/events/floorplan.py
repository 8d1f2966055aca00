"""The floor plan of one wave as SVG: booths at their (column, row) positions, grouped by zone,
coloured by the exhibitor's sector, labelled with the booth code and the exhibitor's name in
the page's language, with a legend of the sectors.

- Positions are read within each zone: a zone is drawn as a block from its smallest row and
  column; booths without a position follow, in rows of :data:`LOOSE_PER_ROW`.
- The drawing has a ``viewBox`` and a width of 100%, so it scales to a phone's screen and
  prints on one page; every booth has a ``<title>`` (shown on hover, read by screen readers).
- The document is built with ElementTree, which escapes every text and attribute: a name
  like ``<script>`` stays text. Characters XML cannot hold are dropped.
"""

import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from tadamon.events.models import Booth, BoothAssignment, Event, Wave

CELL_WIDTH = 140
CELL_HEIGHT = 64
GAP = 8
MARGIN = 16
ZONE_HEADING = 30
LEGEND_ROW = 24
LEGEND_COLUMNS = 3
LEGEND_WIDTH = 260
LOOSE_PER_ROW = 10
NAME_LINE = 20  # characters per line of the exhibitor's name; two lines at most
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans Arabic', 'Noto Sans', Tahoma, sans-serif"
TEXT_COLOUR = "#212529"
FREE_FILL = "#ffffff"
NO_SECTOR_FILL = "#e9ecef"

# A fixed, light palette (dark text stays readable on every colour, also printed in grey).
SECTOR_COLOURS = {
    "sewing": "#f4a6a6",
    "leather": "#d9b38c",
    "textile": "#f7c873",
    "weaving": "#e9d8a6",
    "basketry": "#d4e09b",
    "upholstery": "#b8c0ff",
    "natural_cosmetics": "#ffc8dd",
    "jewellery": "#cdb4db",
    "pottery": "#f4a261",
    "terroir_products": "#90be6d",
    "aromatic_plants": "#a8dadc",
    "handicrafts": "#ffd6a5",
    "agri_food": "#caffbf",
    "services": "#bdb2ff",
    "argan": "#e9c46a",
    "olive_oil": "#b5c99a",
    "honey": "#ffe066",
    "dates": "#ddb892",
    "dairy": "#e0fbfc",
    "couscous_pasta": "#fde4cf",
    "saffron": "#ffadad",
    "carpets": "#ff99c8",
    "embroidery": "#fcf6bd",
    "woodwork": "#c9ada7",
    "agriculture": "#9bf6ff",
    "livestock": "#d0f4de",
    "fishing": "#a0c4ff",
    "tourism": "#ffc6ff",
    "digital": "#c1d3fe",
    "recycling": "#b9fbc0",
    "education_care": "#f1c0e8",
    "other": "#dee2e6",
}
_SPARE_COLOURS = ("#e5989b", "#b5838d", "#ffcdb2", "#a3c4f3", "#8eecf5", "#cfbaf0", "#f1faee")

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def sector_colour(code: str | None) -> str:
    if not code:
        return NO_SECTOR_FILL
    if code in SECTOR_COLOURS:
        return SECTOR_COLOURS[code]
    return _SPARE_COLOURS[zlib.crc32(code.encode()) % len(_SPARE_COLOURS)]


@dataclass(frozen=True)
class Occupant:
    """Who holds a booth in the wave drawn."""

    name: str
    sector_code: str | None
    sector_name: str


def clean_text(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def name_lines(name: str, width: int = NAME_LINE, count: int = 2) -> list[str]:
    """The name cut into at most `count` lines at word boundaries, ending with "…" when cut."""
    words = clean_text(name).split()
    lines: list[str] = []
    current = ""
    cut = False
    for word in words:
        if len(lines) == count:
            cut = True
            break
        if len(word) > width:
            word, cut = word[: width - 1] + "…", True
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
    if current:
        if len(lines) < count:
            lines.append(current)
        else:
            cut = True
    if cut and lines and not lines[-1].endswith("…"):
        last = lines[-1]
        lines[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return lines


def _text(parent: ET.Element, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {k.replace("_", "-"): v for k, v in attributes.items()})
    element.text = clean_text(text)
    if is_arabic(element.text):
        # Right to left, still growing rightwards from x as the other texts: under rtl the
        # "end" of the text is its left edge.
        element.set("direction", "rtl")
        element.set("unicode-bidi", "embed")
        if element.get("text-anchor", "start") == "start":
            element.set("text-anchor", "end")
    return element


def _layout(booths: list[Booth]) -> list[tuple[str, list[tuple[Booth, int, int]], int, int]]:
    """Per zone: its name, each booth with its (x, y) cell, and the block's columns and rows."""
    zones: dict[str, list[Booth]] = {}
    for booth in booths:
        zones.setdefault(booth.zone, []).append(booth)

    def first_row(item: tuple[str, list[Booth]]) -> tuple:
        rows = [b.row for b in item[1] if b.row is not None]
        return (min(rows) if rows else 10**6, item[0])

    blocks = []
    for zone, members in sorted(zones.items(), key=first_row):
        placed = [b for b in members if b.row is not None and b.column is not None]
        loose = sorted((b for b in members if b.row is None or b.column is None), key=_code_key)
        cells: list[tuple[Booth, int, int]] = []
        width = height = 0
        if placed:
            top = min(b.row for b in placed)
            left = min(b.column for b in placed)
            for booth in placed:
                cells.append((booth, booth.column - left, booth.row - top))
            width = max(x for _b, x, _y in cells) + 1
            height = max(y for _b, _x, y in cells) + 1
        per_row = max(width, LOOSE_PER_ROW) if loose else width
        for index, booth in enumerate(loose):
            cells.append((booth, index % per_row, height + index // per_row))
        if loose:
            width = max(width, min(per_row, len(loose)))
            height += (len(loose) + per_row - 1) // per_row
        blocks.append((zone, cells, width, height))
    return blocks


def _code_key(booth: Booth) -> tuple:
    return (len(booth.code), booth.code)


def render_svg(
    *,
    booths: Iterable[Booth],
    occupants: Mapping[int, Occupant],
    title: str,
    element_id: str = "floorplan",
) -> str:
    """The SVG document of a plan: `occupants` maps booth ids to who holds them."""
    booths = list(booths)
    blocks = _layout(booths)
    legend: dict[str | None, str] = {}
    for occupant in occupants.values():
        legend.setdefault(occupant.sector_code, occupant.sector_name or _("No sector"))
    content_width = max(
        [w * (CELL_WIDTH + GAP) - GAP for _z, _c, w, _h in blocks] + [LEGEND_COLUMNS * LEGEND_WIDTH]
    )
    width = content_width + 2 * MARGIN
    title_id = f"{element_id}-title"
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "floorplan",
            "id": element_id,
            "role": "img",
            "aria-labelledby": title_id,
            "width": "100%",
            "preserveAspectRatio": "xMidYMin meet",
            "font-family": FONT,
            # Positions are the hall's, not the page's: an Arabic page must not mirror them.
            "direction": "ltr",
            "fill": TEXT_COLOUR,
        },
    )
    heading = ET.SubElement(svg, "title", {"id": title_id})
    heading.text = clean_text(title)
    y = MARGIN
    _text(svg, title, x=str(MARGIN), y=str(y + 16), font_size="18", font_weight="bold")
    y += 28
    for zone, cells, _w, height in blocks:
        label = _("Zone %(zone)s") % {"zone": zone} if zone else _("No zone")
        group = ET.SubElement(svg, "g", {"class": "zone", "data-zone": clean_text(zone)})
        _text(group, label, x=str(MARGIN), y=str(y + 20), font_size="15", font_weight="bold")
        top = y + ZONE_HEADING
        for booth, column, row in cells:
            _booth(
                group,
                booth,
                occupants.get(booth.pk),
                MARGIN + column * (CELL_WIDTH + GAP),
                top + row * (CELL_HEIGHT + GAP),
            )
        y = top + height * (CELL_HEIGHT + GAP) + GAP
    if not booths:
        _text(svg, _("No booth yet."), x=str(MARGIN), y=str(y + 16), font_size="14")
        y += 28
    y = _legend(svg, legend, y + 8)
    svg.set("viewBox", f"0 0 {width} {y + MARGIN}")
    return ET.tostring(svg, encoding="unicode")


def _booth(parent: ET.Element, booth: Booth, occupant: Occupant | None, x: int, y: int) -> None:
    group = ET.SubElement(
        parent,
        "g",
        {
            "class": "booth",
            "data-booth": clean_text(booth.code),
            "data-occupied": "1" if occupant else "0",
        },
    )
    details = [_("Booth %(booth)s") % {"booth": booth.code}]
    if booth.zone:
        details.append(_("zone %(zone)s") % {"zone": booth.zone})
    if booth.accessible:
        details.append(_("accessible"))
    if occupant:
        details.append(f"{occupant.name} ({occupant.sector_name or _('No sector')})")
    else:
        details.append(_("free"))
    hover = ET.SubElement(group, "title")
    hover.text = clean_text(" · ".join(details))
    ET.SubElement(
        group,
        "rect",
        {
            "x": str(x),
            "y": str(y),
            "width": str(CELL_WIDTH),
            "height": str(CELL_HEIGHT),
            "rx": "4",
            "fill": sector_colour(occupant.sector_code) if occupant else FREE_FILL,
            "stroke": "#495057" if occupant else "#adb5bd",
            "stroke-width": "1",
            **({} if occupant else {"stroke-dasharray": "4 3"}),
        },
    )
    code = _text(group, booth.code, x=str(x + 6), y=str(y + 15), font_size="11", font_weight="bold")
    code.set("direction", "ltr")
    if booth.accessible:
        _text(group, "♿", x=str(x + CELL_WIDTH - 18), y=str(y + 15), font_size="12")
    if occupant is None:
        _text(
            group,
            _("free"),
            x=str(x + CELL_WIDTH // 2),
            y=str(y + 40),
            font_size="11",
            text_anchor="middle",
            fill="#6c757d",
        )
        return
    lines = name_lines(occupant.name)
    first = y + (36 if len(lines) > 1 else 42)
    for index, line in enumerate(lines):
        _text(
            group,
            line,
            x=str(x + CELL_WIDTH // 2),
            y=str(first + index * 15),
            font_size="12",
            text_anchor="middle",
        )


def _legend(svg: ET.Element, legend: Mapping[str | None, str], y: int) -> int:
    if not legend:
        return y
    group = ET.SubElement(svg, "g", {"class": "legend"})
    _text(group, _("Sectors"), x=str(MARGIN), y=str(y + 14), font_size="14", font_weight="bold")
    y += 24
    items = sorted(legend.items(), key=lambda item: item[1])
    for index, (code, name) in enumerate(items):
        x = MARGIN + (index % LEGEND_COLUMNS) * LEGEND_WIDTH
        top = y + (index // LEGEND_COLUMNS) * LEGEND_ROW
        ET.SubElement(
            group,
            "rect",
            {
                "x": str(x),
                "y": str(top),
                "width": "16",
                "height": "16",
                "fill": sector_colour(code),
                "stroke": "#495057",
                "class": "swatch",
            },
        )
        _text(group, name, x=str(x + 22), y=str(top + 13), font_size="12")
    return y + ((len(items) + LEGEND_COLUMNS - 1) // LEGEND_COLUMNS) * LEGEND_ROW


def occupants_of(assignments: Iterable[BoothAssignment]) -> dict[int, Occupant]:
    """Booth id → occupant, named in the active language."""
    occupants = {}
    for assignment in assignments:
        organization = assignment.participation.organization
        sector = organization.primary_sector
        occupants[assignment.booth_id] = Occupant(
            name=organization.display_name,
            sector_code=sector.code if sector else None,
            sector_name=sector.name if sector else "",
        )
    return occupants


def wave_svg(event: Event, wave: Wave | None) -> str:
    """The plan of `event` in `wave` (None: an event without waves)."""
    assignments = event.assignments.filter(wave=wave).select_related(
        "participation__organization__primary_sector"
    )
    if wave is not None:
        title = _("%(event)s · %(wave)s") % {"event": event.title, "wave": wave.name}
    else:
        title = event.title
    return render_svg(
        booths=event.booths.order_by("zone", "row", "column", "code"),
        occupants=occupants_of(assignments),
        title=title,
        element_id=f"floorplan-{wave.pk if wave else 'all'}",
    )
