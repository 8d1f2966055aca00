"""How many queries each page asks of the database, fixed on the demonstration data (issue 18,
item 6, in the manner of NetBox's view tests): a page that starts asking one query per row
(an N+1) fails here, since the demo's events hold tens to hundreds of rows of each kind.

The figures live in query_counts.json. After a change that legitimately moves one, regenerate
the file and say why in the commit:

    TADAMON_UPDATE_QUERY_COUNTS=1 .venv/bin/pytest tests/core/test_query_counts.py

A page is counted on its second request by the same client, so that reading the session and
the user once is not counted for the first page only. A visitor's public page would come from
the public pages' cache the second time (tadamon/public/cache.py): the cache is emptied before
it, so that its rendering is counted (with the one query for the cache's version); its cached
answer is counted apart, under "(cached)".
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tadamon.accounts.models import User
from tadamon.events.models import Participation
from tadamon.programme.models import Session
from tadamon.registry.models import Organization
from tests.core.test_demo_fair_figures import demo, event  # noqa: F401  (the class's fixture)

BASELINE = Path(__file__).with_name("query_counts.json")
UPDATE = os.environ.get("TADAMON_UPDATE_QUERY_COUNTS") == "1"


def _exhibitor_event() -> int:
    user = User.objects.get(username="exhibitor")
    participation = (
        Participation.objects.filter(
            organization_id=user.organization_id, status=Participation.Status.CONFIRMED
        )
        .order_by("-event__start_date")
        .first()
    )
    return participation.event_id


def _public_organization() -> int:
    return Organization.objects.filter(public_profile=True).order_by("pk").first().pk


def _session() -> int:
    return Session.objects.filter(event=event("E5")).order_by("starts_at", "pk").first().pk


# (who, page): who is a demo user name or None for a visitor; the URL is built on the data.
PAGES: dict[str, tuple[str | None, Callable[[], str]]] = {
    "public home": (None, lambda: reverse("public:home")),
    "public fairs": (None, lambda: reverse("public:events")),
    "public event E1": (None, lambda: reverse("public:event", args=[event("E1").pk])),
    "public event E4": (None, lambda: reverse("public:event", args=[event("E4").pk])),
    "public organization": (
        None,
        lambda: reverse("public:organization", args=[_public_organization()]),
    ),
    "public directory": (None, lambda: reverse("public:directory")),
    "public catalogue": (None, lambda: reverse("public:catalogue")),
    "public search": (None, lambda: reverse("public:search") + "?q=%D8%AA%D8%B9%D8%A7%D9%88%D9%86"),
    "event list": ("admin", lambda: reverse("events:event_list")),
    "event detail E1": ("admin", lambda: reverse("events:event_detail", args=[event("E1").pk])),
    "event detail E4": ("admin", lambda: reverse("events:event_detail", args=[event("E4").pk])),
    "allocation E1": ("admin", lambda: reverse("events:allocation", args=[event("E1").pk])),
    "calls dashboard E4": ("admin", lambda: reverse("calls:dashboard", args=[event("E4").pk])),
    "b2b home E4": ("admin", lambda: reverse("b2b:home", args=[event("E4").pk])),
    "awards E4": ("admin", lambda: reverse("awards:event_awards", args=[event("E4").pk])),
    "sales review E4": ("admin", lambda: reverse("sales:review", args=[event("E4").pk])),
    "turnover E4": ("admin", lambda: reverse("sales:turnover", args=[event("E4").pk])),
    "report E4": ("admin", lambda: reverse("reports:report", args=[event("E4").pk])),
    "observatory": ("observer", lambda: reverse("reports:observatory")),
    "organizations": ("admin", lambda: reverse("registry:organization_list")),
    "sessions E5": ("admin", lambda: reverse("programme:session_list", args=[event("E5").pk])),
    "check-in": ("admin", lambda: reverse("programme:checkin", args=[_session()])),
    "visitors tally E4": (
        "admin",
        lambda: reverse("visitors:visitors_tally", args=[event("E4").pk]),
    ),
    "my organization": ("exhibitor", lambda: reverse("registry:my_organization")),
    "declare sales": ("exhibitor", lambda: reverse("sales:declare", args=[_exhibitor_event()])),
    "my sales": ("exhibitor", lambda: reverse("sales:my_sales")),
}


# Visitors' pages also counted as the cache answers them.
CACHED = ("public home", "public event E1", "public catalogue")


def _count(client: Client, url: str, *, rendered: bool) -> int:
    assert client.get(url).status_code == 200, url
    if rendered:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
class TestQueryCounts:
    def test_every_page_asks_the_recorded_number_of_queries(self, demo):  # noqa: F811
        clients: dict[str | None, Client] = {}
        counts = {}
        for name, (who, url) in PAGES.items():
            if who not in clients:
                clients[who] = Client()
                clients[who].cookies["django_language"] = "ar"
                if who:
                    clients[who].force_login(User.objects.get(username=who))
            counts[name] = _count(clients[who], url(), rendered=True)
            if name in CACHED:
                counts[f"{name} (cached)"] = _count(clients[who], url(), rendered=False)
        if UPDATE:
            BASELINE.write_text(json.dumps(counts, indent=1, ensure_ascii=False) + "\n")
            pytest.skip(f"{BASELINE.name} rewritten")
        recorded = json.loads(BASELINE.read_text())
        changed = {
            name: f"{recorded.get(name)} → {count}"
            for name, count in counts.items()
            if recorded.get(name) != count
        }
        assert not changed, (
            f"query counts moved: {changed}; if that is intended, regenerate {BASELINE.name} "
            "(see this module's docstring)"
        )
