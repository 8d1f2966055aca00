# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
import json
import re
import uuid

from django.test import Client
from django.urls import reverse

from tadamon.events.models import Participation
from tadamon.sales import services
from tadamon.sales.models import SalesDeclaration
from tests.sales.fixtures import confirmed, fair


def _client(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


class Phone:
    """The phone page's queue: signed in by session, posting JSON to the address the page
    names (the API's) with the page's CSRF token."""

    def __init__(self, user, fair):
        self.client = _client(user, enforce_csrf_checks=True)
        page = self.client.get(reverse("sales:declare", args=[fair.pk]))
        assert page.status_code == 200 and b"declare.js" in page.content
        self.url = re.search(r'data-record-url="([^"]+)"', page.content.decode()).group(1)
        self.token = self.client.cookies["csrftoken"].value

    def send(self, body, raw: str | None = None):
        data = raw if raw is not None else json.dumps(body)
        return self.client.post(
            self.url, data, content_type="application/json", HTTP_X_CSRFTOKEN=self.token
        )


def test_phone_page_records_a_queued_declaration_once(fair, exhibitor):
    phone = Phone(exhibitor, fair)
    assert phone.url == f"/api/v1/events/{fair.pk}/sales"
    body = {
        "organization": exhibitor.organization_id,
        "date": "2024-06-01",
        "amount_mad": "120.50",
        "client_uuid": str(uuid.uuid4()),
        "payment_method": None,
    }
    codes = [phone.send(body).status_code for _ in range(3)]
    assert codes == [201, 200, 200]
    declaration = SalesDeclaration.objects.get()
    assert declaration.status == "pending" and declaration.declared_by == exhibitor
    assert str(declaration.client_uuid) == body["client_uuid"]


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


def test_queue_errors_name_the_field_and_write_nothing(fair, exhibitor, other_org):
    phone = Phone(exhibitor, fair)
    good = {
        "organization": exhibitor.organization_id,
        "date": "2024-06-01",
        "amount_mad": "120.50",
        "client_uuid": str(uuid.uuid4()),
    }
    cases = {
        # Of the wrong shape (422), or refused by the rules (400): the queue drops them both.
        "amount_mad": ({**good, "amount_mad": "12.345"}, 422),
        "client_uuid": ({**good, "client_uuid": "not-a-uuid"}, 422),
        "date": ({**good, "date": "2024-07-15"}, 400),
        "payment_method": ({**good, "payment_method": "barter"}, 422),
    }
    for field, (body, status) in cases.items():
        response = phone.send(body)
        assert response.status_code == status, field
        assert field in {item["field"] for item in response.json()["detail"]}, field
    negative = phone.send({**good, "amount_mad": "-5"})
    assert negative.json()["detail"][0]["field"] == "amount_mad"
    foreign = phone.send({**good, "organization": other_org.pk})
    assert foreign.status_code == 403
    assert foreign.json()["detail"][0]["message"]
    not_an_object = phone.send(None, raw="1")
    assert not_an_object.status_code == 400
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


def test_each_review_action_answers_with_a_message_and_reject_is_offered(
    fair, exhibitor, organizer
):
    """Issue 17, items 6 and 7: every action that changes data says so in the page's
    language, reject is offered beside validate and query, and the table becomes cards."""
    declarations = [
        SalesDeclaration.objects.create(
            event=fair, organization=exhibitor.organization, date=fair.start_date, amount_mad=amount
        )
        for amount in (1250, 300, 75)
    ]
    client = _client(organizer)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("sales:review", args=[fair.pk])).content.decode()
    assert 'value="reject"' in page and "table-cards" in page and 'data-label="Date"' in page
    expected = {"validate": "validated", "query": "queried", "reject": "rejected"}
    said = {}
    for declaration, action in zip(declarations, expected, strict=True):
        url = reverse("sales:review_action", args=[declaration.pk])
        answer = client.post(url, {"action": action, "reason": "?"}, follow=True)
        declaration.refresh_from_db()
        assert declaration.status == expected[action]
        said[action] = [(m.level_tag, str(m)) for m in answer.context["messages"]]
    assert said["validate"] == [("success", said["validate"][0][1])]
    assert "1\xa0250" in said["validate"][0][1]  # grouped as French writes it
    assert all(len(messages) == 1 for messages in said.values()), said
    url = reverse("sales:review_action", args=[declarations[0].pk])
    unknown = client.post(url, {"action": "erase"}, follow=True)
    assert [m.level_tag for m in unknown.context["messages"]] == ["error"]
