"""Issue 17, the walk: every demo account visits every page its role may reach (the
permission matrix's pages with the demo's ids, walk_pages.py) in Arabic and French, on a
390 px phone and a 1366 px laptop, and the walk fails on

- a server error (5xx), the page's or any request it makes, or an error in the console;
- a request to another host;
- horizontal overflow;
- template language (`{%`, `{{`, `{#`) on the page;
- English on an Arabic or French page, outside names and data (walk_checks.py says how);
- a date written digits/digits/digits;
- an accessibility violation of serious or critical impact under axe-core.

To keep `make e2e` within minutes on two cores, axe-core runs once per page and language:
in Arabic at 1366 px (the navigation unfolded) and in French at 390 px (the phone layout),
for the account that sees the most of that page (AXE_ORDER) and, for every account, on its
main pages (its own menus). The other checks run on all four combinations, for everyone.
Fragments that htmx inserts into a page (no <!DOCTYPE>) get the text checks, not axe nor
the overflow check, which belong to the page around them. Files (PDF, XLSX, CSV, ICS,
SVG...) are fetched once per account and checked for a server error only. Two accounts are
walked at a time, each in its own browser: the server renders while the other browser lays
out.

The demo is loaded once; the list of pages walked, with their result, goes to
build/walk/pages.txt (the problems to build/walk/problems.txt) and the screenshots of each
account's main pages to build/walk/<account>/, the folder CI keeps.
TADAMON_WALK_ROLES=organizer,exhibitor walks only those accounts.
"""

import io
import os
import queue
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from tadamon.accounts.models import User
from tests.accounts import permission_support as support
from tests.e2e import walk_checks as checks
from tests.e2e.conftest import CHROMIUM_ARGS
from tests.e2e.walk_pages import (
    DEMO_ROLES,
    MAIN_PAGES,
    DemoRole,
    WalkPage,
    demo_world,
    pages_for,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OUT = Path(settings.BASE_DIR) / "build" / "walk"
LANGUAGES = {"ar": "ar-MA", "fr": "fr-MA"}
WIDTHS = (390, 1366)
AXE_AT = {("ar", 1366), ("fr", 390)}
HEIGHT = 860
SHOT_HEIGHT = 3 * HEIGHT
WORKERS = 3


@dataclass
class Watcher:
    """What one browser page did besides rendering: console errors, uncaught exceptions,
    requests to other hosts and server errors of its requests (htmx, scripts, images)."""

    host: str
    found: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.found.append(f"uncaught error: {error}"))
        page.on("request", self._request)
        page.on("response", self._response)

    def take(self) -> list[str]:
        found, self.found = self.found, []
        return found

    def _console(self, message) -> None:
        if message.type == "error":
            source = urlsplit(message.location.get("url", "")).path
            self.found.append(f"console error: {message.text[:200]} ({source})")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.found.append(f"request to another host: {request.url[:120]}")

    def _response(self, response) -> None:
        if response.status >= 500:
            self.found.append(f"{response.status} from {urlsplit(response.url).path}")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    walked: int = 0

    def add(self, where: str, result: str, problems: list[str]) -> None:
        self.lines.append(f"{where}\t{'FAIL ' + result if problems else result}")
        for problem in problems:
            self.problems[problem].append(where.replace("\t", " "))

    def merge(self, other: "Report") -> None:
        self.lines += other.lines
        self.walked += other.walked
        for problem, where in other.problems.items():
            self.problems[problem] += where

    def write(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        header = "account\tlanguage\twidth\tpath\tresult\n"
        (OUT / "pages.txt").write_text(header + "\n".join(self.lines) + "\n", encoding="utf-8")
        (OUT / "problems.txt").write_text(self.summary() + "\n", encoding="utf-8")

    def summary(self) -> str:
        return "\n".join(
            f"{problem}\n    on {len(where)} page(s): {', '.join(where[:4])}"
            for problem, where in sorted(self.problems.items())
        )


@dataclass
class Account:
    """What a worker thread needs, prepared in the test's thread (which has the database)."""

    demo: DemoRole
    pages: list[WalkPage]
    cookies: list[dict]
    axe_paths: set[str] = field(default_factory=set)  # the paths axe checks for this account


def _account(demo: DemoRole, routes: dict[str, str]) -> Account:
    cookies = []
    if demo.username is not None:
        client = Client()
        client.force_login(User.objects.get(username=demo.username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session})
    return Account(demo, pages_for(demo, demo_world(demo), routes), cookies)


def _check_page(page, language: str, axe: bool, shot: Path | None) -> tuple[list[str], bool]:
    """The problems of the page the browser shows, and whether it is a whole document."""
    facts = checks.facts_from(page.evaluate(checks.PAGE_FACTS_JS))
    problems = checks.problems_in(facts, language, whole=facts.document)
    if facts.document and axe:
        problems += checks.axe_problems(Axe().run(page).response)
    if facts.document and shot is not None:
        # The top of the page, up to three screens: the B2B page of E4 is 15,000 px tall on a
        # phone, and photographing all of it cost seconds and megabytes for nothing more.
        height = min(facts.scroll_height, SHOT_HEIGHT)
        clip = {"x": 0, "y": 0, "width": facts.client_width, "height": height}
        _screenshot(page, shot, clip)
    return problems, facts.document


def _screenshot(page, shot: Path, clip: dict, attempts: int = 3) -> None:
    """Chromium may answer "Unable to capture screenshot" while the machine is busy (seen
    once in CI, three browsers at work, on a page that photographs fine alone): try again
    after a moment, and fail only when it keeps refusing."""
    for attempt in range(1, attempts + 1):
        try:
            page.screenshot(path=shot, full_page=True, clip=clip)
            return
        except PlaywrightError:
            if attempt == attempts:
                raise
            page.wait_for_timeout(1000 * attempt)


# Who runs axe first on a page the accounts share: those who see the most of it (the
# organizer's E4 has the B2B meetings, awards and sessions; the admin's E1 the waves and booths).
AXE_ORDER = (
    "organizer", "admin", "exhibitor", "trainer", "gate", "observer", "reviewer",
    "organizer_bmk", "anonymous",
)  # fmt: skip


def _share_axe(accounts: list[Account]) -> None:
    """Give each page of the matrix to axe once, for the first account in AXE_ORDER that
    reaches it, and every account's main pages too, so that its own menus are checked.
    Decided here rather than by whichever thread comes first, so that a run is repeatable."""
    seen: set[str] = set()
    for account in sorted(accounts, key=lambda account: AXE_ORDER.index(account.demo.name)):
        pages = [page for page in account.pages if page.path and not page.file]
        account.axe_paths = {
            page.path for page in pages if page.name not in seen or page.name in MAIN_PAGES
        }
        seen |= {page.name for page in pages}


@dataclass(frozen=True)
class Task:
    """One account in one language at one width: one browser context."""

    account: Account
    language: str
    width: int

    @property
    def first(self) -> bool:
        """The task that also fetches the account's files and lists its skipped pages."""
        return (self.language, self.width) == (next(iter(LANGUAGES)), WIDTHS[0])


def _walk(task: Task, browser, base: str) -> Report:
    report = Report()
    account, language, width = task.account, task.language, task.width
    demo = account.demo
    shots = OUT / demo.name
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": HEIGHT}, locale=LANGUAGES[language]
    )
    context.set_default_timeout(20_000)
    language_cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
    context.add_cookies([{**cookie, "url": base} for cookie in [*account.cookies, language_cookie]])
    page = context.new_page()
    watcher = Watcher(urlsplit(base).netloc)
    watcher.attach(page)
    for walk_page in account.pages:
        where = f"{demo.name}\t{language}\t{width}\t{walk_page.path or walk_page.name}"
        if walk_page.path is None or walk_page.file:
            if task.first:
                report.add(where, *_fetch(context, base, walk_page))
            continue
        try:
            response = page.goto(base + walk_page.path, wait_until="load")
        except PlaywrightError as error:  # a page that never loads fails the walk, not a worker
            report.add(where, "no answer", [f"no answer: {str(error).splitlines()[0]}"])
            watcher.take()
            continue
        status = response.status if response else 0
        if 400 <= status < 500:
            watcher.take()  # the browser logs the refused document itself
            report.add(where, f"refused {status}", [])
            continue
        report.walked += 1
        problems = [f"{status} server error"] if status >= 500 else []
        kind = ""
        if status < 500:
            axe = (language, width) in AXE_AT and walk_page.path in account.axe_paths
            shot = shots / f"{walk_page.name.replace(':', '-')}-{language}-{width}.png"
            found, whole = _check_page(
                page, language, axe, shot if walk_page.name in MAIN_PAGES else None
            )
            problems += found
            kind = "" if whole else " fragment"
        problems += watcher.take()
        final = urlsplit(page.url).path
        moved = f" -> {final}" if final != walk_page.path.split("?")[0] else ""
        report.add(where, f"{status}{kind}{moved}", problems)
    context.close()
    return report


def _worker(tasks: "queue.Queue[tuple[int, Task]]", reports: dict[int, Report], base: str):
    """Take tasks until none is left, in one browser of this thread's own Playwright (its sync
    API belongs to the thread that started it)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        while True:
            try:
                number, task = tasks.get_nowait()
            except queue.Empty:
                break
            reports[number] = _walk(task, browser, base)
        browser.close()


def _fetch(context, base: str, walk_page: WalkPage) -> tuple[str, list[str]]:
    if walk_page.path is None:
        return f"skipped: {walk_page.missing}", []
    response = context.request.get(base + walk_page.path)
    problems = [f"{response.status} server error"] if response.status >= 500 else []
    return f"file {response.status}", problems


def test_every_account_walks_its_pages_in_arabic_and_french(live_server, chromium, settings):
    # Every account opens the certificate check page in four combinations: more than the
    # limit a single address gets per window against guessing numbers (all come from 127.0.0.1).
    settings.TADAMON_VERIFY_LIMIT = 10_000
    call_command("load_demo", stdout=io.StringIO())
    routes = support.ui_routes(set())
    wanted = {name for name in os.environ.get("TADAMON_WALK_ROLES", "").split(",") if name}
    accounts = [_account(demo, routes) for demo in DEMO_ROLES if not wanted or demo.name in wanted]
    _share_axe(accounts)
    tasks = [
        Task(account, language, width)
        for account in accounts
        for language in LANGUAGES
        for width in WIDTHS
    ]
    # The longest first, so that no worker is left with a big account at the end.
    queued: queue.Queue[tuple[int, Task]] = queue.Queue()
    for number, task in sorted(enumerate(tasks), key=lambda item: -len(item[1].account.pages)):
        queued.put((number, task))
    reports: dict[int, Report] = {}
    workers = [
        threading.Thread(target=_worker, args=(queued, reports, live_server.url))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    report = Report()
    for number in sorted(reports):  # in the accounts' order, whichever finished first
        report.merge(reports[number])
    report.write()
    assert len(reports) == len(tasks), "a worker stopped (its exception is printed above)"
    assert report.walked, "the walk visited no page"
    assert not report.problems, f"the walk found (see {OUT}/pages.txt):\n{report.summary()}"
