"""Issue 10, access control: every role against every page and every API operation.

The expected access is explicit data (permission_matrix.py); the world every request meets is
built once for the module (permission_world.py), and each request runs in a savepoint rolled
back afterwards (permission_support.py). Besides the status, every refused request must
leave the database untouched (unsafe methods included), and no response may carry a marked
private word to a role that may not read it.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from unittest.mock import patch

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings

from tadamon.api.api import api
from tests.accounts import permission_bodies as bodies
from tests.accounts import permission_support as support
from tests.accounts.permission_matrix import API, UI, UNPUBLISHED
from tests.accounts.permission_world import (
    ADMIN,
    ANON,
    EXH_A,
    EXH_B,
    GATE,
    GATE_MARK,
    MOTIVATION_MARK,
    OBSERVER,
    ORG_X,
    ORG_Y,
    PERSON_A_MARK,
    PERSON_B_MARK,
    REVIEWER,
    ROLES,
    SALE_MARK,
    World,
    build_world,
)
from tests.conftest import ApiClient

# Marked so that pytest-django sets the test database up (it does so only for marked tests);
# each test then runs in a savepoint of the module's transaction.
pytestmark = pytest.mark.django_db

ADMIN_PAGES = ("/admin/", "/admin/registry/organization/")
STATIC_FILES = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _fast_and_isolated() -> None:
    """Replaces the suite's per-test settings (tests/conftest.py): the module's world keeps
    its own media directory and password hasher for all its tests."""


def _once(build: Callable[..., dict]) -> Callable[..., dict]:
    documents: dict[str, dict] = {}

    def cached(**kwargs: object) -> dict:
        key = repr(sorted(kwargs.items()))
        if key not in documents:
            documents[key] = build(**kwargs)
        return documents[key]

    return cached


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The seeded world and a signed-in client and an API client per role, in a transaction
    rolled back when the module ends (so other test modules never see it)."""
    with ExitStack() as stack:
        stack.enter_context(django_db_blocker.unblock())
        name = str(connection.settings_dict["NAME"])
        # The SQLite test database is a file whose path the tests choose (tests/conftest.py).
        test_name = "memory" in name or Path(name).name.startswith("test_")
        assert test_name, f"not a test database: {name}"
        stack.enter_context(
            override_settings(
                MEDIA_ROOT=tmp_path_factory.mktemp("matrix-media"),
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                STORAGES={**settings.STORAGES, "staticfiles": STATIC_FILES},
            )
        )
        stack.enter_context(transaction.atomic())
        built = build_world()
        # From here on background tasks are only queued: the matrix checks who may start an
        # allocation or a batch of certificates, not the optimizer or the PDF renderer.
        stack.enter_context(override_settings(TASKS=DUMMY_TASKS))
        # The OpenAPI document is built anew for every request; it is the same for every
        # role, so it is built once (the view and its access rule are unchanged).
        stack.enter_context(patch.object(api, "get_openapi_schema", _once(api.get_openapi_schema)))
        built.objects["ui_clients"] = clients = {}
        built.objects["api_clients"] = {}
        for role in ROLES:
            # In English, so that a failure's messages can be read.
            clients[role] = Client()
            clients[role].cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
            if built.users[role] is not None:
                clients[role].force_login(built.users[role])
            built.api_clients[role] = ApiClient(built.tokens[role], HTTP_ACCEPT_LANGUAGE="en")
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def openapi_operations(world: World) -> set[str]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return support.api_operations(response.json())


@pytest.fixture(scope="module")
def ui_routes(openapi_operations: set[str]) -> dict[str, str]:
    api_paths = {operation.split(" ", 1)[1] for operation in openapi_operations}
    return support.ui_routes(api_paths)


# Completeness: the matrix and the URLconf / OpenAPI document name the same things. --------


def test_every_url_pattern_has_a_line_in_the_matrix(ui_routes: dict[str, str]) -> None:
    missing = sorted(set(ui_routes) - set(UI))
    assert not missing, f"URL patterns missing from permission_matrix.UI: {missing}"


def test_every_line_of_the_matrix_names_an_existing_url(ui_routes: dict[str, str]) -> None:
    gone = sorted(set(UI) - set(ui_routes))
    assert not gone, f"permission_matrix.UI names URLs that no longer exist: {gone}"


def test_every_api_operation_has_a_line_in_the_matrix(openapi_operations: set[str]) -> None:
    missing = sorted(openapi_operations - set(API))
    assert not missing, f"API operations missing from permission_matrix.API: {missing}"


def test_every_api_line_of_the_matrix_names_an_existing_operation(
    openapi_operations: set[str],
) -> None:
    gone = sorted(set(API) - openapi_operations)
    assert not gone, f"permission_matrix.API names operations that no longer exist: {gone}"


def test_the_openapi_document_is_the_one_the_api_serves(openapi_operations: set[str]) -> None:
    # The completeness tests read the served document; it must list what ninja registered.
    assert openapi_operations == support.api_operations(api.get_openapi_schema())


# The matrix itself. ---------------------------------------------------------------------


def _report(name: str, expected: frozenset[str], outcomes: dict, problems: list[str]) -> str:
    allowed = {role for role, outcome in outcomes.items() if outcome.verdict == support.ALLOW}
    lines = [f"{name}:"]
    if allowed != expected:
        lines.append(f"  allowed but should be refused: {sorted(allowed - expected)}")
        lines.append(f"  refused but should be allowed: {sorted(expected - allowed)}")
    lines += [f"  {problem}" for problem in problems]
    lines.append("  answers: " + ", ".join(f"{r}={o.status}" for r, o in outcomes.items()))
    return "\n".join(lines)


# The event access rule (issue 16): refused at a URL that names only an event, a signed-in
# role that sees the event gets 403; one that may not see it (an unpublished event) gets 404.
# Where the body names an organization that a role may not see, the API answers 400 ("unknown
# organization", SPEC 4) to that role before the event's rule is asked.
_EVENT_PARAMETERS = {"event_pk", "event_id"}
_BODY_NAMES_AN_ORGANIZATION = {
    "POST /api/v1/events/{event_id}/applications",
    "POST /api/v1/events/{event_id}/b2b/participants",
}


def _names_only_an_event(route: str, rule: support.Rule) -> bool:
    parameters = set(re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", route))
    names = {name for pair in parameters for name in pair if name}
    return bool(names) and names <= _EVENT_PARAMETERS and not rule.kwargs


def _check_codes(outcomes: dict, codes: set[int], problems: list[str]) -> None:
    for role, outcome in outcomes.items():
        if role != ANON and outcome.verdict == support.DENY and outcome.status not in codes:
            problems.append(f"{role} was refused with {outcome.status}, not {sorted(codes)}")


def _check(name: str, expected: frozenset[str], outcomes: dict, problems: list[str]) -> None:
    for role, outcome in outcomes.items():
        if outcome.verdict not in (support.ALLOW, support.DENY):
            problems.append(f"{role}: {outcome.verdict}")
        if outcome.verdict == support.DENY and outcome.writes:
            problems.append(f"{role} was refused but {outcome.writes} rows were written")
        for mark in support.leaks(role, outcome.body):
            problems.append(f"{role} received the private word {mark!r}")
    allowed = {role for role, outcome in outcomes.items() if outcome.verdict == support.ALLOW}
    assert allowed == expected and not problems, _report(name, expected, outcomes, problems)


def _takes_post(world: World, rule: support.Rule, paths: list[str], data: object) -> bool:
    """Whether posting to a page must be tried for the roles that may not post: not when the
    view refuses the method itself (405 to a role allowed to read it), which saves most
    of the requests; an action is posted to by everyone anyway."""
    if rule.method != "GET":
        return False
    readers = [role for role in ROLES if role in rule.allowed]
    if not readers:
        return True
    client = world.ui_clients[readers[0]]
    return any(
        support.send(client, "POST", path, data, support.ui_verdict).status != 405 for path in paths
    )


@pytest.mark.parametrize("name", sorted(UI))
def test_page_access(world: World, ui_routes: dict[str, str], name: str) -> None:
    _check_page(world, ui_routes, name, UI[name])


@pytest.mark.parametrize("operation", sorted(API))
def test_api_access(world: World, operation: str) -> None:
    _check_operation(world, operation, API[operation])


@pytest.mark.parametrize(("key", "rule"), UNPUBLISHED.items())
def test_an_unpublished_event_is_seen_only_by_its_managers_and_observers(
    world: World, ui_routes: dict[str, str], key: str, rule: support.Rule
) -> None:
    # Only its managers and observers know that it exists: to everyone else, 404 (issue 16).
    unseen_by = frozenset(ROLES) - {ANON, ORG_Y, ADMIN, OBSERVER}
    if key in API:
        _check_operation(world, key, rule, unseen_by=unseen_by)
    else:
        _check_page(world, ui_routes, key, rule, unseen_by=unseen_by)


def _check_page(
    world: World,
    ui_routes: dict[str, str],
    name: str,
    rule: support.Rule,
    *,
    unseen_by: frozenset[str] = frozenset(),
) -> None:
    if name not in ui_routes:
        pytest.fail(f"{name} is no longer a URL (see the completeness tests)")
    if name == support.ADMIN_ENTRY:
        paths = list(ADMIN_PAGES)
    else:
        paths = [support.path_of(world, ui_routes[name], rule.kwargs, name, query=rule.query)]
    data = bodies.form_data(world, name)
    outcomes, problems = {}, []
    probed = _takes_post(world, rule, paths, data)
    for role in ROLES:
        client = world.ui_clients[role]
        answers = [
            support.send(client, rule.method, path, data, support.ui_verdict) for path in paths
        ]
        outcomes[role] = answers[0]
        if len({answer.verdict for answer in answers}) > 1:
            problems.append(f"{role}: the admin pages disagree: {[a.status for a in answers]}")
        if probed and role not in rule.post:
            # Whoever may not change through this page must not change anything by posting.
            for path in paths:
                posted = support.send(client, "POST", path, data, support.ui_verdict)
                if posted.verdict != support.DENY:
                    problems.append(
                        f"{role} may not post here but its POST answered {posted.status}"
                        f" and wrote {posted.writes} rows"
                    )
    if name != support.ADMIN_ENTRY and _names_only_an_event(ui_routes[name], rule):
        _check_codes(outcomes, {403}, problems)
    _check_codes({role: outcomes[role] for role in unseen_by}, {404}, problems)
    _check(name, rule.allowed, outcomes, problems)


def _check_operation(
    world: World, operation: str, rule: support.Rule, *, unseen_by: frozenset[str] = frozenset()
) -> None:
    method, route = operation.split(" ", 1)
    path = support.path_of(
        world, route.lstrip("/"), rule.kwargs, operation, braces=True, query=rule.query
    )
    outcomes = {
        # The body is made anew for each role: an uploaded file is read only once.
        role: support.send(
            world.api_clients[role],
            method,
            path,
            bodies.api_body(world, operation),
            support.api_verdict,
        )
        for role in ROLES
    }
    problems: list[str] = []
    if _names_only_an_event(route, rule):
        body_refusal = {400} if operation in _BODY_NAMES_AN_ORGANIZATION else set()
        _check_codes(outcomes, {403} | body_refusal, problems)
    _check_codes({role: outcomes[role] for role in unseen_by}, {404}, problems)
    _check(operation, rule.allowed, outcomes, problems)


# The operations the phone pages' offline queues send to, signed in by the browser's session
# rather than a token (issue 16, item 5).
PHONE_QUEUES = (
    "POST /api/v1/events/{event_id}/sales",
    "POST /api/v1/events/{event_id}/visitor-counts",
    "POST /api/v1/sessions/{session_id}/attendance",
)


@pytest.mark.parametrize("operation", PHONE_QUEUES)
def test_the_phone_queues_operations_by_session_admit_whom_a_token_admits(
    world: World, operation: str
) -> None:
    rule = API[operation]
    method, route = operation.split(" ", 1)
    path = support.path_of(world, route.lstrip("/"), rule.kwargs, operation, braces=True)
    outcomes = {
        role: support.send(
            world.ui_clients[role],
            method,
            path,
            support.Json(bodies.api_body(world, operation)),
            support.api_verdict,
        )
        for role in ROLES
    }
    problems: list[str] = []
    if _names_only_an_event(route, rule):
        _check_codes(outcomes, {403}, problems)
    _check(operation, rule.allowed, outcomes, problems)
    assert outcomes[ANON].status == 401  # a session that ended: the phone keeps its items


@pytest.mark.parametrize(
    ("role", "key", "kwargs", "mark"),
    [
        (EXH_A, "registry:organization_detail", {"pk": "org_a"}, PERSON_A_MARK),
        (EXH_B, "registry:my_organization", {}, PERSON_B_MARK),
        (REVIEWER, "calls:application_detail", {"pk": "application_a"}, MOTIVATION_MARK),
        (GATE, "visitors:visitors_tally", {}, GATE_MARK),
        (ORG_X, "audit_trail", {}, GATE_MARK),
        (EXH_A, "GET /api/v1/events/{event_id}/sales", {}, SALE_MARK),
        (OBSERVER, "GET /api/v1/events/{event_id}/sales", {}, SALE_MARK),
    ],
)
def test_the_private_words_reach_their_readers(
    world: World, ui_routes: dict[str, str], role: str, key: str, kwargs: dict, mark: str
) -> None:
    # Otherwise the leak check above would pass for want of anything to find.
    if key in API:
        path = support.path_of(world, key.split(" ", 1)[1].lstrip("/"), kwargs, key, braces=True)
        client, judge = world.api_clients[role], support.api_verdict
    else:
        path = support.path_of(world, ui_routes[key], kwargs, key)
        client, judge = world.ui_clients[role], support.ui_verdict
    outcome = support.send(client, "GET", path, None, judge)
    assert outcome.status == 200 and mark in outcome.body
