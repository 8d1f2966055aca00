"""A gate agent on a phone, in Arabic, keeps a tally that survives a reload and a cut network."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.visitors.models import Gate, VisitorCount
from tests.factories import EventFactory, OrganizationFactory, kind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


@pytest.fixture
def gate(db) -> Gate:
    body = OrganizationFactory(name_ar="جهة طنجة تطوان الحسيمة", kind=kind("public_institution"))
    User.objects.create_user(
        username="youssef", password=PASSWORD, role=Role.GATE_AGENT, organization=body
    )
    today = datetime.date.today()
    event = EventFactory(organizer=body, start_date=today, end_date=today)
    return Gate.objects.create(event=event, name="باب العقلة")


def log_in(page: Page, base: str, next_url: str) -> None:
    page.goto(f"{base}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_login", "youssef")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + next_url)


def test_the_tally_survives_a_reload_and_a_cut_network(live_server, new_page, gate):
    page = new_page(width=375, height=700)
    url = reverse("visitors:visitors_tally", args=[gate.event_id])
    log_in(page, live_server.url, url)
    page.locator("#tally-buttons button[data-step='10']").click()
    page.locator("#tally-buttons button[data-step='1']").click()
    page.reload()
    expect(page.locator("#tally-count")).to_have_value("11")

    page.context.set_offline(True)
    page.locator("#tally-buttons button[data-step='10']").click()
    page.locator("#tally-send").click()
    expect(page.locator("#tally-queue")).to_be_visible()
    assert not VisitorCount.objects.exists()

    # The connection returns: the queued count leaves on its own, once.
    page.context.set_offline(False)
    expect(page.locator("#tally-messages .alert-success")).to_be_visible()
    expect(page.locator("#tally-queue")).to_be_hidden()
    expect(page.locator("#tally-event-total")).to_have_text("21")
    page.reload()
    expect(page.locator("#tally-count")).to_have_value("21")
    expect(page.locator("#tally-event-total")).to_have_text("21")
    assert VisitorCount.objects.get().count == 21
