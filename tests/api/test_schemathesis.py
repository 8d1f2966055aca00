"""Schemathesis against the API's own OpenAPI document (issue 10, point 5).

Every operation of ``/api/v1/openapi.json`` receives requests generated from its schema —
valid ones, and invalid ones (wrong types, missing fields, values out of range) — sent in
process to the WSGI application, as a platform administrator, an organizer and an exhibitor.
No answer may be a server error, and every answer must be one the document lists for the
operation, with a body matching its schema. Path ids, ids in bodies and reference codes are
mostly taken from the database, so the requests reach real objects and the rules behind them.

The database is the demo (``load_demo`` with a few organizations) plus what the demo leaves
out: a call under review with a selection run, an allocation run, certificates, visitor
registrations and a jury category. Operations run in a fixed order (reads, then writes, then
deletions) and the examples are derandomized, so the same requests are made on every run.
"""

import io
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from django.db.models import Model
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tadamon.accounts.models import User
from tadamon.accounts.tokens import issue_token
from tadamon.awards.models import AwardCategory, Candidate, JuryCriterion
from tadamon.b2b.models import Meeting, MeetingRequest, Participant, Slot
from tadamon.calls.models import Application, ReviewAssignment, SelectionRun
from tadamon.events.models import (
    AllocationRun,
    Booth,
    Event,
    EventPartner,
    EventSeries,
    Participation,
    Wave,
)
from tadamon.programme.models import (
    Certificate,
    CertificateBatch,
    Registration,
    Session,
    Topic,
)
from tadamon.registry.models import (
    Commune,
    Organization,
    OrganizationKind,
    Person,
    Product,
    Province,
    Region,
    Sector,
)
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorRegistration
from tests.calls import test_selection_support as selection_support
from tests.conftest import ApiClient
from tests.events import test_allocation_support as allocation_support
from tests.programme.certificate_support import fatima, programme

pytestmark = pytest.mark.django_db

# What an answer must keep to: no server error, a status code the operation documents, the
# media type and the body schema documented for that status.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MINIMUM_REQUESTS = 1000
# Every request carries the user's token: invalid input is sent in the parameters and bodies,
# not as a broken Authorization header (the 401 has its own tests).
CONFIG = schemathesis.Config.from_dict({"generation": {"with-security-parameters": False}})


@dataclass(frozen=True)
class Budget:
    """How many examples of each operation a user gets, valid and invalid."""

    username: str
    positive: int
    negative: int


BUDGETS = (
    Budget("admin", positive=5, negative=2),
    Budget("organizer", positive=2, negative=0),
    Budget("exhibitor", positive=2, negative=0),
)
# Operations that render PDFs while answering take about a second a request: fewer examples.
CAPS = {
    "POST /api/v1/events/{event_id}/certificates/batch": 1,
    "GET /api/v1/certificates/{number}/pdf": 2,
    "GET /api/v1/certificate-batches/{batch_id}/zip": 2,
}
# Reads first, so that they see the seeded objects; deletions last.
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}

# Where real values come from, by path parameter and by body or query field.
PATH_OBJECTS: dict[str, type[Model]] = {
    "organization_id": Organization,
    "product_id": Product,
    "person_id": Person,
    "event_id": Event,
    "partner_id": EventPartner,
    "wave_id": Wave,
    "participation_id": Participation,
    "application_id": Application,
    "assignment_id": ReviewAssignment,
    "session_id": Session,
    "registration_id": Registration,
    "batch_id": CertificateBatch,
    "sale_id": SalesDeclaration,
    "category_id": AwardCategory,
    "participant_id": Participant,
    "request_id": MeetingRequest,
    "meeting_id": Meeting,
}
FIELD_OBJECTS: dict[str, type[Model]] = {
    "organization": Organization,
    "organizer": Organization,
    "duplicate": Organization,
    "person": Person,
    "wave": Wave,
    "participation": Participation,
    "booth": Booth,
    "candidate": Candidate,
    "criterion": JuryCriterion,
    "user": User,
    "recipient": Participant,
    "requester": Participant,
    "participant": Participant,
    "product": Product,
    "series": EventSeries,
    "gate": Gate,
    "category": AwardCategory,
}
LIST_OBJECTS: dict[str, type[Model]] = {
    "reviewers": User,
    "trainers": User,
    "wave_preferences": Wave,
    "include": Application,
    "exclude": Application,
    "unavailable_slots": Slot,
}
CODES: dict[str, Callable[[], list[str]]] = {
    "region": lambda: _values(Region, "code"),
    "province": lambda: _values(Province, "code"),
    "sector": lambda: _values(Sector, "code"),
    "commune": lambda: _values(Commune, "name_fr"),
}
CODE_LISTS: dict[str, Callable[[], list[str]]] = {
    "sectors": CODES["sector"],
    "eligible_sectors": CODES["sector"],
    "eligible_regions": CODES["region"],
    "eligible_kinds": lambda: _values(OrganizationKind, "code"),
    "topics": lambda: _values(Topic, "code"),
}


DATE_PAIRS = (
    ("start_date", "end_date"),
    ("starts_at", "ends_at"),
    ("opens_on", "closes_on"),
    ("date", "checked_in_at"),
)


def _values(model: type[Model], field: str = "pk") -> list[Any]:
    return list(model.objects.order_by("pk").values_list(field, flat=True)[:100])


def _path_values(path: str, name: str) -> list[Any]:
    if name == "run_id":
        return _values(SelectionRun if "/selections/" in path else AllocationRun)
    if name == "number":
        return _values(Certificate, "number")
    if name == "code":
        return [str(code) for code in _values(VisitorRegistration, "code")]
    return _values(PATH_OBJECTS[name]) if name in PATH_OBJECTS else []


def _real(data: st.DataObject, values: list[Any], generated: Any) -> Any:
    """Mostly a value from the database; sometimes the generated one, to reach the 404s and
    the field errors too."""
    # Hypothesis starts from the smallest choices: 0 must mean "from the database".
    if not values or data.draw(st.integers(0, 7)) == 7:
        return generated
    return data.draw(st.sampled_from(values))


def _realistic_fields(data: st.DataObject, path: str, fields: dict[str, Any]) -> None:
    for name in list(fields):
        if name in FIELD_OBJECTS:
            fields[name] = _real(data, _values(FIELD_OBJECTS[name]), fields[name])
        elif name in LIST_OBJECTS and isinstance(fields[name], list):
            pool = _values(LIST_OBJECTS[name])
            fields[name] = [_real(data, pool, item) for item in fields[name]] or fields[name]
        elif name in CODES:
            fields[name] = _real(data, CODES[name](), fields[name])
        elif name in CODE_LISTS and isinstance(fields[name], list):
            pool = CODE_LISTS[name]()
            fields[name] = [_real(data, pool, item) for item in fields[name]]
        elif name == "kind" and path.startswith("/api/v1/organizations"):
            fields[name] = _real(data, _values(OrganizationKind, "code"), fields[name])


def _realistic_dates(data: st.DataObject, fields: dict[str, Any], window: list[date]) -> None:
    """Dates within the event's (a random date is almost always outside it), in order."""
    for first, last in DATE_PAIRS:
        if (first in fields or last in fields) and data.draw(st.integers(0, 7)) < 7:
            start, end = sorted(data.draw(st.sampled_from(window)) for _ in range(2))
            for name, day, hour in ((first, start, 9), (last, end, 17)):
                if isinstance(fields.get(name), str) and "T" in fields[name]:
                    fields[name] = f"{day.isoformat()}T{hour:02}:00:00+01:00"
                elif isinstance(fields.get(name), str) and ":" in fields[name]:
                    fields[name] = f"{hour:02}:00"  # a time of day (B2B sessions)
                elif name in fields:
                    fields[name] = day.isoformat()


def _window(case: schemathesis.Case) -> list[date]:
    event = Event.objects.filter(pk=case.path_parameters.get("event_id") or 0).first()
    start, end = (
        (event.start_date, event.end_date) if event else (date(2026, 7, 1), date(2026, 7, 10))
    )
    return [start + timedelta(days=n) for n in range(min((end - start).days, 90) + 1)]


def _make_realistic(case: schemathesis.Case, data: st.DataObject) -> None:
    """Point a valid case at real objects: path ids, ids in the body and query, codes, dates
    within the event."""
    path = case.operation.path
    for name, generated in list(case.path_parameters.items()):
        case.path_parameters[name] = _real(data, _path_values(path, name), generated)
    if isinstance(case.query, dict):
        _realistic_fields(data, path, case.query)
    bodies = case.body if isinstance(case.body, list) else [case.body]
    for body in bodies:
        if isinstance(body, dict):
            _realistic_fields(data, path, body)
            _realistic_dates(data, body, _window(case))
            # The optimizers run while answering: a time limit of minutes would be valid but
            # would make the run's length depend on the solver.
            if isinstance(body.get("time_limit_s"), int) and body["time_limit_s"] > 2:
                body["time_limit_s"] = 2


def _complete_the_demo() -> None:
    """What the demo leaves out, so that every path id can point at a real object."""
    organizer = User.objects.get(username="organizer")
    exhibitor = User.objects.get(username="exhibitor")
    reviewer = User.objects.get(username="reviewer")
    body = organizer.organization
    api = ApiClient(issue_token(user=organizer))

    # A call with applications (the exhibitor's among them), reviews and a selection run.
    event, waves, call = selection_support.bazaar(body, booths=6, waves=2)
    others = selection_support.organizations(5, women_led=lambda i: i % 2 == 0)
    applications = selection_support.applications(
        call,
        [exhibitor.organization, *others],
        scores=[90, 80, 70, 60, 50, 40],
        waves=lambda i: waves[: i % 3],
    )
    for submitted in applications[:3]:
        url = f"/api/v1/applications/{submitted.pk}/reviewers"
        _ok(api.post_json(url, {"reviewers": [reviewer.pk]}))
    _ok(api.post_json(f"/api/v1/events/{event.pk}/selection", {}))

    # A fair with booths, confirmed exhibitors and an allocation run; visitors register.
    fair, _waves = allocation_support.fair(body, rows=2, columns=3, waves=2)
    allocation_support.exhibitors(
        fair, [exhibitor.organization, *allocation_support.organizations(3)]
    )
    _ok(api.post_json(f"/api/v1/events/{fair.pk}/allocation", {"method": "greedy"}))
    _ok(api.patch_json(f"/api/v1/events/{fair.pk}", {"visitor_registration": True}))
    visitor = {"name": "Amina", "phone": "0612345678", "gender": "f"}
    _ok(api.post_json(f"/api/v1/events/{fair.pk}/visitor-registrations", visitor))

    # A jury category with a criterion, a candidate and a juror.
    _ok(api.post(f"/api/v1/events/{fair.pk}/award-categories/template"))
    category = fair.award_categories.get(code="innovation")
    base = f"/api/v1/award-categories/{category.pk}"
    _ok(api.post_json(f"{base}/criteria", {"name_fr": "Nouveauté", "weight": 2}))
    _ok(api.post_json(f"{base}/candidates", {"organization": exhibitor.organization_id}))
    _ok(api.post_json(f"{base}/jurors", {"user": reviewer.pk}))

    # A training programme with a certificate and a batch.
    training = programme(body, sessions=2)
    holder = fatima(training)
    certificate = {"kind": "attendance", "person": holder.pk}
    _ok(api.post_json(f"/api/v1/events/{training.pk}/certificates", certificate))
    _ok(api.post_json(f"/api/v1/events/{training.pk}/certificates/batch", {"kind": "attendance"}))


def _ok(response) -> None:
    assert response.status_code < 300, (response.status_code, response.content[:500])


@pytest.fixture
def seeded(db, settings) -> None:
    settings.TADAMON_B2B_TIME_LIMIT_S = 2  # as time_limit_s below: the run stays bounded
    call_command("load_demo", organizations=30, stdout=io.StringIO())
    _complete_the_demo()


@pytest.fixture
def app():
    """The WSGI application, answering inside the test's transaction.

    Django closes the database connection when a request starts and ends; the test client
    turns that off, and so must we, else the first request would end the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class Run:
    """What the generated requests met."""

    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    answered: set[str] = field(default_factory=set)  # operations with a 2xx answer
    failures: dict[tuple, str] = field(default_factory=dict)  # one example per failure kind
    server_errors: list[str] = field(default_factory=list)  # tracebacks of the last request

    def report(self) -> str:
        lines = [f"{len(self.failures)} distinct failures in {self.requests} requests:"]
        for (label, titles, status), example in sorted(self.failures.items()):
            lines.append(f"- {label} → {status}: {', '.join(titles)}\n  {example}")
        return "\n".join(lines)


def _exercise(operation, budget: Budget, token: str, mode, run: Run, examples: int) -> None:
    examples = min(examples, CAPS.get(operation.label, examples))
    strategy = operation.as_strategy(generation_mode=mode)

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        # Failures are collected rather than raised, so there is nothing to shrink.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, data=st.data())
    def exercise(case: schemathesis.Case, data: st.DataObject) -> None:
        if mode is schemathesis.GenerationMode.POSITIVE:
            _make_realistic(case, data)
        run.server_errors.clear()
        response = case.call(headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})
        run.requests += 1
        run.statuses[response.status_code] += 1
        if response.status_code < 300:
            run.answered.add(operation.label)
        try:
            case.validate_response(response, checks=CHECKS)
        except (FailureGroup, Failure) as error:
            failures = error.exceptions if isinstance(error, FailureGroup) else [error]
            titles = tuple(sorted({failure.title for failure in failures}))
            key = (operation.label, titles, response.status_code)
            example = (
                f"as {budget.username} ({mode.value}): {case.as_curl_command()}\n"
                f"  answer: {response.text[:300]}"
            )
            if run.server_errors:
                example += f"\n  {run.server_errors[-1][-1200:]}"
            run.failures.setdefault(key, example)

    try:
        exercise()
    except Unsatisfiable:
        # Nothing to make invalid: no parameters and no body, or only free text in the path.
        assert mode is schemathesis.GenerationMode.NEGATIVE


def test_generated_requests_get_documented_answers_and_never_a_server_error(seeded, app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)
    tokens = {b.username: issue_token(user=User.objects.get(username=b.username)) for b in BUDGETS}
    run = Run()

    def remember(sender, request, **kwargs) -> None:
        run.server_errors.append(traceback.format_exc())

    operations = sorted(
        (result.ok() for result in schema.get_all_operations()),
        key=lambda op: (METHOD_ORDER[op.method.lower()], op.path),
    )
    got_request_exception.connect(remember)
    try:
        for operation in operations:
            for budget in BUDGETS:
                token = tokens[budget.username]
                for mode, examples in (
                    (schemathesis.GenerationMode.POSITIVE, budget.positive),
                    (schemathesis.GenerationMode.NEGATIVE, budget.negative),
                ):
                    if examples:
                        _exercise(operation, budget, token, mode, run, examples)
    finally:
        got_request_exception.disconnect(remember)

    print(f"{run.requests} requests over {len(operations)} operations: {dict(run.statuses)}")
    unanswered = sorted({op.label for op in operations} - run.answered)
    print(f"{len(unanswered)} operations without a 2xx answer:", *unanswered, sep="\n  ")
    assert not run.failures, run.report()
    assert run.requests >= MINIMUM_REQUESTS, run.statuses
    assert sum(n for status, n in run.statuses.items() if status < 300) >= MINIMUM_REQUESTS // 10
