"""Browser tests drive Debian's chromium through Playwright's sync API."""

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses database work
# from a thread with a running loop unless told that it is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory
) -> None:
    """Serve the browser from an SQLite file, not the shared in-memory test database.

    With the in-memory database every thread of the live server shares one connection, and a
    page rendered while a queued declaration is written fails with "database table is locked"
    (seen in CI). A file gives each thread its own connection, and WAL lets reads go on
    beside the one writer, as in production. Depending on pytest-django's suffix fixture
    keeps the default behaviour under pytest-xdist (one database per worker).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("e2e-db") / "tadamon-e2e.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


def chromium_executable() -> str:
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        message = f"No chromium at {executable} (set CHROMIUM or run `make system-chromium`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return executable


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator:
    chromium_executable()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_driver) -> Iterator:
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


class Phone:
    """One phone's browser profile, kept on disk between openings: its service worker,
    caches and IndexedDB survive closing the browser, as on a real phone."""

    def __init__(self, driver, folder: Path) -> None:
        self.driver = driver
        self.folder = folder
        self.opened: list = []

    def __call__(self, *, offline: bool = False, locale: str = "ar-MA"):
        context = self.driver.chromium.launch_persistent_context(
            str(self.folder),
            executable_path=chromium_executable(),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 390, "height": 844},
            locale=locale,
            has_touch=True,
        )
        context.set_default_timeout(15_000)
        if offline:
            context.set_offline(True)
        self.opened.append(context)
        return context

    def stored(self, *texts: str, timeout: float = 10.0) -> bool:
        """Whether one entry of the worker's caches on disk holds all `texts`, waiting up to
        `timeout` seconds for it.

        Chromium answers cache.put() before its disk cache has written the entry, and a
        browser closed in that moment loses it (seen in CI with a fixed 1.5 s wait). A phone
        is not closed that fast; a test closes it only once the entry is in the profile.
        """
        wanted = [text.encode() for text in texts]
        caches = self.folder / "Default" / "Service Worker" / "CacheStorage"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for entry in caches.rglob("*_0") if caches.exists() else ():
                with contextlib.suppress(OSError):  # an entry being replaced
                    content = entry.read_bytes()
                    if all(text in content for text in wanted):
                        return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        for context in self.opened:
            context.close()  # closing again a context the test closed does nothing


@pytest.fixture
def phone_profile(playwright_driver, tmp_path) -> Iterator[Phone]:
    phone = Phone(playwright_driver, tmp_path / "phone-profile")
    yield phone
    phone.close()


@pytest.fixture
def new_page(chromium):
    """Open pages in a fresh browser context (an Arabic phone or laptop by default)."""
    contexts = []

    # Service workers are blocked unless a test asks for them: a page kept by the worker
    # would open offline and answer from the phone's copy, which only the offline app's own
    # tests (test_offline_app.py) are about.
    def make(*, width: int = 1280, height: int = 800, locale: str = "ar-MA", workers: bool = False):
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            service_workers="allow" if workers else "block",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


class Network:
    """The phone's network to the live server: a relay that can be cut.

    Chromium's offline emulation (context.set_offline) does not reliably hold back what a
    service worker fetches, and a test of the app without a network must not be answered
    by the server. Through this relay, a cut network is one: every connection, open or new,
    is closed at once, and the browser's fetches fail as on a phone without signal.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://localhost:{self.listener.getsockname()[1]}"
        self.connected = True
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        with self.lock:
            self.connected = False
            for conn in self.open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            self.open.clear()

    def restore(self) -> None:
        with self.lock:
            self.connected = True

    def close(self) -> None:
        self.cut()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            with self.lock:
                if not self.connected:
                    client.close()
                    continue
                try:
                    server = socket.create_connection(self.target)
                except OSError:
                    client.close()
                    continue
                self.open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, sink):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                with self.lock:
                    self.open.discard(conn)


@pytest.fixture
def phone_network(live_server) -> Iterator[Network]:
    """The live server as a phone reaches it, through a network the test can cut."""
    address = urlsplit(live_server.url)
    network = Network((address.hostname, address.port))
    yield network
    network.close()


def sign_in(page, base: str, username: str, password: str, next_url: str) -> None:
    """Log in through the log-in page (allauth's #id_login) and land on `next_url`."""
    from django.urls import reverse

    page.goto(f"{base}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + next_url)
