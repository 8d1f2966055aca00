"""E1 end to end (SPEC 1 and the issue's acceptance): 180 confirmed exhibitors without waves,
three monthly waves, 60 booths in a grid, 10 sectors → 60 exhibitors in each wave, no two of
the same sector side by side, the floor plan of each wave drawn."""

import time
from collections import Counter, defaultdict
from xml.etree import ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from tadamon.events import floorplan
from tadamon.events.models import AllocationRun, BoothAssignment
from tadamon.events.services import allocation as services
from tadamon.events.services import booth_moves
from tests.events.test_allocation_support import E1_SECTORS, e1

pytestmark = pytest.mark.django_db

TIME_LIMIT_S = 5


def same_sector_neighbours(event) -> list[tuple[str, str, str]]:
    """Checked here from the stored assignments and the booth positions, independently of
    the service: neighbours share a zone and are next to each other in a row or a column."""
    booths = {(b.zone, b.row, b.column): b for b in event.booths.all()}
    sector_at = {
        (a.booth_id, a.wave_id): a.participation.organization.primary_sector_id
        for a in BoothAssignment.objects.filter(event=event).select_related(
            "participation__organization"
        )
    }
    clashes = []
    for (zone, row, column), booth in booths.items():
        for other in (booths.get((zone, row, column + 1)), booths.get((zone, row + 1, column))):
            if other is None:
                continue
            for wave in event.waves.all():
                here = sector_at.get((booth.pk, wave.pk))
                if here is not None and here == sector_at.get((other.pk, wave.pk)):
                    clashes.append((booth.code, other.code, wave.label))
    return clashes


def test_e1_places_180_exhibitors_in_three_waves_of_60_with_no_same_sector_neighbours(
    organizer, organizer_body
):
    event, waves, participations = e1(organizer_body)
    assert event.booths.count() == 60 and len(participations) == 180
    started = time.perf_counter()
    run = services.start_allocation(actor=organizer, event=event, time_limit_s=TIME_LIMIT_S)
    seconds = time.perf_counter() - started
    assert run.status == AllocationRun.Status.DONE, run.message
    result = run.result
    assert result["status"] in ("OPTIMAL", "FEASIBLE")
    assert result["placed"] == 180 and result["unassigned"] == []
    assert result["wave_loads"] == {"M1": 60, "M2": 60, "M3": 60}
    assert result["same_sector_neighbours"] == 0
    assert result["objective"] <= result["bound"]
    assert seconds < TIME_LIMIT_S + 15, seconds

    assignments = BoothAssignment.objects.filter(event=event).select_related(
        "wave", "booth", "participation__organization__primary_sector"
    )
    assert Counter(a.wave.label for a in assignments) == {"M1": 60, "M2": 60, "M3": 60}
    assert len({(a.booth_id, a.wave_id) for a in assignments}) == 180
    assert same_sector_neighbours(event) == []
    # The waves the optimizer chose are the participations' waves now.
    assert Counter(p.wave.label for p in event.participations.select_related("wave")) == {
        "M1": 60,
        "M2": 60,
        "M3": 60,
    }
    # Sectors are spread over the waves: 18 exhibitors per sector, 6 in each wave.
    per_sector: dict[str, Counter] = defaultdict(Counter)
    for a in assignments:
        per_sector[a.participation.organization.primary_sector.code][a.wave.label] += 1
    assert set(per_sector) == set(E1_SECTORS)
    assert all(max(c.values()) - min(c.values()) <= 1 for c in per_sector.values()), per_sector

    # The floor plan of each wave shows its 60 exhibitors.
    for wave in waves:
        root = ET.fromstring(floorplan.wave_svg(event, wave))
        occupied = [
            g
            for g in root.iter("{http://www.w3.org/2000/svg}g")
            if g.get("class") == "booth" and g.get("data-occupied") == "1"
        ]
        assert len(occupied) == 60


def test_a_second_run_keeps_the_result_valid_and_hand_moves_still_checked(
    organizer, organizer_body
):
    event, (m1, m2, _m3), _participations = e1(organizer_body)
    first = services.start_allocation(
        actor=organizer, event=event, method="greedy", time_limit_s=TIME_LIMIT_S
    )
    assert first.status == AllocationRun.Status.DONE, first.message
    assert first.result["placed"] == 180
    # The optimizer's waves stay flexible: a second run may move anyone to another wave.
    instance = services.build_instance(event)
    assert all(exhibitor["waves"] is None for exhibitor in instance["exhibitors"])
    second = services.start_allocation(actor=organizer, event=event, time_limit_s=TIME_LIMIT_S)
    assert second.status == AllocationRun.Status.DONE, second.message
    assert second.result["placed"] == 180
    assert BoothAssignment.objects.filter(event=event).count() == 180
    # A booth is taken in every wave: any move into another exhibitor's booth is refused.
    mover = BoothAssignment.objects.filter(event=event, wave=m2).first()
    holder = BoothAssignment.objects.filter(event=event, wave=m1).select_related("booth").first()
    with pytest.raises(ValidationError) as error:
        booth_moves.move_exhibitor(
            actor=organizer, participation=mover.participation, booth=holder.booth, wave=m1
        )
    assert "booth" in error.value.message_dict
