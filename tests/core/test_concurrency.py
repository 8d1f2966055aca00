"""Fifty clients at closing time on PostgreSQL (issue 10): forty exhibitors' phones declaring
their day's sales, each resending some of them as a weak connection does, and ten gate agents
checking the same people in at once. At the end the totals are exact and nothing is counted
twice. SQLite serialises writers, so the test means something on PostgreSQL only."""

import datetime
import random
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Count, Sum

from tadamon.accounts.models import Role
from tadamon.accounts.tokens import issue_token
from tadamon.events.models import Participation
from tadamon.programme.models import Attendance, Registration
from tadamon.sales.models import SalesDeclaration
from tests.conftest import ApiClient
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]

EXHIBITORS = 40
GATE_AGENTS = 10
DECLARATIONS_EACH = 5
RESENT_EACH = 3
PEOPLE = 120


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
        user = UserFactory(role=Role.EXHIBITOR, organization=organization)
        exhibitors.append((organization, issue_token(user=user)))
    session = SessionFactory(event=event)
    people = [PersonFactory() for _ in range(PEOPLE)]
    Registration.objects.bulk_create(Registration(session=session, person=p) for p in people)
    agents = [
        issue_token(user=UserFactory(role=Role.GATE_AGENT, organization=organizer_body))
        for _ in range(GATE_AGENTS)
    ]
    return event, exhibitors, session, people, agents


def _exhibitor_job(event, organization, token: str, seed: int):
    rng = random.Random(seed)
    declarations = [
        {
            "organization": organization.pk,
            "date": (event.start_date + datetime.timedelta(days=day)).isoformat(),
            "amount_mad": f"{rng.randint(50, 90000)}.{rng.randint(0, 99):02d}",
            "client_uuid": str(uuid.uuid4()),
        }
        for day in range(DECLARATIONS_EACH)
    ]
    # The phone did not hear back about some of them and sends them again.
    sends = declarations + rng.sample(declarations, RESENT_EACH)

    def job():
        api = ApiClient(token)
        codes = [
            api.post_json(f"/api/v1/events/{event.pk}/sales", body).status_code for body in sends
        ]
        return declarations, codes

    return job


def _agent_job(session, people, token: str, seed: int):
    # Every agent has most of the queue at the gate: the same person reaches several agents.
    order = random.Random(seed).sample(people, k=len(people) * 3 // 4)

    def job():
        api = ApiClient(token)
        return [
            api.post_json(
                f"/api/v1/sessions/{session.pk}/attendance",
                {"person": person.pk, "client_uuid": str(uuid.uuid4())},
            ).status_code
            for person in order
        ], {person.pk for person in order}

    return job


def test_fifty_clients_leave_exact_totals(fair):
    event, exhibitors, session, people, agents = fair
    jobs = [
        _exhibitor_job(event, organization, token, seed)
        for seed, (organization, token) in enumerate(exhibitors)
    ] + [_agent_job(session, people, token, 1000 + seed) for seed, token in enumerate(agents)]
    assert len(jobs) == 50
    results = _run_together(jobs)

    sales_results, checkin_results = results[:EXHIBITORS], results[EXHIBITORS:]
    sent = [body for declarations, _ in sales_results for body in declarations]
    for _sent, codes in sales_results:
        # First sends are created, resends answered with the stored declaration.
        assert codes.count(201) == DECLARATIONS_EACH and codes.count(200) == RESENT_EACH
    stored = SalesDeclaration.objects.filter(event=event)
    assert stored.count() == EXHIBITORS * DECLARATIONS_EACH
    assert stored.aggregate(total=Sum("amount_mad"))["total"] == sum(
        Decimal(body["amount_mad"]) for body in sent
    )
    assert {str(value) for value in stored.values_list("client_uuid", flat=True)} == {
        body["client_uuid"] for body in sent
    }
    per_day = stored.values("organization", "date").annotate(n=Count("id"))
    assert {row["n"] for row in per_day} == {1}

    reached = set().union(*(seen for _, seen in checkin_results))
    codes = [code for answers, _ in checkin_results for code in answers]
    assert set(codes) <= {200, 201}
    assert codes.count(201) == len(reached)  # one creation per person, the rest found it
    attendance = Attendance.objects.filter(session=session)
    assert attendance.count() == len(reached)
    assert set(attendance.values_list("person_id", flat=True)) == reached
