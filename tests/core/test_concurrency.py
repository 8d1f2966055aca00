"""Fifty clients at closing time (issues 10 and 15): exhibitors' phones declaring their day's
sales, each resending some of them as a weak connection does, gate agents checking the same
people in at once and sending their gates' counts, through the API with bearer tokens and
with the phone pages' sessions. At the end every request was answered, the totals are exact
and nothing is counted twice.

The module runs on PostgreSQL and on SQLite, whose test database is a file as `make run`'s is
(tests/conftest.py): there writers wait for each other (settings: IMMEDIATE transactions and
a busy timeout) instead of failing with "database is locked"."""

import datetime
import json
import random
import threading
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connections
from django.db.models import Count, Sum
from django.test import Client
from django.urls import reverse

from tadamon.accounts.models import Role
from tadamon.accounts.tokens import issue_token
from tadamon.events.models import Participation
from tadamon.programme.models import Attendance, Registration
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount
from tests.conftest import ApiClient
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EXHIBITORS = 40
GATE_AGENTS = 10
DECLARATIONS_EACH = 5
RESENT_EACH = 3
PEOPLE = 120
GATES = 5
DAYS = 4


def _run_together(jobs: list) -> list:
    """Start every job at the same instant, each on its own thread and connection."""
    barrier = threading.Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            return job()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


class PageClient(Client):
    """A phone page's queue: logged in by its session cookie, posting JSON to the API with
    the CSRF token the page gave it, checked as a browser's is."""

    def __init__(self, user, page: str):
        super().__init__(enforce_csrf_checks=True)
        self.force_login(user)
        assert self.get(page).status_code == 200
        self.token = self.cookies["csrftoken"].value

    def post_json(self, path, data):
        return self.post(
            path, data=data, content_type="application/json", HTTP_X_CSRFTOKEN=self.token
        )


def _api(user):
    return ApiClient(issue_token(user=user))


@pytest.fixture
def fair(organizer_body):
    event = EventFactory(
        organizer=organizer_body,
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 6, 10),
    )
    exhibitors = []
    for _ in range(EXHIBITORS):
        organization = OrganizationFactory()
        Participation.objects.create(
            event=event, organization=organization, status=Participation.Status.CONFIRMED
        )
        exhibitors.append(UserFactory(role=Role.EXHIBITOR, organization=organization))
    session = SessionFactory(event=event)
    people = [PersonFactory() for _ in range(PEOPLE)]
    Registration.objects.bulk_create(Registration(session=session, person=p) for p in people)
    agents = [
        UserFactory(role=Role.GATE_AGENT, organization=organizer_body) for _ in range(GATE_AGENTS)
    ]
    gates = [Gate.objects.create(event=event, name=f"Gate {n}", position=n) for n in range(GATES)]
    return event, exhibitors, session, people, agents, gates


def _exhibitor_job(event, user, seed: int, *, page: bool):
    rng = random.Random(seed)
    declarations = [
        {
            "organization": user.organization_id,
            "date": (event.start_date + datetime.timedelta(days=day)).isoformat(),
            "amount_mad": f"{rng.randint(50, 90000)}.{rng.randint(0, 99):02d}",
            "client_uuid": str(uuid.uuid4()),
        }
        for day in range(DECLARATIONS_EACH)
    ]
    # The phone did not hear back about some of them and sends them again.
    sends = declarations + rng.sample(declarations, RESENT_EACH)
    path = f"/api/v1/events/{event.pk}/sales"

    def job():
        client = PageClient(user, reverse("sales:declare", args=[event.pk])) if page else _api(user)
        return declarations, [client.post_json(path, body).status_code for body in sends]

    return job


def _checkin_job(session, people, user, seed: int, *, page: bool):
    # Every agent has most of the queue at the gate: the same person reaches several agents.
    order = random.Random(seed).sample(people, k=len(people) * 3 // 4)
    path = f"/api/v1/sessions/{session.pk}/attendance"

    def job():
        checkin = reverse("programme:checkin", args=[session.pk])
        client = PageClient(user, checkin) if page else _api(user)
        codes = [
            client.post_json(path, {"person": p.pk, "client_uuid": str(uuid.uuid4())}).status_code
            for p in order
        ]
        return codes, {p.pk for p in order}

    return job


def _final_counts(event, gates) -> dict[tuple[int, str], int]:
    rng = random.Random(7)
    return {
        (gate.pk, (event.start_date + datetime.timedelta(days=day)).isoformat()): rng.randint(
            0, 5000
        )
        for gate in gates
        for day in range(DAYS)
    }


def _count_job(event, gate, finals: dict, user, seed: int, *, page: bool):
    # A gate's final counts of each day, some of them sent again.
    rng = random.Random(seed)
    mine = [(date, count) for (pk, date), count in finals.items() if pk == gate.pk]
    sends = mine + rng.sample(mine, len(mine) // 2)
    rng.shuffle(sends)
    path = f"/api/v1/events/{event.pk}/visitor-counts"

    def job():
        tally = reverse("visitors:visitors_tally", args=[event.pk])
        client = PageClient(user, tally) if page else _api(user)
        return [
            client.post_json(path, {"gate": gate.pk, "date": date, "count": count}).status_code
            for date, count in sends
        ]

    return job


def _assert_sales_exact(event, sales_results) -> None:
    sent = [body for declarations, _ in sales_results for body in declarations]
    for _sent, codes in sales_results:
        # First sends are created, resends answered with the stored declaration.
        assert codes.count(201) == DECLARATIONS_EACH and codes.count(200) == RESENT_EACH, codes
    stored = SalesDeclaration.objects.filter(event=event)
    assert stored.count() == len(sent)
    # Summed here from the stored rows: SQLite's SUM adds decimals as floats (8907802.51000001
    # once), which is why the product's totals are quantized to cents (sales.selectors._sum).
    assert sum(stored.values_list("amount_mad", flat=True)) == sum(
        Decimal(body["amount_mad"]) for body in sent
    )
    assert {str(value) for value in stored.values_list("client_uuid", flat=True)} == {
        body["client_uuid"] for body in sent
    }
    per_day = stored.values("organization", "date").annotate(n=Count("id"))
    assert {row["n"] for row in per_day} == {1}


def _assert_checkins_exact(session, checkin_results) -> None:
    reached = set().union(*(seen for _, seen in checkin_results))
    codes = [code for answers, _ in checkin_results for code in answers]
    assert set(codes) <= {200, 201}, sorted(set(codes))
    assert codes.count(201) == len(reached)  # one creation per person, the rest found it
    attendance = Attendance.objects.filter(session=session)
    assert attendance.count() == len(reached)
    assert set(attendance.values_list("person_id", flat=True)) == reached


def test_fifty_clients_leave_exact_totals(fair):
    event, exhibitors, session, people, agents, _gates = fair
    jobs = [
        _exhibitor_job(event, user, seed, page=False) for seed, user in enumerate(exhibitors)
    ] + [
        _checkin_job(session, people, user, 1000 + seed, page=False)
        for seed, user in enumerate(agents)
    ]
    assert len(jobs) == 50
    results = _run_together(jobs)

    _assert_sales_exact(event, results[:EXHIBITORS])
    _assert_checkins_exact(session, results[EXHIBITORS:])


def test_fifty_phones_on_the_pages_and_the_api_leave_exact_totals(fair):
    """The phone pages' queues (sales, check-in, the gate's tally) post JSON to the API,
    logged in by session with the pages' CSRF token; half of each kind of client sends a
    bearer token instead."""
    event, exhibitors, session, people, agents, gates = fair
    finals = _final_counts(event, gates)
    counters = [
        UserFactory(role=Role.GATE_AGENT, organization=event.organizer) for _ in range(2 * GATES)
    ]
    jobs = (
        [_exhibitor_job(event, u, s, page=s % 2 == 0) for s, u in enumerate(exhibitors[:30])]
        + [
            _checkin_job(session, people, u, 1000 + s, page=s % 2 == 0)
            for s, u in enumerate(agents)
        ]
        # Two phones at each gate, one on the tally page and one on the API, send its counts.
        + [
            _count_job(event, gates[s % GATES], finals, u, 2000 + s, page=s < GATES)
            for s, u in enumerate(counters)
        ]
    )
    assert len(jobs) == 50
    results = _run_together(jobs)

    _assert_sales_exact(event, results[:30])
    _assert_checkins_exact(session, results[30:40])
    count_codes = [code for codes in results[40:] for code in codes]
    assert set(count_codes) <= {200, 201}, sorted(set(count_codes))
    assert count_codes.count(201) == len(finals)  # one creation per gate and day
    stored = VisitorCount.objects.filter(event=event)
    assert {(row.gate_id, row.date.isoformat()): row.count for row in stored} == finals
    assert stored.aggregate(total=Sum("count"))["total"] == sum(finals.values())


def test_eight_resends_at_one_instant_on_a_threaded_server(live_server, organizer_body):
    """`make run`'s case (issue 15): a threaded server like runserver, one connection per
    request, eight copies of one declaration arriving together. Each answer is 200 or 201 and
    the sale is stored once."""
    event = EventFactory(organizer=organizer_body)
    organization = OrganizationFactory()
    Participation.objects.create(
        event=event, organization=organization, status=Participation.Status.CONFIRMED
    )
    token = issue_token(user=UserFactory(role=Role.EXHIBITOR, organization=organization))
    body = json.dumps(
        {
            "organization": organization.pk,
            "date": event.start_date.isoformat(),
            "amount_mad": "1234.50",
            "client_uuid": str(uuid.uuid4()),
        }
    ).encode()

    def send() -> tuple[int, str]:
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/events/{event.pk}/sales",
            data=body,
            method="POST",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")[:300]

    answers = _run_together([send] * 8)
    assert sorted(code for code, _ in answers) == [200] * 7 + [201], answers
    stored = SalesDeclaration.objects.filter(event=event)
    assert stored.count() == 1 and stored.get().amount_mad == Decimal("1234.50")
