"""Locust scenario of the load benchmark (bench/load.py starts it; see bench/README.md).

Users, chosen by class name on locust's command line:

- ``Visitor``: the public site (home, event pages, directory, catalogue, search, showcases);
- ``PhoneExhibitor``: logs in with the login form, then declares the day's sales as the
  phone page's queue does (tadamon/sales/static/sales/declare.js: the API's sales endpoint,
  signed in by session with the CSRF token), sometimes resending a declaration already
  acknowledged (a dropped connection);
- ``ApiExhibitor``: declares through ``POST /api/v1/events/{id}/sales`` with a bearer token;
- ``Healthz``: /healthz alone, the server's own ceiling.

The accounts, event and pages come from the plan written by bench/load.py (path in
TADAMON_LOAD_PLAN). Every declaration the server acknowledged is written to the ledger
(TADAMON_LOAD_LEDGER) when the run stops, so that bench/load.py can check that the database
holds exactly those: none lost, none counted twice.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["TADAMON_LOAD_PLAN"]).read_text())
# client_uuid → declaration; acknowledged (201 new, 200 resend) or uncertain (no answer).
ACKNOWLEDGED: dict[str, dict[str, Any]] = {}
UNCERTAIN: dict[str, dict[str, Any]] = {}
RESENDS = {"count": 0, "wrong": 0}
_phone_accounts = itertools.cycle(PLAN["phone_exhibitors"])
_api_accounts = itertools.cycle(PLAN["api_exhibitors"])
# Closed loop: each user sends its next request as soon as the last one is answered, so the
# run measures what the server can do for this many users at once.
FORM = "application/x-www-form-urlencoded"
THINK = constant(float(os.environ.get("TADAMON_LOAD_THINK_S", "0")))


def _declaration(account: dict[str, Any]) -> dict[str, Any]:
    start = datetime.date.fromisoformat(PLAN["event"]["start"])
    days = (datetime.date.fromisoformat(PLAN["event"]["end"]) - start).days
    return {
        "client_uuid": str(uuid.uuid4()),
        "organization": account["organization"],
        "date": (start + datetime.timedelta(days=random.randint(0, days))).isoformat(),
        "amount_mad": str(Decimal(random.randint(5_000, 500_000)) / 100),
        "payment_method": random.choice(["cash", "card", "mobile", ""]),
    }


class Exhibitor(FastHttpUser):
    abstract = True
    wait_time = THINK
    account: dict[str, Any]

    def _send(self, url: str, body: dict[str, Any], name: str, resend: bool = False) -> None:
        with self.client.post(
            url,
            json=body,
            headers=self._headers(),
            name=name,
            catch_response=True,
        ) as response:
            expected = 200 if resend else 201
            if response.status_code == expected:
                ACKNOWLEDGED[body["client_uuid"]] = body
                UNCERTAIN.pop(body["client_uuid"], None)
                response.success()
            else:
                if not resend:
                    UNCERTAIN[body["client_uuid"]] = body
                response.failure(f"expected {expected}, got {response.status_code}")
            if resend:
                RESENDS["count"] += 1
                RESENDS["wrong"] += response.status_code != expected

    def _headers(self) -> dict[str, str]:
        return {}

    def _mine(self) -> list[dict[str, Any]]:
        organization = self.account["organization"]
        return [body for body in ACKNOWLEDGED.values() if body["organization"] == organization]


class SignedIn(FastHttpUser):
    """A phone signed in with the login form: its session cookie and CSRF token go with each
    JSON post, as tadamon/static/tadamon/queue.js sends them. ``account["username"]``."""

    abstract = True
    wait_time = THINK
    account: dict[str, Any]

    def login(self) -> None:
        self.client.get("/accounts/login/", name="/accounts/login/ (form)")
        with self.client.post(
            "/accounts/login/",
            data=urlencode(
                {
                    "username": self.account["username"],
                    "password": PLAN["password"],
                    "csrfmiddlewaretoken": self._cookie("csrftoken"),
                }
            ),
            headers={"Content-Type": FORM},
            name="/accounts/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused: {response.status_code}")

    def _cookie(self, name: str) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == name:
                return cookie.value
        return ""

    def _headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self._cookie("csrftoken"), "Accept": "application/json"}


class PhoneSession(SignedIn, Exhibitor):
    """An exhibitor's phone: what it can do, as plain methods; PhoneExhibitor and the crowd's
    exhibitor (bench/crowd_locustfile.py) weigh them as their tasks."""

    abstract = True

    def on_start(self) -> None:
        self.account = next(_phone_accounts)
        # The phone page's queue posts to the API, signed in by session with the CSRF token
        # (tadamon/sales/static/sales/declare.js; its own JSON view is gone since issue 16).
        self.record_url = f"/api/v1/events/{PLAN['event']['id']}/sales"
        self.login()

    def declare(self) -> None:
        body = _declaration(self.account)
        body["payment_method"] = body["payment_method"] or None  # as declare.js sends it
        self._send(self.record_url, body, "/api/v1/events/[id]/sales (phone)")

    def resend(self) -> None:
        mine = self._mine()
        if mine:
            body = random.choice(mine)
            self._send(self.record_url, body, "/api/v1/events/[id]/sales (phone, resend)", True)

    def declare_page(self) -> None:
        self.client.get(
            f"/sales/events/{PLAN['event']['id']}/declare/", name="/sales/events/[id]/declare/"
        )

    def my_sales(self) -> None:
        self.client.get("/sales/mine/")

    def log_in_again(self) -> None:
        self.client.post(
            "/accounts/logout/",
            data=urlencode({"csrfmiddlewaretoken": self._cookie("csrftoken")}),
            headers={"Content-Type": FORM},
            name="/accounts/logout/",
            allow_redirects=False,
        )
        self.login()


class PhoneExhibitor(PhoneSession):
    weight = 1
    tasks = {
        PhoneSession.declare: 10,
        PhoneSession.resend: 2,
        PhoneSession.declare_page: 4,
        PhoneSession.my_sales: 2,
        PhoneSession.log_in_again: 1,
    }


class ApiExhibitor(Exhibitor):
    weight = 1

    def on_start(self) -> None:
        self.account = next(_api_accounts)
        self.sales_url = f"/api/v1/events/{PLAN['event']['id']}/sales"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.account['token']}"}

    @task(10)
    def declare(self) -> None:
        body = _declaration(self.account)
        # The API's payment method is one of its enum or absent; "" is the phone form's blank.
        body["payment_method"] = body["payment_method"] or None
        self._send(self.sales_url, body, "/api/v1/events/[id]/sales (POST)")

    @task(2)
    def resend(self) -> None:
        mine = self._mine()
        if mine:
            body = random.choice(mine)
            self._send(self.sales_url, body, "/api/v1/events/[id]/sales (resend)", True)

    @task(3)
    def list_mine(self) -> None:
        self.client.get(
            f"{self.sales_url}?organization={self.account['organization']}",
            headers=self._headers(),
            name="/api/v1/events/[id]/sales (GET)",
        )


class Visitor(FastHttpUser):
    weight = 3
    wait_time = THINK

    def on_start(self) -> None:
        self.language = random.choice(["ar", "fr"])

    def _get(self, url: str, name: str | None = None) -> None:
        self.client.get(url, name=name or url, headers={"Accept-Language": self.language})

    @task(3)
    def home(self) -> None:
        self._get("/")

    @task(4)
    def event(self) -> None:
        self._get(f"/e/{random.choice(PLAN['public_events'])}/", "/e/[id]/")

    @task(3)
    def organization(self) -> None:
        self._get(f"/o/{random.choice(PLAN['public_organizations'])}/", "/o/[id]/")

    @task(2)
    def directory(self) -> None:
        self._get("/directory/")

    @task(3)
    def catalogue(self) -> None:
        self._get("/products/")

    @task(1)
    def catalogue_page(self) -> None:
        self._get(
            f"/products/?page={random.randint(2, PLAN['catalogue_pages'])}", "/products/?page=[n]"
        )

    @task(2)
    def search(self) -> None:
        self._get(f"/search/?q={random.choice(PLAN['searches'])}", "/search/?q=[words]")


class Healthz(FastHttpUser):
    wait_time = THINK

    @task
    def healthz(self) -> None:
        self.client.get("/healthz")


def _figures(entry: Any) -> dict[str, Any]:
    """Locust's figures of one request name (or of all): its percentiles are rounded to 2
    significant digits above 100 ms."""
    return {
        "method": entry.method or "",
        "name": entry.name,
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.total_rps,
        "p50": entry.get_response_time_percentile(0.50),
        "p95": entry.get_response_time_percentile(0.95),
        "p99": entry.get_response_time_percentile(0.99),
        "max": entry.max_response_time,
    }


@events.test_stop.add_listener
def _write_ledger(environment: Any, **_kwargs: Any) -> None:
    """Called once every user has stopped: the figures and the ledger are final."""
    path = os.environ.get("TADAMON_LOAD_LEDGER")
    if path:
        stats = environment.stats
        Path(path).write_text(
            json.dumps(
                {
                    "acknowledged": list(ACKNOWLEDGED.values()),
                    "uncertain": list(UNCERTAIN.values()),
                    "resends": RESENDS,
                    "requests": [_figures(entry) for entry in stats.entries.values()],
                    "total": _figures(stats.total),
                    "errors": [
                        {"error": str(error.error), "name": error.name, "count": error.occurrences}
                        for error in stats.errors.values()
                    ],
                }
            )
        )
