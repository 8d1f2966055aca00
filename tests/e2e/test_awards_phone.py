"""Awards on a 360 px phone in Arabic: the organizer's page with long names, published
results and the partners' certificates of appreciation, and the juror's scoring page; no page
is wider than the screen, and a juror's scores are saved from the phone."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.awards import services
from tadamon.awards.models import JuryScore
from tadamon.events.models import EventPartner
from tadamon.programme.models import Certificate
from tests.awards.support import declare, exhibit
from tests.factories import EventFactory, OrganizationFactory, kind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
PHONE = {"width": 360, "height": 740}
LONG_AR = "التعاونية الفلاحية النسوية للمنتجات المجالية والنباتات العطرية والطبية"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_awards_pages_on_a_phone(live_server, new_page):
    body = OrganizationFactory(kind=kind("public_institution"))
    organizer = User.objects.create_user(
        username="souad", password=PASSWORD, role=Role.ORGANIZER, organization=body
    )
    juror = User.objects.create_user(username="karim", password=PASSWORD, role=Role.REVIEWER)
    event = EventFactory(
        organizer=body,
        title_ar="المعرض الجهوي للاقتصاد الاجتماعي والتضامني في دورته الثالثة",
        start_date=datetime.date(2024, 5, 31),
        end_date=datetime.date(2024, 6, 9),
    )
    oldest, seller = exhibit(
        event,
        OrganizationFactory(name_ar=f"{LONG_AR} 1", founded_year=1955),
        OrganizationFactory(name_ar=f"{LONG_AR} 2", founded_year=2001),
    )
    declare(event, seller, "250000.00")
    EventPartner.objects.create(
        event=event,
        organization=OrganizationFactory(name_ar="الوكالة الوطنية لتنمية الاقتصاد الاجتماعي"),
        role=EventPartner.Role.INSTITUTIONAL,
    )
    services.create_from_template(event=event, actor=organizer)
    results = services.compute_event(event=event, actor=organizer)
    for category in {result.category for result in results}:
        services.publish(category=category, actor=organizer)
    best = event.award_categories.get(code="best_product")
    criterion = services.add_criterion(
        category=best, actor=organizer, name_fr="Qualité", name_ar="الجودة", weight=Decimal(2)
    )
    services.add_candidate(category=best, actor=organizer, organization=seller)
    services.assign_juror(category=best, user=juror, actor=organizer)

    base = live_server.url
    page = new_page(**PHONE)
    log_in(page, base, "souad")
    page.goto(base + reverse("awards:event_awards", args=[event.pk]))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    expect(page.locator("main")).to_contain_text(f"{LONG_AR} 1")
    assert_fits(page)
    page.locator("#partners button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#partners a.btn")).to_be_visible()
    assert Certificate.objects.filter(event=event, kind="appreciation").count() == 1
    assert_fits(page)

    jury_page = new_page(**PHONE)
    log_in(jury_page, base, "karim")
    jury_page.goto(base + reverse("awards:my_juries"))
    assert_fits(jury_page)
    jury_page.locator("input[type=number]").first.fill("8.5")
    jury_page.locator("main form button[type=submit]").first.click()
    jury_page.wait_for_load_state()
    assert_fits(jury_page)
    score = JuryScore.objects.get(criterion=criterion)
    assert score.points == Decimal("8.5")
