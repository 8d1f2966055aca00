"""Chromium, as a phone, finds the site installable: the manifest parses without an error, the
service worker (tadamon/pwa) controls the page, and the browser's own installability check
finds nothing missing."""

import os
import time

import pytest
from django.urls import reverse

from tests.e2e.conftest import CHROMIUM_ARGS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
SW_WAIT_MS = 5_000


def controlled_by_service_worker(page) -> bool:
    """Whether a service worker controls the page, after waiting a moment for one to be
    ready and to claim the page."""
    return page.evaluate(
        """async (timeout) => {
            if (!("serviceWorker" in navigator)) return false;
            const ready = navigator.serviceWorker.ready.then(() => true);
            const late = new Promise((resolve) => setTimeout(() => resolve(false), timeout));
            if (!(await Promise.race([ready, late]))) return false;
            if (navigator.serviceWorker.controller) return true;
            // A worker that claims its clients takes the page over shortly after activating.
            await new Promise((resolve) => {
                navigator.serviceWorker.addEventListener("controllerchange", resolve);
                setTimeout(resolve, timeout);
            });
            return Boolean(navigator.serviceWorker.controller);
        }""",
        SW_WAIT_MS,
    )


@pytest.fixture
def phone(chromium, tmp_path):
    """A phone-sized page in a profile of its own: Chromium installs nothing from an
    off-the-record context, which is what new_page's contexts are ("in-incognito")."""
    context = chromium.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=3,
        locale="ar-MA",
    )
    context.set_default_timeout(15_000)
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


def test_the_site_is_installable_from_a_phone(live_server, phone):
    started = time.perf_counter()
    page = phone
    page.goto(live_server.url + reverse("public:home"))
    cdp = page.context.new_cdp_session(page)

    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == live_server.url + reverse("pwa:manifest")
    assert manifest["errors"] == [], manifest["errors"]
    # Chromium's reading of it: what it will install.
    parsed = manifest.get("manifest")
    if parsed is not None:  # returned by Chromium 116 and later
        assert parsed["display"].lower().removeprefix("k") == "standalone"
        assert parsed["startUrl"] == live_server.url + reverse("pwa:start")
        assert parsed["scope"] == parsed["id"] == live_server.url + "/"
        assert [icon["sizes"] for icon in parsed["icons"]] == [
            "192x192",
            "512x512",
            "192x192",
            "512x512",
        ]

    controlled = controlled_by_service_worker(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    ids = {error["errorId"] for error in errors}
    assert controlled, "no service worker took the page over"
    assert errors == [], f"A service worker controls the page, yet: {errors}"
    print(
        f"installability: {time.perf_counter() - started:.2f} s, controlled by a service "
        f"worker: {controlled}, errors: {sorted(ids)}"
    )
