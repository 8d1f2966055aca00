"""A broadcast from the browser (issue 19), on a 390 px phone and a 1366 px laptop, in Arabic
and French: the organizer chooses the exhibitors, the preview counts them and the SMS parts
as the text is typed (htmx), the confirmation says how many messages leave, and the status
page lists them with a failed notice and its provider's answer. No page is wider than the
screen; screenshots of each step go to build/screens/broadcasts/."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.broadcasts.models import Broadcast
from tadamon.messaging.models import Message
from tests.broadcasts.conftest import Fair
from tests.factories import OrganizationFactory, kind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens" / "broadcasts"
LONG_AR = (
    "تذكير: تركيب الأروقة يوم الاثنين على الساعة الثامنة صباحا، المرجو الحضور مع بطاقة العارض."
)


def _fits(page: Page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide at {width}px"


def _shot(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("locale", "width", "height"),
    [("ar-MA", 390, 844), ("fr-MA", 390, 844), ("ar-MA", 1366, 768), ("fr-MA", 1366, 768)],
)
def test_an_organizer_sends_a_broadcast_and_reads_its_delivery(
    live_server, new_page, locale, width, height
):
    body = OrganizationFactory(kind=kind("public_institution"), name_fr="Région TTA")
    User.objects.create_user(
        username="souad", password=PASSWORD, role=Role.ORGANIZER, organization=body
    )
    fair = Fair(body)
    Message.objects.create(
        key="e2e:failed",
        kind="calls.accepted",
        channel="sms",
        address="+212600000009",
        body="x",
        event=fair.event,
        status="failed",
        attempts=4,
        error="HTTP 500: Upstream carrier unavailable (code 30008)",
    )
    base = live_server.url
    page = new_page(width=width, height=height, locale=locale)
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", "souad")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    if locale.startswith("fr"):
        with page.expect_navigation():
            page.select_option("#language-select", "fr")
    name = f"{locale[:2]}-{width}"

    page.goto(base + reverse("events:event_detail", args=[fair.event.pk]))
    page.locator(f"a[href='{reverse('broadcasts:status', args=[fair.event.pk])}']").click()
    expect(page.locator("#failed")).to_contain_text("Upstream carrier unavailable")
    page.locator(f"a[href='{reverse('broadcasts:compose', args=[fair.event.pk])}']").click()
    # Accepted applications and confirmed participations by default: Alpha and Charlie.
    expect(page.locator("#broadcast-preview-body")).to_have_attribute("data-organizations", "2")
    page.fill("#id_subject", "Montage des stands")
    page.fill("#id_text_ar", LONG_AR)
    page.fill("#id_text_fr", "Montage lundi à 8 h.")
    expect(page.locator("[data-warning='sms-ar']")).to_be_visible()
    expect(page.locator("[data-sms='fr']")).to_have_attribute("data-segments", "1")
    page.locator("input[name=application_statuses][value=rejected]").check()
    expect(page.locator("#broadcast-preview-body")).to_have_attribute("data-organizations", "3")
    _fits(page, width)
    _shot(page, f"compose-{name}")

    page.locator("#broadcast-form button[type=submit]").click()
    expect(page.locator("#broadcast-confirmation")).to_be_visible()
    _fits(page, width)
    _shot(page, f"confirm-{name}")
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state()
    broadcast = Broadcast.objects.get()
    # 3 e-mails, 3 SMS; nobody has an account: no inbox message.
    assert broadcast.organizations == 3 and broadcast.messages_queued == 6
    section = page.locator(f"[data-batch='{broadcast.batch}']")
    expect(section).to_contain_text("Montage des stands")
    expect(page.locator("#failed")).to_contain_text("Upstream carrier unavailable")
    _fits(page, width)
    _shot(page, f"status-{name}")
