"""Page weight of the field pages on a phone at 3G speed (issue 20).

Run from the repository root:

    .venv/bin/python -m bench.pageweight [--profile regular-3g|fast-3g] [--workers 2]
                                         [--runs 1] [--block-service-workers] [--busy]
                                         [--reuse]

1. The demonstration data (``load_demo``) in an SQLite file under /tmp/tadamon-pageweight-bench,
   and gunicorn with the production settings (bench/server.py: DJANGO_DEBUG=0, whitenoise's
   compressed and hashed static files, kept a year) on 127.0.0.1. ``--reuse`` keeps the
   database (and the static files collected while no static file changed). ``--busy``
   first grows the demo to a busy day's size (as tests/core/test_page_weight.py): the
   tallied fair with 10 gates counted each day, the check-in session with 200 people
   registered and 150 present (the sheet measured is then that session's).
2. Debian's chromium through Playwright (``/usr/bin/chromium``, ``--no-sandbox
   --disable-background-networking``), as a phone: 390×844 CSS pixels, scale 3, touch,
   Arabic (``ar-MA``, the ``django_language`` cookie ``ar``).
3. Each field page in a browser context of its own (a cold profile: empty HTTP cache, no
   service worker), logged in as its demo account (password ``tadamon-demo``) by a request
   that does not load any page, so no asset is cached before the first visit. The network
   is throttled with CDP ``Network.emulateNetworkConditions`` (profiles below). The page is
   visited twice: the first visit, then a second one in the same context, the assets now in
   the browser's cache (and a service worker's, if the site installs one).
4. For each visit: the bytes transferred (the sum of ``Network.loadingFinished``
   ``encodedDataLength``: bodies as sent, compressed, with their headers), of which the
   document; the requests made, and how many went to the network (those answered by the
   HTTP cache or by a service worker transfer nothing here); the time to the load event
   (Navigation Timing's ``loadEventEnd``). Requests made after the load event are counted
   until the network has been quiet for a second.

Network profiles (latency is added to each request; throughput in kilobits per second):

- ``regular-3g`` (default): 300 ms, 750 kbit/s down, 250 kbit/s up: Lighthouse's and
  WebPageTest's "Regular 3G" shape, a phone at a fair on a crowded cell;
- ``fast-3g``: 150 ms, 1,600 kbit/s down, 750 kbit/s up: DevTools' former "Fast 3G",
  Lighthouse's simulated "Slow 4G".

The target (issue 20): each field page's second visit (cached assets excluded) transfers under
150 KB. Prints the machine and Markdown rows for bench/RESULTS.md; exits with status 1 when a
page misses the target or did not answer 200.

A service worker's own fetches (its install-time caching) run in the worker, not in the page:
they are not in these figures; a request the worker answers from its cache is counted among
the requests, with no bytes transferred.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import busy_day, server
from bench.reports import _machine

ROOT = Path(__file__).resolve().parents[1]
WORKDIR = Path("/tmp/tadamon-pageweight-bench")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking"]
PASSWORD = "tadamon-demo"  # the demo accounts' (tadamon/demo/users.py)
TARGET_BYTES = 150 * 1024
QUIET_SECONDS = 1.0

# name: (latency ms, download kbit/s, upload kbit/s)
PROFILES = {
    "regular-3g": (300, 750, 250),
    "fast-3g": (150, 1600, 750),
}

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ar-MA",
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
}


def _busy_day(event: Any, session: Any, trainer: Any) -> None:
    """The demo grown to a busy day's size (``--busy``, in the bench's own database)."""
    busy_day.count_every_gate(event)
    busy_day.fill_session(session, trainer)


def find_addresses(busy: bool = False) -> list[tuple[str, str, str, str]]:
    """The field pages in the demo data: (label, account or "", path, what the page holds).
    Run in a child process with the server's settings (``--addresses``). The accounts are
    those of tadamon/demo/users.py."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from tadamon.accounts.models import User
    from tadamon.b2b.models import Participant
    from tadamon.events.models import Participation
    from tadamon.programme import access as programme_access
    from tadamon.programme.models import Session
    from tadamon.visitors import access as visitor_access
    from tadamon.visitors.models import VisitorRegistration
    from tadamon.visitors.services.visitor_badges import register_visitor

    gate, trainer, exhibitor = (
        User.objects.get(username=name) for name in ("gate", "trainer", "exhibitor")
    )
    tally = (
        visitor_access.counting_events_for(gate)
        .annotate(n=Count("gates"))
        .order_by("-n", "pk")
        .first()
    )
    trained = Session.objects.filter(trainers=trainer)
    checkin = trained.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    if busy:
        _busy_day(tally, checkin, trainer)
        tally = visitor_access.counting_events_for(gate).annotate(n=Count("gates")).get(pk=tally.pk)
        trained = Session.objects.filter(trainers=trainer)
        checkin = trained.annotate(n=Count("registrations")).get(pk=checkin.pk)
    sheet = trained.annotate(n=Count("attendances")).order_by("-n", "pk").first()
    fair = (
        Participation.objects.filter(
            organization_id=exhibitor.organization_id, status=Participation.Status.CONFIRMED
        )
        .order_by("-event__start_date")
        .first()
        .event_id
    )
    b2b = (
        Participant.objects.filter(organization_id=exhibitor.organization_id)
        .order_by("-event__start_date")
        .first()
    )
    # A badge of the exhibitor's own people if the demo registered any, else one of the
    # trainer's session (the trainer prints and checks them).
    badge_holder, badge = next(
        (user.username, found)
        for user in (exhibitor, trainer)
        if (
            found := programme_access.registrations_for(user)
            .order_by("-session__starts_at", "pk")
            .first()
        )
    )
    visitor = VisitorRegistration.objects.order_by("-registered_at", "pk").first()
    if visitor is None:
        # The demo registers no visitor: one at the tallied fair, as its entrance desk would
        # (an administrator may while registration is closed); the same phone finds it again.
        visitor, _created = register_visitor(
            event=tally,
            name="سعاد المرابط",
            phone="0612345678",
            actor=User.objects.get(username="admin"),
        )
    return [
        (
            "visitor tally",
            "gate",
            reverse("visitors:visitors_tally", args=[tally.pk]),
            f"{tally.n} gates",
        ),
        (
            "session check-in",
            "trainer",
            reverse("programme:checkin", args=[checkin.pk]),
            f"{checkin.n} registrations",
        ),
        (
            "attendance sheet",
            "trainer",
            reverse("programme:session_attendance", args=[sheet.pk]),
            f"{sheet.n} present",
        ),
        ("sales declaration", "exhibitor", reverse("sales:declare", args=[fair]), ""),
        ("B2B agenda (me)", "exhibitor", reverse("b2b:my_b2b", args=[b2b.event_id]), ""),
        (
            "registration badge",
            badge_holder,
            reverse("programme:registration_badge", args=[badge.pk]),
            "",
        ),
        ("visitor badge (public)", "", reverse("public:badge", args=[visitor.code]), ""),
    ]


def prepare(env: dict[str, str], reuse: bool) -> None:
    WORKDIR.mkdir(exist_ok=True)
    server.reset_database(env, reuse=reuse)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "load_demo", "--if-empty"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"load_demo: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    server.collect_static(env)


def addresses(env: dict[str, str], busy: bool) -> list[tuple[str, str, str, str]]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.pageweight", "--addresses", *(["--busy"] if busy else [])],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return [tuple(row) for row in json.loads(output.stdout.decode().splitlines()[-1])]


@dataclass
class Visit:
    """What one visit of a page cost."""

    status: int = 0
    bytes: int = 0
    document_bytes: int = 0
    requests: int = 0
    from_network: int = 0
    from_service_worker: int = 0
    load_ms: float = 0.0
    largest: list[tuple[int, str]] = field(default_factory=list)


class Recorder:
    """Counts the page's requests from CDP Network events."""

    def __init__(self, cdp: Any) -> None:
        self.urls: dict[str, str] = {}
        self.done: dict[str, int] = {}
        self.served_by_worker: set[str] = set()
        self.pending: set[str] = set()
        self.last_event = time.monotonic()
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._received)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)

    def reset(self) -> None:
        self.urls.clear()
        self.done.clear()
        self.served_by_worker.clear()
        self.pending.clear()

    def _sent(self, event: dict) -> None:
        url = event["request"]["url"]
        if url.startswith("data:"):
            return
        self.urls[event["requestId"]] = url
        self.pending.add(event["requestId"])
        self.last_event = time.monotonic()

    def _received(self, event: dict) -> None:
        if event["response"].get("fromServiceWorker"):
            self.served_by_worker.add(event["requestId"])

    def _finished(self, event: dict) -> None:
        self.done[event["requestId"]] = int(event["encodedDataLength"])
        self.pending.discard(event["requestId"])
        self.last_event = time.monotonic()

    def _failed(self, event: dict) -> None:
        self.pending.discard(event["requestId"])
        self.last_event = time.monotonic()

    def wait_quiet(self, page: Any, timeout: float = 20.0) -> None:
        """Until nothing is in flight and nothing happened for QUIET_SECONDS."""
        stop = time.monotonic() + timeout
        while time.monotonic() < stop:
            quiet = time.monotonic() - self.last_event >= QUIET_SECONDS
            if quiet and not self.pending:
                return
            page.wait_for_timeout(100)

    def visit(self, status: int, document_url: str, load_ms: float) -> Visit:
        sizes = {request: self.done.get(request, 0) for request in self.urls}
        document = max(
            (size for request, size in sizes.items() if self.urls[request] == document_url),
            default=0,
        )
        return Visit(
            status=status,
            bytes=sum(sizes.values()),
            document_bytes=document,
            requests=len(sizes),
            from_network=sum(1 for size in sizes.values() if size > 0),
            from_service_worker=len(self.served_by_worker & set(sizes)),
            load_ms=load_ms,
            largest=sorted(
                ((size, self.urls[request]) for request, size in sizes.items() if size),
                reverse=True,
            )[:3],
        )


def _log_in(context: Any, base: str, username: str) -> None:
    """A session cookie without loading a page (nothing enters the HTTP cache)."""
    context.request.get(base + "/accounts/login/")
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    answer = context.request.post(
        base + "/accounts/login/",
        form={"login": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/accounts/login/"},
        max_redirects=0,
    )
    if answer.status != 302:
        raise SystemExit(f"{username} could not log in ({answer.status})")


def measure(
    browser: Any, base: str, path: str, username: str, profile: str, *, block_workers: bool
) -> tuple[Visit, Visit]:
    latency, down, up = PROFILES[profile]
    context = browser.new_context(**PHONE, service_workers="block" if block_workers else "allow")
    context.add_cookies([{"name": "django_language", "value": "ar", "url": base}])
    try:
        if username:
            _log_in(context, base, username)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        recorder = Recorder(cdp)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": latency,
                "downloadThroughput": down * 1000 / 8,
                "uploadThroughput": up * 1000 / 8,
            },
        )
        visits = []
        for _ in range(2):
            recorder.reset()
            response = page.goto(base + path, wait_until="load", timeout=120_000)
            load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            recorder.wait_quiet(page)
            visits.append(recorder.visit(response.status if response else 0, page.url, load_ms))
        return visits[0], visits[1]
    finally:
        context.close()


def _kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=sorted(PROFILES), default="regular-3g")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="visits of each page (median)")
    parser.add_argument("--block-service-workers", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument(
        "--busy",
        action="store_true",
        help="grow the demo to a busy day first: 10 gates, a session of 200 registered",
    )
    parser.add_argument("--addresses", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.addresses:
        print(json.dumps(find_addresses(args.busy)))
        return 0
    port = server.free_port()
    env = server.environment(WORKDIR, port=port, workers=args.workers, label="pageweight")
    prepare(env, args.reuse)
    pages = addresses(env, args.busy)
    base = f"http://127.0.0.1:{port}"

    from playwright.sync_api import sync_playwright

    results: list[tuple[tuple[str, str, str, str], list[tuple[Visit, Visit]]]] = []
    with server.gunicorn(env), sync_playwright() as playwright:
        server.warm(base, ["/healthz", "/accounts/login/"], args.workers)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            for row in pages:
                _label, username, path, _note = row
                runs = [
                    measure(
                        browser,
                        base,
                        path,
                        username,
                        args.profile,
                        block_workers=args.block_service_workers,
                    )
                    for _ in range(args.runs)
                ]
                results.append((row, runs))
        finally:
            browser.close()

    latency, down, up = PROFILES[args.profile]
    print(_machine())
    print(
        f"\nProfile {args.profile}: {latency} ms latency, {down} kbit/s down, {up} kbit/s up; "
        f"phone 390×844 @3, ar-MA; gunicorn {args.workers} workers + SQLite; service workers "
        f"{'blocked' if args.block_service_workers else 'allowed'}\n"
    )
    print(
        "| page | account | data | first visit: transferred | document | requests | load "
        "| second visit: transferred | document | requests (network) | load | under 150 KB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for (label, username, path, note), runs in results:
        runs.sort(key=lambda pair: pair[1].bytes)
        first, second = runs[len(runs) // 2]
        held = second.bytes < TARGET_BYTES and first.status == second.status == 200
        failed |= not held
        print(
            f"| {label} (`{path}`) | {username or 'anonymous'} | {note} "
            f"| {_kb(first.bytes)} | {_kb(first.document_bytes)} | {first.requests} "
            f"| {first.load_ms / 1000:.1f} s "
            f"| {_kb(second.bytes)} | {_kb(second.document_bytes)} "
            f"| {second.requests} ({second.from_network}"
            + (
                f", {second.from_service_worker} by the service worker"
                if second.from_service_worker
                else ""
            )
            + f") | {second.load_ms / 1000:.1f} s | {'yes' if held else 'NO'} |"
        )
    print("\nLargest transfers of each first visit:")
    for (label, *_rest), runs in results:
        first = runs[len(runs) // 2][0]
        largest = ", ".join(f"{url.split('/', 3)[-1]} {_kb(size)}" for size, url in first.largest)
        print(f"- {label}: {largest}")
    print(f"\nload average after the run: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
