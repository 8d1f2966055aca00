"""Locust scenario of the fair-day crowd (issue 18, item 4; bench/crowd.py starts it).

Every user is paced: 5–10 s of thought between two actions, except the gate agents, who send
their gate's tally once a minute. Users, by class name (their weights are bench/crowd.py's
MIX, passed in the plan):

- ``Visitor``: scans a booth's QR code, which opens the exhibitor's showcase (``/o/{id}/``),
  then goes on to the catalogue, the fair's page, a search or the home page;
- ``Exhibitor``: logs in once on the phone, then declares sales as the phone page's queue
  does (``POST /api/v1/events/{id}/sales``, session and CSRF token) and sometimes resends one
  already acknowledged (bench/locustfile.py's PhoneSession: the load benchmark's requests
  and ledger);
- ``GateAgent``: logs in once, owns one gate of the fair and every minute adds the visitors
  seen since to its running count and sends it (``POST /api/v1/events/{id}/visitor-counts``:
  each count replaces the gate's count of the day, so a resend never adds up);
- ``CheckIn``: a trainer or a gate agent checking people in at the fair's sessions
  (``POST /api/v1/sessions/{id}/attendance``, idempotent by person and session), sometimes
  scanning the same badge again;
- ``Organizer``: the fair's dashboard, its closing report, the visitor figures and the
  sales page, every so often.

The plan (TADAMON_LOAD_PLAN, written by bench/crowd.py) gives the accounts, gates, sessions
and people. When the run stops each process writes its ledger into TADAMON_CROWD_OUT: every
declaration, count and check-in the server acknowledged, and those left without an answer,
so that bench/crowd.py can compare them with the database. The process that holds the figures
(the only one, or the master of ``--processes``) writes them there too.
"""

from __future__ import annotations

import datetime
import itertools
import json
import os
import random
import resource
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, constant_pacing, events
from locust.exception import StopUser
from locust.runners import MasterRunner, WorkerRunner

from bench import locustfile as load

PLAN = load.PLAN
THINK = between(5, 10)
TALLY_EVERY_S = 60.0
PROCESSES = int(os.environ.get("TADAMON_CROWD_PROCESSES", "1"))
# gate id → {"count": last acknowledged count or None, "unanswered": counts sent since,
# "posts": counts acknowledged}
TALLIES: dict[int, dict[str, Any]] = {}
TALLY_WRONG = {"count": 0}  # answers whose count is not the one sent
# Every check-in answer: [session, person, status] (status 0: no answer).
CHECK_INS: list[list[int]] = []
# Every failed request of this process, ramp included (locust's figures are reset after it).
FAILURES: Counter[str] = Counter()
_gate_serial = itertools.count()
_checkers = itertools.cycle(PLAN["checkers"] or [None])
_organizers = itertools.cycle(PLAN["organizers"] or [None])


class Visitor(FastHttpUser):
    weight = PLAN["mix"]["Visitor"]
    wait_time = THINK

    def on_start(self) -> None:
        self.language = random.choice(["ar", "fr"])

    def _get(self, url: str, name: str) -> None:
        self.client.get(url, name=name, headers={"Accept-Language": self.language})

    def showcase(self) -> None:
        """A booth's QR code: the exhibitor's showcase."""
        self._get(f"/o/{random.choice(PLAN['showcases'])}/", "/o/[id]/ (booth QR)")

    def catalogue(self) -> None:
        if random.random() < 0.7:
            self._get("/products/", "/products/")
        else:
            page = random.randint(2, PLAN["catalogue_pages"])
            self._get(f"/products/?page={page}", "/products/?page=[n]")

    def event_page(self) -> None:
        self._get(f"/e/{PLAN['event']['id']}/", "/e/[id]/")

    def search(self) -> None:
        self._get(f"/search/?q={random.choice(PLAN['searches'])}", "/search/?q=[words]")

    def home(self) -> None:
        self._get("/", "/")

    tasks = {showcase: 6, catalogue: 2, event_page: 2, search: 2, home: 1}


class Exhibitor(load.PhoneSession):
    weight = PLAN["mix"]["Exhibitor"]
    wait_time = THINK
    tasks = {
        load.PhoneSession.declare: 10,
        load.PhoneSession.resend: 2,
        load.PhoneSession.declare_page: 3,
        load.PhoneSession.my_sales: 2,
    }


class GateAgent(load.SignedIn):
    """One gate each: a gate has one running count a day, kept by one phone."""

    weight = PLAN["mix"]["GateAgent"]
    wait_time = constant_pacing(TALLY_EVERY_S)

    def on_start(self) -> None:
        # Processes take turns through the gates, so that no two phones share one.
        index = max(0, self.environment.runner.worker_index) + PROCESSES * next(_gate_serial)
        if index >= len(PLAN["gates"]):
            # An error of the step (not only a line in locust's log): the plan is too small.
            self.environment.events.request.fire(
                request_type="PLAN",
                name="a gate for each gate agent",
                response_time=0,
                response_length=0,
                exception=RuntimeError(f"{len(PLAN['gates'])} gates, gate agent {index}"),
                context={},
            )
            raise StopUser
        self.gate = PLAN["gates"][index]
        self.account = PLAN["gate_agents"][index % len(PLAN["gate_agents"])]
        self.url = f"/api/v1/events/{PLAN['event']['id']}/visitor-counts"
        # The running count goes on from what the gate holds (set by bench/crowd.py).
        self.count = PLAN["gate_counts"].get(str(self.gate), 0)
        self.login()
        self.client.get(f"/events/{PLAN['event']['id']}/visitors/", name="/events/[id]/visitors/")

    def send_tally(self) -> None:
        self.count += random.randint(5, 120)
        tally = TALLIES.setdefault(self.gate, {"count": None, "unanswered": [], "posts": 0})
        body = {"date": PLAN["tally_date"], "gate": self.gate, "count": self.count}
        with self.client.post(
            self.url,
            json=body,
            headers=self._headers(),
            name="/api/v1/events/[id]/visitor-counts (POST)",
            catch_response=True,
        ) as response:
            if response.status_code in (200, 201):
                tally["count"] = self.count
                tally["unanswered"] = []
                tally["posts"] += 1
                if (response.json() or {}).get("count") != self.count:
                    TALLY_WRONG["count"] += 1
                    response.failure("the answer's count is not the one sent")
                else:
                    response.success()
            else:
                tally["unanswered"].append(self.count)
                response.failure(f"expected 200 or 201, got {response.status_code}")

    tasks = [send_tally]


class CheckIn(load.SignedIn):
    """A trainer or a gate agent at a session's door, scanning badges."""

    weight = PLAN["mix"]["CheckIn"]
    wait_time = THINK

    def on_start(self) -> None:
        self.account = next(_checkers)
        self.sessions = self.account["sessions"]
        self.done: list[dict[str, Any]] = []
        self.login()

    def _check_in(self, session: int, body: dict[str, Any], name: str) -> None:
        with self.client.post(
            f"/api/v1/sessions/{session}/attendance",
            json=body,
            headers=self._headers(),
            name=name,
            catch_response=True,
        ) as response:
            status = response.status_code
            if status in (200, 201):
                response.success()
                self.done.append({"session": session, "body": body})
            else:
                response.failure(f"expected 200 or 201, got {status}")
            CHECK_INS.append([session, body["person"], status if status in (200, 201) else 0])

    def check_in(self) -> None:
        session = random.choice(self.sessions)
        body = {"person": random.choice(PLAN["people"]), "client_uuid": str(uuid.uuid4())}
        self._check_in(session, body, "/api/v1/sessions/[id]/attendance (POST)")

    def scan_again(self) -> None:
        """The same badge scanned again (or the phone's queue sending it twice)."""
        if self.done:
            again = random.choice(self.done)
            self._check_in(
                again["session"], again["body"], "/api/v1/sessions/[id]/attendance (again)"
            )

    def present_list(self) -> None:
        self.client.get(
            f"/api/v1/sessions/{random.choice(self.sessions)}/attendance",
            headers=self._headers(),
            name="/api/v1/sessions/[id]/attendance (GET)",
        )

    tasks = {check_in: 6, scan_again: 1, present_list: 1}


class Organizer(load.SignedIn):
    weight = PLAN["mix"]["Organizer"]
    wait_time = THINK

    def on_start(self) -> None:
        self.account = next(_organizers)
        self.event = PLAN["event"]["id"]
        self.login()

    def dashboard(self) -> None:
        self.client.get(f"/events/{self.event}/dashboard/", name="/events/[id]/dashboard/")

    def report(self) -> None:
        self.client.get(f"/reports/events/{self.event}/", name="/reports/events/[id]/")

    def visitor_figures(self) -> None:
        self.client.get(f"/events/{self.event}/visitors/", name="/events/[id]/visitors/")

    def event_detail(self) -> None:
        self.client.get(f"/events/{self.event}/", name="/events/[id]/")

    tasks = {dashboard: 3, report: 2, visitor_figures: 2, event_detail: 1}


@events.request.add_listener
def _count_failure(request_type: str, name: str, exception: Any = None, **_kwargs: Any) -> None:
    if exception is not None:
        FAILURES[f"{request_type} {name}: {exception}"] += 1


@events.test_stop.add_listener
def _write(environment: Any, **_kwargs: Any) -> None:
    """Called once every user of this process has stopped: its ledger is final."""
    folder = os.environ.get("TADAMON_CROWD_OUT")
    if not folder:
        return
    runner = environment.runner
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime  # this process's, from its start
    if not isinstance(runner, MasterRunner):  # the master runs no users
        ledger = {
            "acknowledged": list(load.ACKNOWLEDGED.values()),
            "uncertain": list(load.UNCERTAIN.values()),
            "resends": load.RESENDS,
            "tallies": {str(gate): tally for gate, tally in TALLIES.items()},
            "tally_wrong": TALLY_WRONG["count"],
            "check_ins": CHECK_INS,
            "failures": FAILURES,
            "cpu": cpu,
        }
        _write_file(Path(folder, f"ledger-{os.getpid()}.json"), ledger)
    if not isinstance(runner, WorkerRunner):  # the figures are the master's (or the only one's)
        stats = environment.stats
        figures = {
            "requests": [load._figures(entry) for entry in stats.entries.values()],
            "total": load._figures(stats.total),
            "errors": [
                {"error": str(error.error), "name": error.name, "count": error.occurrences}
                for error in stats.errors.values()
            ],
            "finished": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "master_cpu": cpu if isinstance(runner, MasterRunner) else 0.0,
        }
        _write_file(Path(folder, "figures.json"), figures)


def _write_file(path: Path, content: dict[str, Any]) -> None:
    """Whole or not at all: bench/crowd.py may read it as soon as it exists (locust's master
    does not wait for the workers of ``--processes`` to finish)."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(content))
    partial.rename(path)
