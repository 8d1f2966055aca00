"""The answers to a phone's replayed actions say what the server kept (issue 20): after a
sequence with a resend, the totals a phone receives are the figures the organizer's pages show
for the same data."""

# ruff: noqa: F401, F811  (the shared fixtures are imported, then taken as arguments)
import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tadamon.programme.models import Registration
from tadamon.sales import selectors as sales_selectors
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.selectors import visitors as visitor_selectors
from tests.factories import EventFactory, PersonFactory, SessionFactory
from tests.sales.fixtures import fair

pytestmark = pytest.mark.django_db

START = datetime.date(2024, 5, 31)


def _sums(queries) -> int:
    """How many of the captured queries add something up."""
    return sum(1 for query in queries if "SUM(" in query["sql"].upper())


def test_visitor_totals_are_the_tally_pages_and_the_reports(
    organizer_body, organizer, api_for, client
):
    event = EventFactory(
        organizer=organizer_body, start_date=START, end_date=START + datetime.timedelta(days=2)
    )
    api = api_for(organizer)
    url = f"/api/v1/events/{event.pk}/visitor-counts"
    day1, day2 = START.isoformat(), (START + datetime.timedelta(days=1)).isoformat()
    for gate, day, count in [("A", day1, 120), ("B", day1, 80), ("A", day2, 40)]:
        assert api.post_json(url, {"date": day, "gate": gate, "count": count}).status_code == 201
    # A running count replaced by the final one, then the same final count sent again.
    api.post_json(url, {"date": day1, "gate": "B", "count": 95})
    with CaptureQueriesContext(connection) as queries:
        resent = api.post_json(url, {"date": day1, "gate": "B", "count": 95})
    assert resent.status_code == 200
    answer = resent.json()
    assert _sums(queries) == 1

    client.force_login(organizer)
    page = client.get(reverse("visitors:visitors_tally", args=[event.pk]))
    figures = page.context["figures"]
    shown_day = next(day for day in figures["days"] if day["date"].isoformat() == day1)
    assert answer["day_total"] == shown_day["total"] == 215
    assert answer["event_total"] == figures["total"] == 255
    assert answer["event_total"] == visitor_selectors.report_figures(event)["visitors"]


def test_attendance_totals_are_the_sheets(organizer_body, organizer, api_for, client):
    event = EventFactory(organizer=organizer_body, start_date=START, end_date=START)
    session = SessionFactory(event=event)
    other = SessionFactory(event=event)
    people = PersonFactory.create_batch(5)
    statuses = [
        Registration.Status.REGISTERED,
        Registration.Status.REGISTERED,
        Registration.Status.REGISTERED,
        Registration.Status.WAITLISTED,
        Registration.Status.CANCELLED,
    ]
    for person, status in zip(people, statuses, strict=True):
        Registration.objects.create(session=session, person=person, status=status)
    # Someone registered for another session of the event only: the sheet counts them present
    # once checked in, not registered.
    stranger = PersonFactory()
    badge = Registration.objects.create(session=other, person=stranger)
    api = api_for(organizer)
    url = f"/api/v1/sessions/{session.pk}/attendance"
    offline = {"person": people[0].pk, "client_uuid": str(uuid.uuid4())}
    assert api.post_json(url, offline).status_code == 201
    assert api.post_json(url, offline).status_code == 200  # the phone's resend
    assert api.post_json(url, {"code": str(badge.code)}).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        last = api.post_json(url, {"person": people[3].pk, "client_uuid": str(uuid.uuid4())})
    assert last.status_code == 201
    answer = last.json()
    assert sum(1 for query in queries if "COUNT(DISTINCT" in query["sql"].upper()) == 1

    client.force_login(organizer)
    sheet = client.get(reverse("programme:session_attendance", args=[session.pk])).context
    assert (answer["session_present"], answer["session_registered"]) == (3, 4)
    assert answer["session_present"] == sheet["present_count"] == len(sheet["present"])
    assert answer["session_registered"] == sheet["registered_count"]
    checkin = client.get(reverse("programme:checkin", args=[session.pk])).context
    assert answer["session_registered"] == checkin["registered_count"]
    assert answer["session_present"] == checkin["present_count"]
    board = client.get(reverse("programme:event_attendance", args=[event.pk])).context
    row = next(row for row in board["sessions"] if row.pk == session.pk)
    assert answer["session_present"] == row.present
    assert answer["session_registered"] == row.registered + row.waitlisted


def _declare(api, event, organization, amount, day, key=None):
    body = {
        "organization": organization.pk,
        "date": day.isoformat(),
        "amount_mad": amount,
        "client_uuid": str(key or uuid.uuid4()),
    }
    return api.post_json(f"/api/v1/events/{event.pk}/sales", body)


def test_sales_totals_are_the_turnovers(fair, organizer, exhibitor, api_for, client):
    org = exhibitor.organization
    day1, day2 = fair.start_date, fair.start_date + datetime.timedelta(days=1)
    mine, theirs = api_for(exhibitor), api_for(organizer)
    key = uuid.uuid4()
    first = _declare(mine, fair, org, "100.00", day1, key)
    assert first.status_code == 201
    assert first.json()["organization_total_mad"] == "0.00"  # waiting for validation
    assert first.json()["organization_day_declared_mad"] == "100.00"
    assert _declare(mine, fair, org, "100.00", day1, key).status_code == 200  # resend
    to_reject = _declare(mine, fair, org, "30.00", day1).json()["id"]
    _declare(mine, fair, org, "45.50", day2)
    assert _declare(theirs, fair, org, "200.00", day2).json()["status"] == "validated"
    theirs.post_json(f"/api/v1/sales/{first.json()['id']}/validate", {})
    theirs.post_json(f"/api/v1/sales/{to_reject}/reject", {"reason": "Twice the same day"})
    assert SalesDeclaration.objects.get(pk=to_reject).status == "rejected"
    with CaptureQueriesContext(connection) as queries:
        last = _declare(mine, fair, org, "12.25", day1)
    assert last.status_code == 201 and last.json()["status"] == "pending"
    answer = last.json()
    assert _sums(queries) == 1

    client.force_login(organizer)
    turnover = client.get(reverse("sales:turnover", args=[fair.pk])).context["t"]
    row = next(row for row in turnover["by_organization"] if row["id"] == org.pk)
    assert answer["organization_total_mad"] == f"{row['turnover_mad']:.2f}" == "300.00"
    counted_day1 = sales_selectors.counted(fair).filter(organization=org, date=day1)
    assert Decimal(answer["organization_day_total_mad"]) == sum(
        (d.amount_mad for d in counted_day1), Decimal(0)
    )
    assert answer["organization_day_total_mad"] == "100.00"
    client.force_login(exhibitor)
    menu = client.get(reverse("sales:my_sales")).context["events"]
    assert answer["organization_total_mad"] == f"{menu[0].validated_mad:.2f}"
    listed = client.get(reverse("sales:declare", args=[fair.pk])).context["declarations"]
    standing = [d for d in listed if d.status != SalesDeclaration.Status.REJECTED]
    assert Decimal(answer["organization_declared_mad"]) == sum(d.amount_mad for d in standing)
    assert answer["organization_declared_mad"] == "357.75"
    assert answer["organization_day_declared_mad"] == "112.25"
