"""The open data follows the public site's consent rule (issue 15): an organization that did
not agree to appear (Organization.public_profile) is counted in the events' figures, never
named in an exhibitors' file, as on the event's public page."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tadamon.events.models import Participation
from tadamon.public import selectors as public_selectors
from tadamon.reports import opendata
from tests.factories import EventFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _download(client, name: str, fmt: str, *args) -> bytes:
    response = client.get(reverse(f"reports:{name}", args=[*args, fmt]))
    assert response.status_code == 200, (name, fmt)
    return response.content


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def fair(organizer_body):
    event = EventFactory(organizer=organizer_body, is_published=True)
    shown = OrganizationFactory(
        name_fr="Coop Consent", name_ar="تعاونية موافقة", public_profile=True
    )
    hidden = OrganizationFactory(name_fr="Coop Secret", name_ar="تعاونية سرية")
    for organization in (shown, hidden):
        Participation.objects.create(event=event, organization=organization, status="confirmed")
    return event


def test_the_exhibitors_files_name_only_consenting_organizations(client, fair):
    listed = _csv_rows(_download(client, "open_exhibitors", "csv", fair.pk))
    assert [row["organization_fr"] for row in listed] == ["Coop Consent"]
    document = json.loads(_download(client, "open_exhibitors", "json", fair.pk))
    assert [row["organization_fr"] for row in document["rows"]] == ["Coop Consent"]
    cells = _xlsx_cells(_download(client, "open_exhibitors", "xlsx", fair.pk))
    values = {cell.value for cell in cells}
    assert "Coop Consent" in values
    assert not {"Coop Secret", "تعاونية سرية"} & values


def test_an_organization_without_consent_still_counts_in_the_events_figures(client, fair):
    rows = _csv_rows(_download(client, "open_events", "csv"))
    assert [(row["event"], row["exhibitors"]) for row in rows] == [(str(fair.pk), "2")]


def test_the_public_page_and_the_open_data_name_the_same_organizations(client, fair):
    OrganizationFactory()  # not at the fair: neither lists it
    on_the_page = {
        participation.organization.name_fr
        for participation in public_selectors.event_exhibitors(fair)
    }
    in_the_open_data = {row["organization_fr"] for row in opendata.exhibitor_rows(fair)}
    assert on_the_page == in_the_open_data == {"Coop Consent"}
    page = client.get(reverse("public:event", args=[fair.pk])).content.decode()
    assert "تعاونية موافقة" in page and "تعاونية سرية" not in page
