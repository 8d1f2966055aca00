"""No open data file holds a spreadsheet formula, whatever an exhibitor typed as its name or an
organizer as a title (issue 15): CSV cells get a leading apostrophe, XLSX cells are text."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tadamon.events.models import Participation, Wave
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/","Click")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _download(client, name: str, fmt: str, *args) -> bytes:
    response = client.get(reverse(f"reports:{name}", args=[*args, fmt]))
    assert response.status_code == 200, (name, fmt)
    return response.content


def _xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def tricky_fair(organizer_body, exhibitor, exhibitor_org, api_for):
    """An exhibitor names its organization with a formula through the API, as in the issue;
    the organizer's titles and wave labels start with other formula characters."""
    event = EventFactory(
        organizer=organizer_body, is_published=True, title_fr="=cmd|' /C calc'!A0", title_ar="+1+1"
    )
    wave = Wave.objects.create(
        event=event, label="@SUM(1+1)", start_date=event.start_date, end_date=event.end_date
    )
    exhibitor_org.public_profile = True
    exhibitor_org.save()
    response = api_for(exhibitor).patch_json(
        f"/api/v1/organizations/{exhibitor_org.pk}", {"name_fr": FORMULA, "name_ar": "-2+3"}
    )
    assert response.status_code == 200, response.json()
    Participation.objects.create(
        event=event, organization=exhibitor_org, status="confirmed", wave=wave
    )
    return event


@pytest.mark.parametrize("export", ["open_events", "open_exhibitors"])
def test_the_open_data_csv_holds_no_formula(client, tricky_fair, export):
    args = [tricky_fair.pk] if export == "open_exhibitors" else []
    content = _download(client, export, "csv", *args)
    cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # The text itself is kept, behind the apostrophe that tells spreadsheets it is text.
    expected = "'" + FORMULA if export == "open_exhibitors" else "'=cmd|' /C calc'!A0"
    assert expected in cells


@pytest.mark.parametrize("export", ["open_events", "open_exhibitors"])
def test_the_open_data_xlsx_holds_no_formula_cell(client, tricky_fair, export):
    args = [tricky_fair.pk] if export == "open_exhibitors" else []
    cells = _xlsx_cells(_download(client, export, "xlsx", *args))
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    if export == "open_exhibitors":
        assert {FORMULA, "-2+3", "@SUM(1+1)"} <= texts
    else:
        assert {"=cmd|' /C calc'!A0", "+1+1"} <= texts
    # Figures stay numbers (the event's id, the women-led flag).
    assert any(cell.data_type == "n" and isinstance(cell.value, int) for cell in cells)
