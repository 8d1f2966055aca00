"""A buyer requests a meeting, the exhibitor accepts on a phone, the organizer computes the
schedule, and both see the same slot and table in their agendas."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.b2b.models import Meeting
from tests.b2b import support
from tests.factories import OrganizationFactory, kind, sector

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def user(username: str, organization, role=Role.EXHIBITOR) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, role=role, organization=organization
    )


def test_request_accept_schedule_and_both_see_the_slot(live_server, new_page):
    body = OrganizationFactory(kind=kind("public_institution"))
    user("souad", body, Role.ORGANIZER)
    event = support.future_event(body, days=1)
    organizer = User.objects.get(username="souad")
    support.sessions(event, organizer, days=1, slots=3)
    buyer = support.buyer(event, name_ar="منصة سوق المغرب", name_fr="Souk Maroc")
    seller = support.exhibitor(event, name_ar="تعاونية أركان الأطلس", name_fr="Coop Argan Atlas")
    for participant in (buyer, seller):
        participant.sectors.set([sector("argan")])
    user("buyer", buyer.organization)
    user("seller", seller.organization)
    base = live_server.url
    mine = base + reverse("b2b:my_b2b", args=[event.pk])

    buyer_page = new_page(width=360, height=740)
    log_in(buyer_page, base, "buyer")
    buyer_page.goto(mine)
    suggestion = buyer_page.locator("#suggestions .suggestion", has_text="تعاونية أركان الأطلس")
    suggestion.locator("select[name=priority]").select_option("3")
    suggestion.locator("button[type=submit]").click()
    buyer_page.wait_for_load_state()
    expect(buyer_page.locator("#requests")).to_contain_text("تعاونية أركان الأطلس")
    assert buyer_page.evaluate("document.documentElement.scrollWidth") <= 360

    seller_page = new_page(width=360, height=740)
    log_in(seller_page, base, "seller")
    seller_page.goto(mine)
    seller_page.locator("#requests button[value=accept]").click()
    seller_page.wait_for_load_state()
    assert seller_page.evaluate("document.documentElement.scrollWidth") <= 360

    desk = new_page()
    log_in(desk, base, "souad")
    desk.goto(base + reverse("b2b:home", args=[event.pk]))
    desk.locator("#schedule button[type=submit]").click()
    desk.wait_for_load_state()
    expect(desk.locator("#schedule-objective")).to_have_text("5")
    expect(desk.locator("#schedule-bound")).to_have_text("5")

    meeting = Meeting.objects.get(event=event)
    start = timezone.localtime(meeting.slot.starts_at).strftime("%H:%M")
    for page, other in ((buyer_page, "تعاونية أركان الأطلس"), (seller_page, "منصة سوق المغرب")):
        page.goto(mine)
        entry = page.locator("#agenda .agenda-entry")
        expect(entry).to_have_count(1)
        expect(entry).to_contain_text(start)
        expect(entry).to_contain_text(other)
        expect(entry).to_contain_text(str(meeting.table))

    # The organizer's page and the table plan also fit a phone.
    phone_desk = new_page(width=360, height=740)
    log_in(phone_desk, base, "souad")
    for path in (
        reverse("b2b:home", args=[event.pk]),
        reverse("b2b:table_plan", args=[meeting.slot_id]),
    ):
        phone_desk.goto(base + path)
        width = phone_desk.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
