"""Issue 19, invitations in a real browser: the organizer invites every accepted exhibitor
(at 1366 px, in French and Arabic), the cooperative opens the link of its SMS on a 390 px
phone in Arabic, gets its mistakes named field by field, opens its account and lands on its
organization; the link then answers that it was used. Screenshots of each page, in both
languages and widths, go to build/screens/invitations/."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tadamon.accounts.models import Role, User
from tadamon.calls.models import ApplicationStatus
from tadamon.messaging.models import Message
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    kind,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
SHOTS = Path("build/screens/invitations")
PHONE, LAPTOP = 390, 1366


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _open(new_page, live_server, language: str, width: int, user: User | None = None) -> Page:
    page = new_page(width=width, height=900, locale="ar-MA" if language == "ar" else "fr-FR")
    cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
    page.context.add_cookies(cookies)
    if user is not None:
        page.goto(live_server.url + reverse("accounts:login"))
        page.fill("#id_login", user.username)
        page.fill("#id_password", PASSWORD)
        page.locator("main button[type=submit]").click()
        page.wait_for_url(lambda url: "/login/" not in url)
    return page


@pytest.fixture
def fair(db):
    body = OrganizationFactory(
        name_ar="جهة طنجة تطوان الحسيمة", name_fr="Région TTA", kind=kind("public_institution")
    )
    organizer = User.objects.create_user(
        "inviter", password=PASSWORD, role=Role.ORGANIZER, organization=body
    )
    call = CallFactory(event=EventFactory(organizer=body))
    coops = [
        OrganizationFactory(
            name_ar="تعاونية الأمل للنسيج", name_fr="", phone="0612345678", email="amal@example.ma"
        ),
        OrganizationFactory(name_ar="", name_fr="Coopérative Espoir", phone="0698765432"),
        OrganizationFactory(name_fr="Coopérative Atlas", email="atlas@example.ma"),
    ]
    statuses = (ApplicationStatus.ACCEPTED, ApplicationStatus.CONFIRMED, ApplicationStatus.REJECTED)
    for coop, status in zip(coops, statuses, strict=True):
        ApplicationFactory(call=call, organization=coop, status=status)
    return organizer, call.event, coops


def test_an_organizer_invites_and_a_cooperative_opens_its_account_on_a_phone(
    new_page, live_server, fair
):
    organizer, event, (amal, espoir, _rejected) = fair
    invitations = live_server.url + reverse("invitations:event_invitations", args=[event.pk])

    page = _open(new_page, live_server, "fr", LAPTOP, organizer)
    page.goto(invitations)
    _shot(page, "list-empty-fr-1366")
    page.get_by_role("link", name="Les inviter toutes…").click()
    _shot(page, "invite-all-fr-1366")
    page.get_by_role("button", name="Oui, les inviter").click()
    page.wait_for_url(invitations)
    assert "2 organisations invitées" in page.content()
    _shot(page, "list-fr-1366")
    _fits(page, LAPTOP)

    for language in ("ar", "fr"):
        for width in (PHONE, LAPTOP):
            page = _open(new_page, live_server, language, width, organizer)
            page.goto(invitations)
            _fits(page, width)
            assert page.locator("#invitations tbody tr").count() == 2
            _shot(page, f"list-{language}-{width}")
            page.locator("#invitations a.btn-outline-danger").first.click()
            page.wait_for_url("**/cancel/")
            _fits(page, width)
            _shot(page, f"cancel-{language}-{width}")

    sms = Message.objects.get(channel="sms", address="+212612345678")
    link = sms.body.split(": ")[-1].strip()
    assert link.startswith("http") and "/join/" in link
    link = live_server.url + link[link.index("/join/") :]

    phone = _open(new_page, live_server, "ar", PHONE)
    phone.goto(link)
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    assert phone.input_value("#id_phone") == "+212612345678"
    _fits(phone, PHONE)
    _shot(phone, "join-ar-390")
    phone.fill("#id_first_name", "فاطمة")
    phone.fill("#id_last_name", "الزهراء")
    phone.fill("#id_password1", "12345")
    phone.fill("#id_password2", "54321")
    phone.locator("main button[type=submit]").click()
    phone.wait_for_selector("#join-errors")
    errors = phone.locator("#join-errors li")
    assert errors.count() >= 2
    _fits(phone, PHONE)
    _shot(phone, "join-errors-ar-390")
    phone.fill("#id_password1", PASSWORD)
    phone.fill("#id_password2", PASSWORD)
    phone.locator("main button[type=submit]").click()
    phone.wait_for_url(live_server.url + reverse("registry:my_organization"))
    assert "تعاونية الأمل للنسيج" in phone.content()
    _shot(phone, "joined-ar-390")
    user = User.objects.get(organization=amal)
    assert user.first_name == "فاطمة" and user.phone == "+212612345678"

    for language in ("ar", "fr"):
        for width in (PHONE, LAPTOP):
            again = _open(new_page, live_server, language, width)
            response = again.goto(link)
            assert response.status == 410
            _fits(again, width)
            _shot(again, f"used-{language}-{width}")

    other = Message.objects.get(channel="sms", address="+212698765432").body
    french = _open(new_page, live_server, "fr", LAPTOP)
    french.goto(live_server.url + other[other.index("/join/") :])
    _shot(french, "join-fr-1366")
    laptop_ar = _open(new_page, live_server, "ar", LAPTOP)
    laptop_ar.goto(live_server.url + other[other.index("/join/") :])
    _shot(laptop_ar, "join-ar-1366")
    phone_fr = _open(new_page, live_server, "fr", PHONE)
    phone_fr.goto(live_server.url + other[other.index("/join/") :])
    _fits(phone_fr, PHONE)
    _shot(phone_fr, "join-fr-390")
    assert espoir.users.count() == 0
