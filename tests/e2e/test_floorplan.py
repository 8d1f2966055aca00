"""An organizer computes the booths of a small E1-like bazaar in a real browser and sees the
floor plan of each wave, on a laptop and on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.events.models import AllocationRun, BoothAssignment
from tests.events.test_allocation_support import exhibitors, fair, organizations

# The reference data comes from a data migration: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
ROWS, COLUMNS = 3, 4  # 12 booths, 3 waves: 36 exhibitors


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


@pytest.fixture
def bazaar(db):
    organizer = User.objects.create_user(
        username="souad", password=PASSWORD, role=Role.ORGANIZER, first_name="Souad"
    )
    organizer.organization = organizations(1, sectors=(None,))[0]
    organizer.save()
    event, waves = fair(
        organizer.organization, rows=ROWS, columns=COLUMNS, accessible=lambda r, c: c == 1
    )
    exhibitors(event, organizations(ROWS * COLUMNS * len(waves)))
    return organizer, event, waves


def check_plans(page: Page, event, waves) -> None:
    for wave in waves:
        plan = page.locator(f"svg#floorplan-{wave.pk}")
        expect(plan).to_be_visible()
        booths = plan.locator("g.booth")
        expect(booths).to_have_count(ROWS * COLUMNS)
        expect(plan.locator("g.booth rect")).to_have_count(ROWS * COLUMNS)
        expect(plan.locator("g.booth[data-occupied='1']")).to_have_count(ROWS * COLUMNS)
        box = plan.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        first = booths.first.locator("rect").bounding_box()
        assert first is not None and first["width"] > 0 and first["height"] > 0


def test_the_organizer_computes_the_booths_and_sees_each_waves_plan(live_server, new_page, bazaar):
    organizer, event, waves = bazaar
    page = new_page()
    base = live_server.url
    log_in(page, base, organizer.username)
    page.goto(base + reverse("events:event_detail", args=[event.pk]))
    with page.expect_navigation():
        page.locator(f"a[href='{reverse('events:allocation', args=[event.pk])}']").click()
    expect(page.locator("#allocation-progress")).to_be_visible()
    page.locator("#id_method_0").check()  # the optimal allocation
    with page.expect_navigation():
        page.locator("#allocation-form button[type=submit]").click()
    expect(page.locator("#allocation-progress")).to_have_attribute("data-status", "done")
    run = AllocationRun.objects.get()
    assert run.result["placed"] == ROWS * COLUMNS * len(waves), run.result
    assert BoothAssignment.objects.filter(event=event).count() == ROWS * COLUMNS * len(waves)
    check_plans(page, event, waves)
    # Every plan holds names in Arabic, the page's language, right to left.
    first_name = page.locator(f"svg#floorplan-{waves[0].pk} g.booth text[direction='rtl']").first
    expect(first_name).to_be_visible()

    # On a phone the plans shrink to the screen instead of widening the page.
    phone = new_page(width=360, height=740)
    log_in(phone, base, organizer.username)
    phone.goto(base + reverse("events:allocation", args=[event.pk]))
    check_plans(phone, event, waves)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    plan_width = phone.locator(f"svg#floorplan-{waves[0].pk}").bounding_box()["width"]
    assert plan_width <= 360
