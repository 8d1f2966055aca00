"""The closing report through the API (SPEC 4 and 5), with E4's shape: 165 exhibitors, ten
days, three gates counting 60,000 visitors and 6,000,000.00 MAD of validated sales."""

import datetime
import uuid
from decimal import Decimal

import pytest

from tadamon.accounts.models import Role
from tests.factories import EventFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

E4_START = datetime.date(2024, 5, 31)
GATES = ["Bab Okla", "Bab Sebta", "Bab Nouader"]


@pytest.fixture
def e4(organizer_body):
    return EventFactory(
        organizer=organizer_body,
        start_date=E4_START,
        end_date=E4_START + datetime.timedelta(days=9),
        area_m2=7000,
    )


def url(event) -> str:
    return f"/api/v1/events/{event.pk}/report"


def _day(n: int) -> str:
    return (E4_START + datetime.timedelta(days=n)).isoformat()


def test_e4_shape_gives_the_articles_figures(e4, organizer, exhibitor, api_for):
    client = api_for(organizer)
    exhibitors = [exhibitor.organization, *OrganizationFactory.create_batch(164)]
    for organization in exhibitors:
        body = {"organization": organization.pk, "status": "confirmed"}
        response = client.post_json(f"/api/v1/events/{e4.pk}/participations", body)
        assert response.status_code == 201, response.json()
    for day in range(10):
        for gate in GATES:
            body = {"date": _day(day), "gate": gate, "count": 2000}
            response = client.post_json(f"/api/v1/events/{e4.pk}/visitor-counts", body)
            assert response.status_code == 201, response.json()
    # 164 × 36,363.64 + 36,363.04 = 6,000,000.00 exactly, entered by the organizer.
    amounts = [Decimal("36363.64")] * 164 + [Decimal("36363.04")]
    for number, (organization, amount) in enumerate(zip(exhibitors, amounts, strict=True)):
        body = {
            "organization": organization.pk,
            "date": _day(number % 10),
            "amount_mad": str(amount),
            "client_uuid": str(uuid.uuid4()),
        }
        response = client.post_json(f"/api/v1/events/{e4.pk}/sales", body)
        assert response.status_code == 201, response.json()
    # The exhibitor's own declaration waits for validation: not in the turnover.
    pending = {
        "organization": exhibitor.organization.pk,
        "date": _day(9),
        "amount_mad": "5000.00",
        "client_uuid": str(uuid.uuid4()),
    }
    response = api_for(exhibitor).post_json(f"/api/v1/events/{e4.pk}/sales", pending)
    assert response.json()["status"] == "pending"

    report = client.get(url(e4))
    assert report.status_code == 200, report.json()
    figures = report.json()
    assert figures["exhibitors"] == 165
    assert figures["days"] == 10
    assert figures["visitors"] == 60000
    assert figures["turnover_mad"] == "6000000.00"
    assert figures["area_m2"] == 7000
    assert sum(figures["exhibitors_by_kind"].values()) == 165


def test_pending_and_queried_sales_are_not_turnover(e4, organizer, exhibitor, api_for):
    client = api_for(organizer)
    client.post_json(
        f"/api/v1/events/{e4.pk}/participations",
        {"organization": exhibitor.organization.pk, "status": "confirmed"},
    )
    body = {
        "organization": exhibitor.organization.pk,
        "date": _day(0),
        "amount_mad": "1200.50",
        "client_uuid": str(uuid.uuid4()),
    }
    assert api_for(exhibitor).post_json(f"/api/v1/events/{e4.pk}/sales", body).status_code == 201
    assert client.get(url(e4)).json()["turnover_mad"] == "0.00"


def test_readers_are_managers_observers_and_admins(e4, organizer, exhibitor, observer, api_for):
    admin = UserFactory(username="admin", role=Role.ADMIN)
    stranger = UserFactory(username="other-organizer", role=Role.ORGANIZER)
    assert api_for(organizer).get(url(e4)).status_code == 200
    assert api_for(observer).get(url(e4)).status_code == 200
    assert api_for(admin).get(url(e4)).status_code == 200
    # The fair is published, so an exhibitor sees it but not its closing report.
    assert api_for(exhibitor).get(url(e4)).status_code == 403
    assert api_for(stranger).get(url(e4)).status_code in {403, 404}
    assert api_for().get(url(e4)).status_code == 401
    assert api_for(organizer).get("/api/v1/events/999999/report").status_code == 404


def test_report_is_in_the_openapi_document(api_for, organizer):
    document = api_for(organizer).get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/events/{event_id}/report"]["get"]
    assert "200" in operation["responses"]


@pytest.mark.parametrize("year", [10**20, 0, 99999])
def test_the_observatory_refuses_a_year_out_of_range_naming_it(api_for, observer, year):
    # Found by schemathesis: a year beyond what a date holds made the filter overflow (500).
    response = api_for(observer).get("/api/v1/observatory", {"year": year})

    assert response.status_code == 422, response.content
    assert [error["field"] for error in response.json()["detail"]] == ["year"]
