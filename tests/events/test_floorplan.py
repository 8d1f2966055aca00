"""The floor plan SVG: well-formed, every booth drawn at its place, names escaped."""

from xml.etree import ElementTree as ET

import pytest
from django.utils import translation

from tadamon.events import floorplan
from tadamon.events.models import Booth, BoothAssignment
from tests.events.test_allocation_support import exhibitors, fair, organizations

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def booth_groups(root: ET.Element) -> dict[str, ET.Element]:
    return {
        group.get("data-booth"): group
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "booth"
    }


def texts(element: ET.Element) -> list[str]:
    return [text.text or "" for text in element.iter(f"{SVG}text")]


@pytest.fixture
def plan(organizer_body):
    """M1 of a 2 × 3 grid in two zones, plus a booth without a position; three exhibitors."""
    event, waves = fair(
        organizer_body, rows=2, columns=3, zone_of_row=lambda row: "AB"[row - 1],
        accessible=lambda r, c: c == 1,
    )  # fmt: skip
    Booth.objects.create(event=event, code="Z9", zone="B")
    names = ["تعاونية الأمل للنسيج", "<script>alert('x')</script> & co", "Coopérative " + "x" * 60]
    orgs = organizations(3, sectors=("sewing", "pottery", None), names=lambda i: names[i])
    participations = exhibitors(event, orgs)
    for participation, code in zip(participations, ("A01", "B02", "Z9"), strict=True):
        BoothAssignment.objects.create(
            event=event,
            participation=participation,
            wave=waves[0],
            booth=event.booths.get(code=code),
        )
    return event, waves, participations


def test_the_plan_is_well_formed_and_draws_every_booth_with_its_occupant(plan):
    event, waves, _participations = plan
    with translation.override("ar"):
        svg = floorplan.wave_svg(event, waves[0])
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").startswith("0 0 ") and root.get("width") == "100%"
    groups = booth_groups(root)
    assert set(groups) == set(event.booths.values_list("code", flat=True))
    assert len(list(root.iter(f"{SVG}rect"))) >= 7
    occupied = {code for code, group in groups.items() if group.get("data-occupied") == "1"}
    assert occupied == {"A01", "B02", "Z9"}
    # Every booth has a <title> for hover; occupants are named in the page's language.
    for code, group in groups.items():
        assert group.find(f"{SVG}title").text.startswith(f"Booth {code}") or code in (
            group.find(f"{SVG}title").text
        )
    assert "تعاونية الأمل للنسيج" in texts(groups["A01"])
    arabic = next(t for t in groups["A01"].iter(f"{SVG}text") if t.text == "تعاونية الأمل للنسيج")
    assert arabic.get("direction") == "rtl" and arabic.get("unicode-bidi") == "embed"
    # Zones are drawn as blocks; the booth without a position is laid out in its zone.
    zones = [g.get("data-zone") for g in root.iter(f"{SVG}g") if g.get("class") == "zone"]
    assert zones == ["A", "B"]
    assert "Z9" in {g.get("data-booth") for g in root.iter(f"{SVG}g") if g.get("data-zone") is None}


def test_names_are_escaped_and_long_names_cut(plan):
    event, waves, _participations = plan
    with translation.override("ar"):
        svg = floorplan.wave_svg(event, waves[0])
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    groups = booth_groups(root)
    assert any("<script>" in text for text in texts(groups["B02"]))  # text, not markup
    assert not list(root.iter(f"{SVG}script"))
    hover = groups["B02"].find(f"{SVG}title").text
    assert "<script>alert('x')</script> & co" in hover
    lines = [t for t in texts(groups["Z9"]) if t.startswith("تعاونية") or "x" in t]
    assert lines and all(len(line) <= floorplan.NAME_LINE for line in lines)


def test_the_names_follow_the_page_language(plan):
    event, waves, _participations = plan
    with translation.override("fr"):
        svg = floorplan.wave_svg(event, waves[0])
    groups = booth_groups(parse(svg))
    assert "Coopérative 0" in texts(groups["A01"])


def test_the_legend_lists_the_sectors_present_with_their_colours(plan):
    event, waves, _participations = plan
    with translation.override("en"):
        root = parse(floorplan.wave_svg(event, waves[0]))
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    assert texts(legend) == [
        "Sectors",
        "Modern and traditional sewing",
        "No sector",
        "Pottery and ceramics",
    ]
    swatches = {r.get("fill") for r in legend.iter(f"{SVG}rect")}
    assert floorplan.SECTOR_COLOURS["sewing"] in swatches
    assert floorplan.SECTOR_COLOURS["pottery"] in swatches
    assert floorplan.NO_SECTOR_FILL in swatches
    # Another wave has nobody: every booth free, no legend.
    other = parse(floorplan.wave_svg(event, waves[1]))
    assert all(g.get("data-occupied") == "0" for g in booth_groups(other).values())
    assert not [g for g in other.iter(f"{SVG}g") if g.get("class") == "legend"]


def test_characters_xml_cannot_hold_are_dropped():
    booth = Booth(pk=1, code="A\x0101", zone="", row=1, column=1)
    svg = floorplan.render_svg(
        booths=[booth],
        occupants={
            1: floorplan.Occupant(name="Coop\x00 \x1bNour", sector_code="x", sector_name="X")
        },
        title="Plan\x07",
    )
    root = parse(svg)
    assert "Coop Nour" in texts(root) and "A01" in texts(root)
    assert root.find(f"{SVG}title").text == "Plan"


def test_name_lines_cut_at_words_and_mark_the_cut():
    assert floorplan.name_lines("Coop") == ["Coop"]
    assert floorplan.name_lines("Coopérative agricole féminine des produits du terroir") == [
        "Coopérative agricole",
        "féminine des…",
    ]
    assert all(len(line) <= 20 for line in floorplan.name_lines("x" * 80))
