"""An exhibitor on a phone, in Arabic, declares sales while the network is cut; once."""

import datetime
import json
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.events.models import Participation
from tadamon.sales.models import PaymentMethod, SalesDeclaration
from tests.e2e import queue_helpers as queue
from tests.factories import EventFactory, OrganizationFactory, kind

# The reference data comes from data migrations: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


@pytest.fixture
def exhibitor(db) -> User:
    return User.objects.create_user(
        username="fatima",
        password=PASSWORD,
        role=Role.EXHIBITOR,
        organization=OrganizationFactory(name_ar="تعاونية الأطلس للزرابي"),
    )


@pytest.fixture
def fair(exhibitor):
    body = OrganizationFactory(name_ar="جهة فاس مكناس", kind=kind("public_institution"))
    today = datetime.date.today()
    event = EventFactory(
        organizer=body, start_date=today - datetime.timedelta(days=1), end_date=today
    )
    Participation.objects.create(
        event=event, organization=exhibitor.organization, status=Participation.Status.CONFIRMED
    )
    return event


def is_record(url: str) -> bool:
    # The page's queue posts to the API, signed in by the browser's session.
    return re.fullmatch(r"/api/v1/events/\d+/sales", urlsplit(url).path) is not None


def log_in(page: Page, base: str, next_url: str) -> None:
    page.goto(f"{base}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_login", "fatima")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + next_url)


def queued(page: Page, event_id: int) -> list:
    """The declarations waiting on the phone (IndexedDB, tadamon/queue.js)."""
    return queue.items(page, f"sales.{event_id}", "waiting")


def set_legacy_queue(page: Page, event_id: int, items: list) -> None:
    """Items as the earlier page kept them, in localStorage; the page moves them on load."""
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"tadamon.sales.queue.{event_id}", json.dumps(items)],
    )


def test_a_declaration_made_offline_arrives_once(live_server, new_page, exhibitor, fair):
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, url)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("#sales-waiting")).to_have_text("0")

    # The connection drops: the declaration waits on the phone.
    page.context.set_offline(True)
    page.locator("#sales-form input[name=amount_mad]").fill("1250.50")
    page.locator("#sales-form select[name=payment_method]").select_option(PaymentMethod.CASH)
    page.locator("#sales-form button[type=submit]").click()
    expect(page.locator("#sales-waiting")).to_have_text("1")
    expect(page.locator("#sales-form input[name=amount_mad]")).to_have_value("")
    [item] = queued(page, fair.pk)
    assert item["body"]["amount_mad"] == "1250.50"
    assert item["body"]["organization"] == exhibitor.organization_id
    assert item["owner"] == queue.owner(page) != ""
    assert item["url"] == f"/api/v1/events/{fair.pk}/sales"
    expect(page.locator("#sales-phone li[data-state=waiting]")).to_have_count(1)
    assert not SalesDeclaration.objects.exists()

    # The phone holds the same declaration twice (a second tab, a lost answer...).
    queue.put(page, dict(item, id=item["id"] + "-copy", created=item["created"] + 1))
    assert len(queued(page, fair.pk)) == 2
    assert not SalesDeclaration.objects.exists()

    # A reload needs the network: offline it fails, and the queue stays on the phone.
    with pytest.raises(PlaywrightError):
        page.reload()
    page.context.set_offline(False)
    # The network returns and the page is reloaded: the queue leaves on its own, once.
    page.goto(live_server.url + url)
    expect(page.locator("#sales-phone li[data-state=sent]")).to_have_count(2)
    queue.wait_until_none_waiting(page, f"sales.{fair.pk}")
    expect(page.locator("#sales-waiting")).to_have_text("0")
    assert queued(page, fair.pk) == []
    declaration = SalesDeclaration.objects.get()
    assert declaration.amount_mad == Decimal("1250.50")
    assert declaration.status == SalesDeclaration.Status.PENDING
    assert declaration.organization_id == exhibitor.organization_id
    assert declaration.event_id == fair.pk
    assert declaration.payment_method == PaymentMethod.CASH
    assert str(declaration.client_uuid) == item["body"]["client_uuid"]

    # Both copies show as sent, with what the server kept.
    expect(page.locator("#sales-phone li[data-state=sent] [data-kept]").first).to_contain_text(
        "1\xa0250,50"
    )

    # A resend of the very same declaration is answered as already recorded.
    queue.put(page, queue.waiting_copy(item))
    with page.expect_response(lambda r: is_record(r.url)) as answer:
        page.evaluate("window.dispatchEvent(new Event('online'))")
    assert answer.value.status == 200
    queue.wait_until_none_waiting(page, f"sales.{fair.pk}")
    expect(page.locator("#sales-waiting")).to_have_text("0")
    assert queued(page, fair.pk) == []
    assert SalesDeclaration.objects.count() == 1

    page.reload()
    expect(page.locator("#sales-recorded")).to_contain_text(re.compile(r"1\s?250[.,]50"))
    expect(page.locator("#sales-errors")).to_have_text("")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_declaration_made_after_the_session_ended_is_kept(live_server, new_page, fair):
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, url)
    sends = []
    page.on("request", lambda r: sends.append(r.url) if is_record(r.url) else None)
    # The session ended (expired, or logged out elsewhere): the API answers 401.
    Session.objects.all().delete()
    page.locator("#sales-form input[name=amount_mad]").fill("300")
    with page.expect_response(lambda r: is_record(r.url)) as answer:
        page.locator("#sales-form button[type=submit]").click()
    assert answer.value.status == 401
    expect(page.locator("#sales-errors")).to_contain_text(re.compile(r"\S"))
    page.wait_for_timeout(1000)  # time enough for a wrong removal or a retry storm
    expect(page.locator("#sales-waiting")).to_have_text("1")
    assert len(queued(page, fair.pk)) == 1
    assert len(sends) == 1
    assert not SalesDeclaration.objects.exists()

    # Logged in again, the page sends what waited.
    log_in(page, live_server.url, url)
    queue.wait_until_none_waiting(page, f"sales.{fair.pk}")
    expect(page.locator("#sales-waiting")).to_have_text("0")
    assert queued(page, fair.pk) == []
    assert SalesDeclaration.objects.get().amount_mad == Decimal("300")


def test_a_declaration_queued_by_the_earlier_page_is_sent_to_the_api(
    live_server, new_page, exhibitor, fair
):
    # Queued before the update: addressed to the page's former JSON view, which is gone, and
    # with "" for no payment method, which the API refuses. The page sends it as it would now.
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, url)
    item = {
        "id": "9b0c6a52-3f39-4a57-9c55-6b1f1c2f0d11",
        "url": f"/sales/events/{fair.pk}/declare/record/",
        "body": {
            "client_uuid": "9b0c6a52-3f39-4a57-9c55-6b1f1c2f0d11",
            "organization": exhibitor.organization_id,
            "date": fair.end_date.isoformat(),
            "amount_mad": "75.25",
            "payment_method": "",
        },
    }
    # The page has started its queue (and moved nothing): the earlier page's items appear.
    page.locator("#sales-phone[data-waiting]").wait_for(state="attached")
    set_legacy_queue(page, fair.pk, [item, dict(item)])
    # Moved into IndexedDB when the page opens, and sent: once, though kept twice.
    with page.expect_response(lambda r: is_record(r.url)) as answer:
        page.reload()
    assert answer.value.status == 201
    expect(page.locator("#sales-waiting")).to_have_text("0")
    expect(page.locator("#sales-phone li[data-state=sent]")).to_have_count(1)
    assert page.evaluate(f"localStorage.getItem('tadamon.sales.queue.{fair.pk}')") is None
    [moved] = queue.items(page, f"sales.{fair.pk}")
    assert moved["owner"] == queue.owner(page)
    assert moved["url"] == f"/api/v1/events/{fair.pk}/sales"
    assert moved["body"]["payment_method"] is None
    declaration = SalesDeclaration.objects.get()
    assert declaration.amount_mad == Decimal("75.25")
    assert declaration.payment_method == ""
    assert str(declaration.client_uuid) == item["body"]["client_uuid"]


def test_a_declaration_is_confirmed_and_listed_and_a_validated_day_is_asked_about(
    live_server, new_page, exhibitor, fair
):
    """Issue 17, item 6: a message in the page's language, the list updated without a
    reload, and a warning before a second amount for a day the organizers validated."""
    from django.utils import translation

    today = datetime.date.today()
    SalesDeclaration.objects.create(
        event=fair,
        organization=exhibitor.organization,
        date=today,
        amount_mad=Decimal("800"),
        status=SalesDeclaration.Status.VALIDATED,
        declared_by=exhibitor,
    )
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, url)
    with translation.override("ar"):
        recorded = translation.gettext(
            "Your declaration was recorded. The organizers will check it."
        )
        pending = str(SalesDeclaration.Status.PENDING.label)

    # Yesterday has nothing validated: no question, a confirmation, and the list grows.
    page.fill("input[name=date]", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("input[name=amount_mad]", "1250.5")
    page.locator("#sales-form button[type=submit]").click()
    expect(page.locator("#sales-messages")).to_contain_text(recorded)
    expect(page.locator("#sales-recorded li")).to_have_count(2)
    expect(page.locator("#sales-recorded")).to_contain_text("1\xa0250,50")
    expect(page.locator("#sales-recorded")).to_contain_text(pending)

    # Today was validated: the phone asks first; declining sends nothing.
    questions: list[str] = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    page.fill("input[name=date]", today.isoformat())
    page.fill("input[name=amount_mad]", "300")
    page.locator("#sales-form button[type=submit]").click()
    expect(page.locator("#sales-recorded li")).to_have_count(2)
    assert len(questions) == 1 and questions[0]
    assert SalesDeclaration.objects.filter(date=today).count() == 1

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#sales-form button[type=submit]").click()
    expect(page.locator("#sales-recorded li")).to_have_count(3)
    assert SalesDeclaration.objects.filter(date=today).count() == 2
