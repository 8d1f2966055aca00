"""Issue 15: no query string makes a page or an API read answer a server error.

Schemathesis (tests/api/test_schemathesis.py) generates values from the OpenAPI document, so
it rarely sends a 23-digit id as a text parameter, and it never sees the pages. Here every
GET page of the permission matrix, and every API read that takes query parameters, receives
odd values — numbers beyond the database's integers, digits that are not ASCII ("²" passes
str.isdigit but not int()), negative, empty, decimal and exponent numbers, text, repeated
parameters — in each parameter it reads, as a signed-in reader of the page and as an
anonymous visitor. No answer may be a 500 (or an exception).

The parameters a page reads are found by watching, during one probing request, which names
the view asks its query string for; a few names read only once another is set are added to
every page. A page that reads none gets a few requests only. The API's query parameters come
from its OpenAPI document; the API validates them all before answering, so each is also tried
by itself. The world is the permission matrix's (tests/accounts/permission_world.py); every
request runs in a savepoint rolled back afterwards. The examples are derandomized: the same
requests are sent on every run (about 1,400 to pages and 700 to the API).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.accounts import permission_support as support
from tests.accounts import test_permission_matrix as matrix
from tests.accounts.permission_matrix import API, UI
from tests.accounts.permission_world import ADMIN, ANON, EXH_A, ORG_X, ROLES, World

pytestmark = pytest.mark.django_db

# The matrix's module-wide world and its discovery of URLs, shared rather than copied.
_fast_and_isolated = matrix._fast_and_isolated
world = matrix.world
openapi_operations = matrix.openapi_operations
ui_routes = matrix.ui_routes

TOO_LARGE = "99999999999999999999999"
# Swept through every parameter of every page and API read, each value in all parameters at
# once; then hypothesis mixes these and others per parameter.
SWEPT = (
    TOO_LARGE,
    str(2**63),  # one beyond the largest id
    "²",  # passes str.isdigit(), fails int()
    "٣",  # an Arabic-Indic digit: int() reads it
    "-1",
    "",
    "1.5",
    "abc",
)
ODD_VALUES = (
    *SWEPT,
    "0",
    "1e309",
    "NaN",
    "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣",
    "9" * 400,
)
# Read by a view only once another parameter is set, or outside a form the probe watches.
EXTRA_NAMES = ("page", "q", "wave", "series", "region", "province", "participant", "year")
PROBE = "probe"
# Whom each page is tried as: its first reader among these (else any), and the anonymous visitor.
READERS = (ORG_X, ADMIN, EXH_A)
EXAMPLES = 6  # mixed examples per page or operation and role, beyond the sweep
MINIMUM_REQUESTS = 1000

VALUE = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(alphabet=st.characters(categories=["Nd", "No", "L", "P"]), max_size=12),
)
VALUES = st.lists(VALUE, min_size=1, max_size=3)  # a repeated parameter: ?wave=1&wave=²


@dataclass
class Run:
    """What the requests met."""

    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)  # one example per URL

    def record(self, where: str, url: str, status: int, problem: str | None) -> None:
        self.requests += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if problem:
            self.failures.setdefault(where, f"{url} → {problem}")

    def report(self) -> str:
        lines = [f"{len(self.failures)} URLs failed in {self.requests} requests:"]
        lines += [f"- {where}: {example}" for where, example in sorted(self.failures.items())]
        return "\n".join(lines)


@contextmanager
def _watching_query_names() -> Iterator[set[str]]:
    """The names looked up in any QueryDict meanwhile (request.GET, and forms bound to it)."""
    asked: set[str] = set()
    originals = {
        name: getattr(MultiValueDict, name)
        for name in ("get", "getlist", "__getitem__", "__contains__")
    }

    def watch(name: str) -> Callable:
        original = originals[name]

        def watched(self, key, *args, **kwargs):
            if isinstance(self, QueryDict) and isinstance(key, str):
                asked.add(key)
            return original(self, key, *args, **kwargs)

        return watched

    for name in originals:
        setattr(MultiValueDict, name, watch(name))
    try:
        yield asked
    finally:
        for name, original in originals.items():
            setattr(MultiValueDict, name, original)


def _get(client: Client, url: str) -> tuple[int, str | None, Any]:
    """One GET in a rolled-back savepoint: its status, what was wrong with it, the response."""
    # A page that signs the visitor out must not do so for the next request.
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies)
    try:
        with transaction.atomic():
            try:
                response = client.get(url)
            except Exception as error:  # reported with the URL, not raised
                return 500, f"exception {error!r}", None
            finally:
                transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    if response.status_code >= 500:
        return response.status_code, f"{response.status_code}", response
    return response.status_code, None, response


def _url(path: str, params: dict[str, list[str]]) -> str:
    separator = "&" if "?" in path else "?"
    return path + separator + urlencode(params, doseq=True) if params else path


def _fuzz(
    run: Run,
    where: str,
    client: Client,
    path: str,
    names: list[str],
    *,
    sweep: tuple[str, ...] = SWEPT,
    alone: tuple[str, ...] = (),
    one_by_one: tuple[str, ...] = (),
    examples: int = EXAMPLES,
    judge: Callable = lambda response: None,
) -> None:
    """The sweep (each value in every parameter at once, then a repeated parameter); each
    value of `one_by_one` in each parameter of `alone` by itself (a parameter refused first
    would hide what another does); then `examples` mixed ones from hypothesis."""

    def send(params: dict[str, list[str]]) -> None:
        url = _url(path, params)
        status, problem, response = _get(client, url)
        run.record(where, url, status, problem or judge(response))

    for value in sweep:
        send({name: [value] for name in names})
    send({name: ["1", "²"] for name in names})
    for name in alone:
        for value in one_by_one:
            send({name: [value]})
    if not examples:
        return

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],  # failures are collected, not shrunk
        suppress_health_check=list(HealthCheck),
    )
    @given(params=st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=4))
    def mixed(params: dict[str, list[str]]) -> None:
        send(params)

    mixed()


def _api_judge(response) -> str | None:
    """An API error answers its JSON error body (tadamon/api/errors.py), never an HTML page."""
    if response is None or response.status_code < 400:
        return None
    if not response.get("Content-Type", "").startswith("application/json"):
        return f"{response.status_code} as {response.get('Content-Type')}"
    if not isinstance(response.json().get("detail"), list):
        return f"{response.status_code} without the error body: {response.content[:200]!r}"
    return None


def _names_read(client: Client, path: str) -> set[str]:
    """The query parameters the page asks for. The probe carries one parameter of its own:
    filter forms bound to `request.GET or None` read their fields only when there is one."""
    with _watching_query_names() as asked:
        _get(client, _url(path, {PROBE: ["1"]}))
    return asked - {PROBE}


def test_no_page_answers_a_server_error_to_odd_query_strings(
    world: World, ui_routes: dict[str, str]
) -> None:
    run = Run()
    pages = [name for name, rule in sorted(UI.items()) if rule.method == "GET"]
    for name in pages:
        if name == support.ADMIN_ENTRY:
            continue  # Django's admin, not a view of ours
        rule = UI[name]
        path = support.path_of(world, ui_routes[name], rule.kwargs, name, query=rule.query)
        # One reader, and the anonymous visitor (mostly sent to the login page).
        readers = [role for role in (*READERS, *ROLES) if role in rule.allowed and role != ANON]
        roles = [*readers[:1], ANON]
        for role in roles:
            client = world.ui_clients[role]
            read = _names_read(client, path)
            names = sorted(read | set(EXTRA_NAMES))
            where = f"{name} as {role}"
            if read and role in rule.allowed:
                _fuzz(
                    run, where, client, path, names, alone=tuple(sorted(read)), one_by_one=SWEPT[:3]
                )
            else:
                # A page that reads no parameter (or a redirect to the login page) gets a few.
                _fuzz(run, where, client, path, names, sweep=SWEPT[:2], examples=0)
    print(f"{run.requests} page requests over {len(pages)} pages: {run.statuses}")
    assert not run.failures, run.report()
    assert run.requests >= MINIMUM_REQUESTS, run.statuses


def _query_parameters(document: dict) -> Iterator[tuple[str, str, list[str]]]:
    for route, operations in sorted(document["paths"].items()):
        operation = operations.get("get")
        if operation is None:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        if names:
            yield f"GET {route}", route, names


def test_no_api_read_answers_a_server_error_to_odd_query_strings(world: World) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    run = Run()
    operations = list(_query_parameters(document))
    for key, route, names in operations:
        rule = API[key]
        path = support.path_of(world, route.lstrip("/"), rule.kwargs, key, braces=True)
        readers = [role for role in READERS if role in rule.allowed] or [ORG_X]
        role = readers[0]
        # The API validates every parameter before it answers: each is tried by itself too.
        client = world.api_clients[role]
        where = f"{key} as {role}"
        _fuzz(
            run, where, client, path, names, alone=tuple(names), one_by_one=SWEPT, judge=_api_judge
        )
    print(f"{run.requests} API requests over {len(operations)} operations: {run.statuses}")
    assert not run.failures, run.report()
    assert run.requests >= len(operations) * len(SWEPT), run.statuses
