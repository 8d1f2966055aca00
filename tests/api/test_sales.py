# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
import datetime
import threading
import uuid
from decimal import Decimal

import pytest
from django.db import connection

from tadamon.events.models import Participation
from tadamon.registry.models import Organization
from tadamon.sales import selectors
from tadamon.sales.models import SalesDeclaration
from tests.factories import OrganizationFactory
from tests.sales.fixtures import confirmed, fair

DAY = "2024-06-01"


def _body(org, amount="100.00", day=DAY, key=None):
    return {
        "organization": org.pk,
        "date": day,
        "amount_mad": amount,
        "client_uuid": str(key or uuid.uuid4()),
    }


def test_e4_shape_turnover_counts_only_validated(fair, organizer, exhibitor, api_for):
    orgs = [exhibitor.organization] + OrganizationFactory.create_batch(164)
    Participation.objects.bulk_create(
        Participation(event=fair, organization=o, status=Participation.Status.CONFIRMED)
        for o in orgs[1:]
    )
    days = [fair.start_date + datetime.timedelta(n) for n in range(10)]
    slots = [(o, d) for o in orgs for d in days]
    assert len(slots) == 1650
    through_api, bulk = slots[:5], slots[5:]
    SalesDeclaration.objects.bulk_create(
        SalesDeclaration(
            event=fair,
            organization=o,
            date=d,
            amount_mad=Decimal("3636.36"),
            status=SalesDeclaration.Status.VALIDATED,
        )
        for o, d in bulk
    )
    organizer_api = api_for(organizer)
    amounts = ["3636.36"] * 4 + ["3642.36"]
    for (org, day), amount in zip(through_api, amounts, strict=True):
        response = organizer_api.post_json(
            f"/api/v1/events/{fair.pk}/sales", _body(org, amount, day.isoformat())
        )
        assert response.status_code == 201, response.json()
        assert response.json()["status"] == "validated"
    pending = api_for(exhibitor).post_json(
        f"/api/v1/events/{fair.pk}/sales", _body(exhibitor.organization, "99999.00")
    )
    assert pending.status_code == 201 and pending.json()["status"] == "pending"

    assert selectors.report_figures(fair) == {"turnover_mad": "6000000.00"}
    turnover = organizer_api.get(f"/api/v1/events/{fair.pk}/turnover").json()
    assert turnover["turnover_mad"] == "6000000.00"
    assert len(turnover["by_day"]) == 10 and turnover["pending_count"] == 1


def test_same_client_uuid_five_times_is_one(fair, exhibitor, api_for):
    body = _body(exhibitor.organization, "250.50")
    client = api_for(exhibitor)
    codes = [
        client.post_json(f"/api/v1/events/{fair.pk}/sales", body).status_code for _ in range(5)
    ]
    assert codes == [201, 200, 200, 200, 200]
    assert SalesDeclaration.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"amount_mad": "-5.00"}, 422, "amount_mad"),
        ({"amount_mad": "1000000.01"}, 400, "amount_mad"),
        ({"date": "2024-06-15"}, 400, "date"),
        ({"organization": "stranger"}, 400, "organization"),
    ],
)
def test_refused_values_name_the_field(fair, organizer, api_for, change, status, field):
    body = _body(Organization.objects.get(participations__event=fair))
    if change.get("organization") == "stranger":
        change = {"organization": OrganizationFactory().pk}
    body.update(change)
    response = api_for(organizer).post_json(f"/api/v1/events/{fair.pk}/sales", body)
    assert response.status_code == status, response.json()
    assert field in {error["field"] for error in response.json()["detail"]}
    assert not SalesDeclaration.objects.exists()


def test_exhibitor_own_organization_only_and_cannot_validate(
    fair,
    exhibitor,
    organizer,
    confirmed,
    api_for,
):
    client = api_for(exhibitor)
    other = confirmed()
    response = client.post_json(f"/api/v1/events/{fair.pk}/sales", _body(other))
    assert response.status_code == 403
    mine = client.post_json(f"/api/v1/events/{fair.pk}/sales", _body(exhibitor.organization))
    sale_id = mine.json()["id"]
    assert client.post(f"/api/v1/sales/{sale_id}/validate").status_code == 403
    assert client.get(f"/api/v1/events/{fair.pk}/turnover").status_code == 403
    validated = api_for(organizer).post(f"/api/v1/sales/{sale_id}/validate")
    assert validated.status_code == 200 and validated.json()["status"] == "validated"


def test_list_filters_and_query(fair, exhibitor, organizer, api_for):
    client = api_for(organizer)
    client.post_json(f"/api/v1/events/{fair.pk}/sales", _body(exhibitor.organization))
    sale = api_for(exhibitor).post_json(
        f"/api/v1/events/{fair.pk}/sales", _body(exhibitor.organization, day="2024-06-02")
    )
    queried = client.post_json(f"/api/v1/sales/{sale.json()['id']}/query", {"reason": "Receipt?"})
    assert queried.json()["status"] == "queried"
    listed = client.get(f"/api/v1/events/{fair.pk}/sales?status=queried").json()
    assert listed["count"] == 1 and listed["items"][0]["query_reason"] == "Receipt?"
    assert client.get(f"/api/v1/events/{fair.pk}/sales?date=2024-06-01").json()["count"] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_client_uuid_concurrently_is_one(fair, exhibitor, api_for):
    body = _body(exhibitor.organization, "10.00")
    codes: list[int] = []

    def send() -> None:
        try:
            response = api_for(exhibitor).post_json(f"/api/v1/events/{fair.pk}/sales", body)
            codes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [200, 200, 200, 200, 201]
    assert SalesDeclaration.objects.count() == 1
