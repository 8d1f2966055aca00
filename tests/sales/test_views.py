# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
import json
import uuid

from django.test import Client
from django.urls import reverse

from tadamon.events.models import Participation
from tadamon.sales import services
from tadamon.sales.models import SalesDeclaration
from tests.sales.fixtures import confirmed, fair


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_phone_page_records_a_queued_declaration_once(fair, exhibitor):
    client = _client(exhibitor)
    page = client.get(reverse("sales:declare", args=[fair.pk]))
    assert page.status_code == 200 and b"declare.js" in page.content
    body = {
        "organization": exhibitor.organization_id,
        "date": "2024-06-01",
        "amount_mad": "120.50",
        "client_uuid": str(uuid.uuid4()),
    }
    url = reverse("sales:declare_record", args=[fair.pk])
    codes = [
        client.post(url, json.dumps(body), content_type="application/json").status_code
        for _ in range(3)
    ]
    assert codes == [201, 200, 200]
    assert SalesDeclaration.objects.get().status == "pending"


def test_review_page_validates_and_shows_turnover(fair, exhibitor, organizer):
    declaration = SalesDeclaration.objects.create(
        event=fair, organization=exhibitor.organization, date=fair.start_date, amount_mad=80
    )
    client = _client(organizer)
    page = client.get(reverse("sales:review", args=[fair.pk]))
    assert page.status_code == 200 and b"80" in page.content
    client.post(reverse("sales:review_action", args=[declaration.pk]), {"action": "validate"})
    declaration.refresh_from_db()
    assert declaration.status == "validated"
    assert b"80" in client.get(reverse("sales:turnover", args=[fair.pk])).content
    assert _client(exhibitor).get(reverse("sales:review", args=[fair.pk])).status_code == 403


def _record(client, fair, body):
    url = reverse("sales:declare_record", args=[fair.pk])
    return client.post(url, json.dumps(body), content_type="application/json")


def test_queue_errors_name_the_field_and_write_nothing(fair, exhibitor, other_org):
    client = _client(exhibitor)
    good = {
        "organization": exhibitor.organization_id,
        "date": "2024-06-01",
        "amount_mad": "120.50",
        "client_uuid": str(uuid.uuid4()),
    }
    cases = {
        "amount_mad": {**good, "amount_mad": "12.345"},
        "client_uuid": {**good, "client_uuid": "not-a-uuid"},
        "date": {**good, "date": "2024-07-15"},
        "payment_method": {**good, "payment_method": "barter"},
    }
    for field, body in cases.items():
        response = _record(client, fair, body)
        assert response.status_code == 400, field
        assert field in {item["field"] for item in response.json()["detail"]}, field
    negative = _record(client, fair, {**good, "amount_mad": "-5"})
    assert negative.json()["detail"][0]["field"] == "amount_mad"
    foreign = _record(client, fair, {**good, "organization": other_org.pk})
    assert foreign.status_code == 403
    assert foreign.json()["detail"][0]["field"] == "organization"
    not_json = client.post(
        reverse("sales:declare_record", args=[fair.pk]), "[1]", content_type="application/json"
    )
    assert not_json.status_code == 400
    assert not SalesDeclaration.objects.exists()


def test_the_exhibitors_menu_leads_to_its_fairs_with_its_own_figures(
    fair, exhibitor, other_org, organizer
):
    mine = exhibitor.organization
    services.declare(
        event=fair, organization=mine, date=fair.start_date, amount_mad=250, actor=organizer
    )
    services.declare(
        event=fair, organization=mine, date=fair.end_date, amount_mad=40, actor=exhibitor
    )
    Participation.objects.create(event=fair, organization=other_org, status="confirmed")
    services.declare(
        event=fair, organization=other_org, date=fair.start_date, amount_mad=9999, actor=organizer
    )
    client = _client(exhibitor)
    home = client.get("/").content.decode()
    assert reverse("sales:my_sales") in home
    page = client.get(reverse("sales:my_sales"))
    assert page.status_code == 200
    [row] = page.context["events"]
    assert (row.pk, row.validated_mad, row.waiting) == (fair.pk, 250, 1)
    assert reverse("sales:declare", args=[fair.pk]) in page.content.decode()
