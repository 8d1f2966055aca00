"""Machinery of the permission matrix: finding every URL pattern and API operation, filling
their parameters from the seeded world, sending one request per role and judging the answer.

Each request runs in a savepoint that is rolled back, so that every role meets the same
world (a deletion by one role does not turn into a 404 for the next) and a refused request
can be checked for writes: the database's own change counter must not move.
"""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve

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
    PERSON_A_MARK,
    PERSON_B_MARK,
    REVIEWER,
    ROLES,
    SALE_MARK,
    World,
)
from tests.conftest import ApiClient

API_PREFIX = "api/v1/"
ADMIN_ENTRY = "admin"  # the Django admin, one entry of the matrix

ALLOW, DENY = "allow", "deny"

# Who may read each marker (see permission_world); every other role must never receive it.
MARK_READERS: dict[str, frozenset[str]] = {
    PERSON_A_MARK: frozenset(ROLES) - {ANON, EXH_B},
    PERSON_B_MARK: frozenset(ROLES) - {ANON, EXH_A},
    MOTIVATION_MARK: frozenset({EXH_A, REVIEWER, ORG_X, ADMIN}),
    GATE_MARK: frozenset({GATE, ORG_X, OBSERVER, ADMIN}),
    SALE_MARK: frozenset({EXH_A, ORG_X, OBSERVER, ADMIN}),
}


@dataclass(frozen=True)
class Rule:
    """Who may use one URL.

    `method` is POST for the views that only take POST. For a page (GET), `post` are the
    roles that may also POST to it (by default those who may read it): everyone else's POST
    must be refused and change nothing. `kwargs` and `query` name world objects (their pk
    is used) or give literal values, for the parameters that URL_KWARGS does not fill."""

    allowed: frozenset[str]
    method: str = "GET"
    post: frozenset[str] = frozenset()
    kwargs: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)


def page(
    allowed: frozenset[str],
    *,
    post: frozenset[str] | None = None,
    query: dict[str, str] | None = None,
    **kwargs: str,
) -> Rule:
    """A page read with GET (and, for a form, posted to by the roles in `post`)."""
    allowed = frozenset(allowed)
    return Rule(allowed, "GET", allowed if post is None else frozenset(post), kwargs, query or {})


def action(allowed: frozenset[str], **kwargs: str) -> Rule:
    """A view that only takes POST."""
    allowed = frozenset(allowed)
    return Rule(allowed, "POST", allowed, kwargs)


def api(allowed: frozenset[str], *, query: dict[str, str] | None = None, **kwargs: str) -> Rule:
    """An API operation (its method is in the matrix's key, "METHOD /path")."""
    allowed = frozenset(allowed)
    return Rule(allowed, "", allowed, kwargs, query or {})


# Discovery ----------------------------------------------------------------------------


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(pattern.url_patterns, route, joined)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield route, name or route, pattern.callback


def _openapi_path(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def ui_routes(api_paths: set[str]) -> dict[str, str]:
    """Every URL pattern of the root URLconf, by its name (by its route when it has none),
    with its route. The admin counts as one entry; the API's patterns are left to the API
    matrix when the OpenAPI document lists them."""
    routes = {}
    for route, name, callback in _walk(get_resolver().url_patterns):
        if name.startswith("admin:") or route.startswith("admin/"):
            routes[ADMIN_ENTRY] = "admin/"
        elif callback is serve:
            continue  # MEDIA files served in development only (DEBUG), not a view of ours
        elif route.startswith(API_PREFIX) and _openapi_path(route) in api_paths:
            continue
        else:
            routes[name] = route
    return routes


def api_operations(document: dict) -> set[str]:
    """ "METHOD /path" of every operation in the OpenAPI document."""
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


# Parameters ---------------------------------------------------------------------------

# URL and API path parameters filled the same way wherever they appear.
URL_KWARGS: dict[str, Callable[[World], Any]] = {
    "event_pk": lambda w: w.event_x.pk,
    "event_id": lambda w: w.event_x.pk,
    "duplicate_pk": lambda w: w.org_a_dup.pk,
    "partner_pk": lambda w: w.partner.pk,
    "call_pk": lambda w: w.call.pk,
    "participation_pk": lambda w: w.participation_a.pk,
    "wave_pk": lambda w: w.wave.pk,
    "batch_pk": lambda w: w.certificate_batch.pk,
    "batch_id": lambda w: w.certificate_batch.pk,
    "organization_pk": lambda w: w.partner_org.pk,
    "sale_id": lambda w: w.sale.pk,
    "fmt": lambda w: "xlsx",
    "number": lambda w: w.certificate.number,
    "code": lambda w: w.visitor.code,
    "token": lambda w: w.calendar_feed.token,
    # API only.
    "organization_id": lambda w: w.org_a.pk,
    "product_id": lambda w: w.product_a.pk,
    "person_id": lambda w: w.person_a.pk,
    "partner_id": lambda w: w.partner.pk,
    "wave_id": lambda w: w.wave.pk,
    "participation_id": lambda w: w.participation_a.pk,
    "application_id": lambda w: w.application_a.pk,
    "assignment_id": lambda w: w.assignment.pk,
    "session_id": lambda w: w.session.pk,
    "registration_id": lambda w: w.registration.pk,
    "category_id": lambda w: w.category.pk,
    "participant_id": lambda w: w.participant_a.pk,
    "request_id": lambda w: w.request_to_a.pk,
    "meeting_id": lambda w: w.meeting.pk,
}


_URL_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
_API_PARAMETER = re.compile(r"\{(\w+)\}")


def _value(world: World, overrides: dict[str, str], name: str, where: str) -> str:
    if name in overrides:
        wanted = overrides[name]
        found = world.objects.get(wanted, wanted)
        return str(getattr(found, "pk", found))
    if name in URL_KWARGS:
        return str(URL_KWARGS[name](world))
    raise AssertionError(f"{where}: say which world object fills {{{name}}} in its rule")


def path_of(
    world: World,
    route: str,
    overrides: dict[str, str],
    where: str,
    *,
    braces: bool = False,
    query: dict[str, str] | None = None,
) -> str:
    """The route with its parameters filled: `overrides` name world objects (their pk) or
    give literal values; the others come from URL_KWARGS."""
    pattern = _API_PARAMETER if braces else _URL_PARAMETER
    path = "/" + pattern.sub(lambda match: _value(world, overrides, match.group(1), where), route)
    if query:
        path += "?" + urlencode({name: _value(world, query, name, where) for name in query})
    return path


# Requests -----------------------------------------------------------------------------


def writes() -> int:
    """Rows written so far by this connection (inserted, updated or deleted)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                "FROM pg_stat_xact_user_tables"
            )
        return int(cursor.fetchone()[0])


@dataclass
class Outcome:
    status: int
    verdict: str  # ALLOW, DENY, or a description of what went wrong
    writes: int
    body: str


def _text(response) -> str:
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or not any(
        part in kind for part in ("text/", "json", "xml", "calendar")
    ):
        return ""
    return response.content.decode(errors="replace")


_LOGIN_PATHS = (resolve_url(settings.LOGIN_URL), "/admin/login/")
_REDIRECTS = (301, 302, 303, 307, 308)


def ui_verdict(method: str, response, writes: int) -> str:
    """GET: refused is 401, 403, 404 or a redirect to a login page. POST: the same, and also
    an answer that changed nothing (a form's errors, or a redirect back with a message: some
    views let the service refuse that way); allowed is an answer that changed something."""
    status = response.status_code
    if status in (401, 403, 404):
        return DENY
    if status in _REDIRECTS and response.get("Location", "").startswith(_LOGIN_PATHS):
        return DENY
    if status == 405:
        return DENY if method == "POST" else "405: the view takes POST only (use action())"
    if status >= 500:
        return f"{status}: server error"
    if method == "POST" and not writes:
        return DENY
    return ALLOW


def api_verdict(method: str, response, writes: int) -> str:
    """The API says no with 401, 403 or 404 (SPEC 4), and with 400 or 409 when an object
    named in the body is outside the caller's scope ("unknown organization") or the rules
    refuse: allowed is 2xx, with the matrix's bodies chosen so that allowed roles succeed."""
    status = response.status_code
    if status in (400, 401, 403, 404, 409):
        return DENY
    if status == 422:
        return "422: the test's body or parameters are malformed (fix API_BODIES)"
    if 200 <= status < 300:
        return ALLOW
    return f"{status}: {_text(response)[:200]}"


def send(client: Client, method: str, path: str, body: Any, judge: Callable) -> Outcome:
    """One request in a rolled-back savepoint; the client's cookies are kept as they were
    (a logout or a password change must not sign the role out for the next request).
    `body` is JSON for the API, a form's fields for a page, or `Json(...)` for JSON sent
    by a signed-in browser (the phone pages' queues, which post to the API)."""
    cookies = client.cookies
    client.cookies = SimpleCookie(cookies)
    try:
        with transaction.atomic():
            before = writes()
            try:
                if method == "GET":
                    response = client.get(path)
                elif isinstance(body, Multipart):
                    response = client.post(path, body.data)
                elif isinstance(client, ApiClient):
                    response = client._json(method.lower(), path, body)
                elif isinstance(body, Json):
                    response = client.generic(
                        method, path, json.dumps(body.data, default=str), "application/json"
                    )
                else:
                    response = client.post(path, body or {})
                written = writes() - before
                outcome = Outcome(
                    response.status_code, judge(method, response, written), written, _text(response)
                )
            except Exception as error:  # reported with the role and URL, not raised
                outcome = Outcome(500, f"exception {error!r}", 0, "")
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return outcome


@dataclass
class Json:
    """A JSON body sent by a signed-in browser (the phones' offline queues post to the API)."""

    data: Any


@dataclass
class Multipart:
    """The body of an API operation that takes a file."""

    data: dict


def leaks(role: str, body: str) -> list[str]:
    """The private words in `body` that `role` may not read."""
    return [mark for mark, readers in MARK_READERS.items() if role not in readers and mark in body]
