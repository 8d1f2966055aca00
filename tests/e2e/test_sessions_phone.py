"""On a 360 px phone in Arabic: an organizer registers a person found by name (htmx), the
session fills up and the next person waits; no programme page is wider than the screen."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.programme.models import Registration
from tests.factories import EventFactory, PersonFactory, SessionFactory

# The reference data comes from a data migration: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
PHONE = {"width": 360, "height": 740}


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def assert_fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def test_register_by_name_on_a_phone_in_arabic(live_server, new_page):
    organizer = User.objects.create_user(username="souad", password=PASSWORD, role=Role.ORGANIZER)
    organizer.organization = PersonFactory().organization
    organizer.save()
    trainer = User.objects.create_user(
        username="amina", password=PASSWORD, role=Role.TRAINER, first_name="أمينة"
    )
    event = EventFactory(
        organizer=organizer.organization,
        start_date=datetime.date(2024, 9, 26),
        end_date=datetime.date(2024, 10, 15),
    )
    session = SessionFactory(
        event=event,
        capacity=1,
        title_ar="التدبير الإداري والمالي للتعاونيات",
        title_fr="Gestion administrative et financière des coopératives",
        trainers=[trainer],
    )
    PersonFactory(first_name="زينب", last_name="أوحمو")
    PersonFactory(first_name="حفيظة", last_name="أوحمو")

    page = new_page(**PHONE)
    base = live_server.url
    log_in(page, base, "souad")
    page.goto(base + reverse("programme:session_detail", args=[session.pk]))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert_fits(page)

    # Typing the name narrows the list without reloading the page.
    page.fill("#person-q", "زينب")
    result = page.locator("#person-results li")
    expect(result).to_have_count(1)
    result.get_by_role("button").click()
    page.wait_for_load_state()
    expect(page.locator("#registrations table")).to_contain_text("زينب")

    page.fill("#person-q", "حفيظة")
    expect(page.locator("#person-results li")).to_have_count(1)
    page.locator("#person-results li button").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-warning")).to_be_visible()
    assert list(Registration.objects.values_list("status", flat=True).order_by("id")) == [
        "registered",
        "waitlisted",
    ]
    assert_fits(page)

    registration = Registration.objects.order_by("id").first()
    for url in (
        reverse("programme:session_list", args=[event.pk]),
        reverse("programme:session_create", args=[event.pk]),
        reverse("programme:timetable", args=[event.pk]),
        reverse("programme:registration_badge", args=[registration.pk]),
        reverse("programme:session_badges", args=[session.pk]),
    ):
        page.goto(base + url)
        assert_fits(page)

    trainer_page = new_page(**PHONE)
    log_in(trainer_page, base, "amina")
    trainer_page.goto(base + reverse("programme:my_sessions"))
    expect(trainer_page.locator("main")).to_contain_text("التدبير الإداري")
    assert_fits(trainer_page)
