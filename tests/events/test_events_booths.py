"""Booths: a list all-or-nothing, the grid generator, deletion."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tadamon.events.models import Booth
from tadamon.events.selectors.events import booths_by_zone
from tadamon.events.services import booths as services
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer_body):
    return EventFactory(organizer=organizer_body)


def test_grid_codes_zones_and_accessible_rows(organizer, event):
    created = services.generate_booth_grid(
        actor=organizer,
        event=event,
        rows=3,
        columns=12,
        zones=["Artisanat", "Terroir", "Cosmétique"],
        accessible_rows=[1],
    )
    assert len(created) == 36
    codes = list(event.booths.order_by("row", "column").values_list("code", flat=True))
    assert codes[:3] == ["A-01", "A-02", "A-03"] and codes[-1] == "C-12"
    a01 = event.booths.get(code="A-01")
    assert (a01.zone, a01.row, a01.column, a01.accessible) == ("Artisanat", 1, 1, True)
    assert not event.booths.get(code="B-05").accessible
    assert event.booths.get(code="C-12").zone == "Cosmétique"

    zones = booths_by_zone(event)
    assert [zone.name for zone in zones] == ["Artisanat", "Terroir", "Cosmétique"]
    assert zones[0].accessible == 12 and len(zones[0].grid) == 1 and len(zones[0].grid[0]) == 12


def test_grid_with_prefix_single_zone_mapping_and_wide_rows(organizer, event):
    services.generate_booth_grid(
        actor=organizer, event=event, rows=2, columns=2, zones=["Hall"], prefix="H1-"
    )
    assert sorted(event.booths.values_list("code", flat=True)) == [
        "H1-A-01",
        "H1-A-02",
        "H1-B-01",
        "H1-B-02",
    ]
    assert set(event.booths.values_list("zone", flat=True)) == {"Hall"}
    services.generate_booth_grid(
        actor=organizer, event=event, rows=2, columns=120, zones={2: "Extérieur"}, prefix="X"
    )
    assert event.booths.filter(code="XA-001").exists()
    assert event.booths.get(code="XB-120").zone == "Extérieur"
    assert event.booths.get(code="XA-120").zone == ""
    assert services.row_letters(27) == "AA"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"rows": 3, "columns": 4, "zones": ["A", "B"]}, "zones"),
        ({"rows": 0, "columns": 4}, "rows"),
        ({"rows": 2, "columns": 0}, "columns"),
        ({"rows": 2, "columns": 4, "accessible_rows": [3]}, "accessible_rows"),
        ({"rows": 100, "columns": 200}, "columns"),
    ],
)
def test_grid_errors_name_the_field(organizer, event, arguments, field):
    with pytest.raises(ValidationError) as excinfo:
        services.generate_booth_grid(actor=organizer, event=event, **arguments)
    assert set(excinfo.value.message_dict) == {field}
    assert not Booth.objects.exists()


def test_a_grid_overlapping_existing_codes_creates_nothing(organizer, event):
    services.add_booths(actor=organizer, event=event, booths=[{"code": "B-02"}])
    with pytest.raises(ValidationError) as excinfo:
        services.generate_booth_grid(actor=organizer, event=event, rows=2, columns=3)
    assert "B-02" in " ".join(excinfo.value.message_dict["code"])
    assert event.booths.count() == 1


def test_duplicate_codes_are_reported_by_code_and_nothing_is_created(organizer, event):
    with pytest.raises(ValidationError) as excinfo:
        services.add_booths(
            actor=organizer,
            event=event,
            booths=[{"code": "A-01"}, {"code": "A-02"}, {"code": "A-01"}, {"code": "A-02"}],
        )
    message = " ".join(excinfo.value.message_dict["code"])
    assert "A-01" in message and "A-02" in message
    assert not Booth.objects.exists()


def test_bad_booth_values_name_the_booth(organizer, event):
    with pytest.raises(ValidationError) as excinfo:
        services.add_booths(
            actor=organizer,
            event=event,
            booths=[{"code": "A-01", "size_m2": 0}, {"code": "", "zone": "A"}],
        )
    errors = excinfo.value.message_dict
    assert "A-01" in " ".join(errors["size_m2"])
    assert "code" in errors
    assert not Booth.objects.exists()


def test_the_same_code_in_two_events_is_fine(organizer, organizer_body, event):
    other = EventFactory(organizer=organizer_body)
    services.add_booths(actor=organizer, event=event, booths=[{"code": "A-01"}])
    services.add_booths(actor=organizer, event=other, booths=[{"code": "A-01"}])
    assert Booth.objects.count() == 2


def test_delete_all_or_some_booths(organizer, event):
    created = services.generate_booth_grid(actor=organizer, event=event, rows=2, columns=5)
    assert services.delete_booths(actor=organizer, event=event, booths=created[:3]) == 3
    assert event.booths.count() == 7
    assert services.delete_booths(actor=organizer, event=event) == 7
    assert not event.booths.exists()


def test_only_managers_add_booths(exhibitor, event):
    with pytest.raises(PermissionDenied):
        services.add_booths(actor=exhibitor, event=event, booths=[{"code": "A-01"}])
    with pytest.raises(PermissionDenied):
        services.generate_booth_grid(actor=exhibitor, event=event, rows=1, columns=1)
