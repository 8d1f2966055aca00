"""The API also takes the signed-in browser session, as the phone pages' offline queues send
it (issue 16, item 5): with its CSRF token, since a foreign site can make a browser send the
session cookie but cannot read the token. A bearer token needs no CSRF token."""

import datetime
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from openapi_spec_validator import validate

from tadamon.accounts.models import Role
from tadamon.accounts.tokens import issue_token
from tadamon.events.models import Participation
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount
from tests.conftest import ApiClient
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 2)


@pytest.fixture
def event(organizer_body):
    return EventFactory(
        organizer=organizer_body, start_date=DAY, end_date=DAY + datetime.timedelta(days=2)
    )


@pytest.fixture
def gate(event):
    return Gate.objects.create(event=event, name="Bab Okla")


@pytest.fixture
def gate_agent(organizer_body):
    return UserFactory(username="gate", role=Role.GATE_AGENT, organization=organizer_body)


def url(event) -> str:
    return f"/api/v1/events/{event.pk}/visitor-counts"


def body(gate, count: int = 40) -> dict:
    return {"gate": gate.pk, "date": DAY.isoformat(), "count": count}


def browser(user, event) -> tuple[Client, str]:
    """A signed-in browser that checks CSRF as a real one is checked, and its token (the
    tally page sets the CSRF cookie, as the phone's page does)."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    assert client.get(f"/events/{event.pk}/visitors/").status_code == 200
    return client, client.cookies["csrftoken"].value


def post(client: Client, path: str, data: dict, **headers):
    return client.post(path, data, content_type="application/json", **headers)


def test_a_session_with_its_csrf_token_is_accepted(event, gate, gate_agent):
    client, token = browser(gate_agent, event)

    first = post(client, url(event), body(gate), HTTP_X_CSRFTOKEN=token)
    again = post(client, url(event), body(gate), HTTP_X_CSRFTOKEN=token)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["entered_by"] == gate_agent.pk
    assert VisitorCount.objects.get().count == 40


def test_a_session_without_the_csrf_token_is_refused_403_and_writes_nothing(
    event, gate, gate_agent
):
    client, token = browser(gate_agent, event)

    missing = post(client, url(event), body(gate))
    wrong = post(client, url(event), body(gate), HTTP_X_CSRFTOKEN="x" * 32)

    for response in (missing, wrong):
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json")
        [error] = response.json()["detail"]
        assert error["field"] is None and "CSRF" in error["message"]
    assert not VisitorCount.objects.exists()


def test_a_session_reads_without_a_csrf_token(event, gate, gate_agent):
    # CSRF guards changes; a GET changes nothing.
    client, _token = browser(gate_agent, event)

    assert client.get(url(event)).status_code == 200


def test_a_bearer_token_needs_no_csrf_token(event, gate, gate_agent):
    client = ApiClient(issue_token(user=gate_agent), enforce_csrf_checks=True)

    response = client.post_json(url(event), body(gate))

    assert response.status_code == 201
    assert VisitorCount.objects.get().entered_by == gate_agent


def test_a_bearer_token_speaks_for_its_user_whatever_the_session(
    event, gate, gate_agent, exhibitor
):
    # The browser is signed in as someone else: the token decides, without CSRF.
    client = ApiClient(issue_token(user=gate_agent), enforce_csrf_checks=True)
    client.force_login(exhibitor)

    assert client.post_json(url(event), body(gate)).status_code == 201
    assert VisitorCount.objects.get().entered_by == gate_agent


def test_a_wrong_token_is_401_even_from_a_signed_in_browser(event, gate, gate_agent):
    # The request says who it is by its token: a revoked one is not made good by the session.
    client = ApiClient("tdm_revoked", enforce_csrf_checks=True)
    client.force_login(gate_agent)
    client.get(f"/events/{event.pk}/visitors/")
    token = client.cookies["csrftoken"].value

    response = client.post_json(url(event), body(gate), HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 401
    assert not VisitorCount.objects.exists()


def test_an_ended_session_answers_401_json_not_a_redirect(event, gate, gate_agent):
    # Expired, or logged out elsewhere: the phone still holds the cookies and the CSRF token.
    client, token = browser(gate_agent, event)
    Session.objects.all().delete()

    response = post(client, url(event), body(gate), HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"][0]["message"]
    assert not VisitorCount.objects.exists()


def test_without_session_nor_token_it_is_401_even_without_a_csrf_token(event, gate):
    # Not 403: the queue keeps items on 401 (log in again) but drops them on 403.
    response = post(Client(enforce_csrf_checks=True), url(event), body(gate))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_error_handlers_answer_session_requests_too(event, gate, gate_agent, exhibitor):
    client, token = browser(gate_agent, event)

    malformed = post(client, url(event), {**body(gate), "count": "many"}, HTTP_X_CSRFTOKEN=token)
    refused = post(client, url(event), {**body(gate), "count": -3}, HTTP_X_CSRFTOKEN=token)
    not_json = client.post(url(event), "1", "application/json", HTTP_X_CSRFTOKEN=token)

    assert malformed.status_code == 422
    assert [e["field"] for e in malformed.json()["detail"]] == ["count"]
    assert refused.status_code == 400
    assert [e["field"] for e in refused.json()["detail"]] == ["count"]
    assert not_json.status_code == 400
    assert not VisitorCount.objects.exists()


def test_a_session_is_held_to_the_same_access_rules(event, gate, exhibitor):
    Participation.objects.create(
        event=event, organization=exhibitor.organization, status=Participation.Status.CONFIRMED
    )
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(exhibitor)
    client.get(f"/sales/events/{event.pk}/declare/")
    token = client.cookies["csrftoken"].value

    counted = post(client, url(event), body(gate), HTTP_X_CSRFTOKEN=token)
    sale = {
        "organization": exhibitor.organization_id,
        "date": DAY.isoformat(),
        "amount_mad": "120.50",
        "client_uuid": str(uuid.uuid4()),
    }
    declared = post(client, f"/api/v1/events/{event.pk}/sales", sale, HTTP_X_CSRFTOKEN=token)

    assert counted.status_code == 403  # an exhibitor does not count visitors
    assert declared.status_code == 201
    assert SalesDeclaration.objects.get().declared_by == exhibitor


def test_the_openapi_document_offers_both_ways_and_still_validates():
    document = Client().get("/api/v1/openapi.json").json()

    validate(document)
    schemes = document["components"]["securitySchemes"].values()
    assert {(s["type"], s.get("scheme") or s.get("in")) for s in schemes} == {
        ("http", "bearer"),
        ("apiKey", "cookie"),
    }
    operation = document["paths"]["/api/v1/events/{event_id}/visitor-counts"]["post"]
    assert len(operation["security"]) == 2
