"""A trainer on a phone, in Arabic, checks people in by name, also while offline."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.events.models import EventKind
from tadamon.programme.models import Attendance, Registration
from tests.e2e import queue_helpers as queue
from tests.factories import EventFactory, OrganizationFactory, PersonFactory, SessionFactory, kind

# The reference data comes from data migrations: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"


@pytest.fixture
def trainer(db) -> User:
    return User.objects.create_user(username="hassan", password=PASSWORD, role=Role.TRAINER)


@pytest.fixture
def session(trainer):
    body = OrganizationFactory(
        name_ar="المديرية الإقليمية للصناعة التقليدية", kind=kind("public_institution")
    )
    event = EventFactory(organizer=body, kind=EventKind.TRAINING_PROGRAMME)
    return SessionFactory(event=event, title_ar="تقنيات النسيج", trainers=[trainer])


def register(session, first_name: str, last_name: str):
    person = PersonFactory(first_name=first_name, last_name=last_name)
    Registration.objects.create(session=session, person=person)
    return person


def log_in(page: Page, base: str, next_url: str) -> None:
    page.goto(f"{base}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_login", "hassan")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**" + next_url)


def tap_present(page: Page, name: str) -> None:
    row = page.locator("#candidates li", has_text=name)
    expect(row).to_have_count(1)
    row.locator("form.checkin-form button").click()


def queued(page: Page) -> list:
    """The check-ins waiting on the phone (IndexedDB, tadamon/queue.js), of every session."""
    return [
        item for item in queue.items(page, state="waiting") if item["queue"].startswith("checkin.")
    ]


def test_a_trainer_checks_people_in_on_a_phone_in_arabic(live_server, new_page, session):
    amina = register(session, "أمينة", "الإدريسي")
    khadija = register(session, "خديجة", "البقالي")
    register(session, "مريم", "الأمراني")
    url = reverse("programme:checkin", args=[session.pk])
    page = new_page(width=360, height=740)
    base = live_server.url

    log_in(page, base, url)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # Typed without hamza, as people type on a phone.
    page.locator("#checkin-q").press_sequentially("امينة", delay=50)
    expect(page.locator("#candidates")).to_contain_text("أمينة الإدريسي")
    expect(page.locator("#candidates")).not_to_contain_text("خديجة")
    tap_present(page, "أمينة الإدريسي")
    expect(page.locator("#present-count")).to_have_text("1")
    expect(page.locator("#present-list")).to_contain_text("أمينة الإدريسي")
    expect(page.locator("#queue-status")).to_be_hidden()
    assert Attendance.objects.filter(session=session).count() == 1
    assert Attendance.objects.get().person == amina
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The connection drops: the search runs on the phone and the check-in waits in the queue.
    page.context.set_offline(True)
    page.locator("#checkin-q").fill("")
    page.locator("#checkin-q").press_sequentially("خديجه", delay=50)  # ه for ة
    expect(page.locator("#candidates")).to_contain_text("خديجة البقالي")
    tap_present(page, "خديجة البقالي")
    expect(page.locator("#queue-status")).to_be_visible()
    expect(page.locator("#queue-count")).to_have_text("1")
    expect(page.locator("#present-list")).to_contain_text("خديجة البقالي")  # shown as waiting
    # The phone will send the same check-in three times (a lost answer, a second tab...).
    [item] = queued(page)
    assert item["queue"] == f"checkin.{session.pk}"
    assert item["owner"] == queue.owner(page) != ""
    queue.put(
        page,
        *(dict(item, id=f"{item['id']}-{n}", created=item["created"] + n) for n in (1, 2)),
    )
    assert len(queued(page)) == 3
    assert Attendance.objects.count() == 1

    expect(page.locator("[data-offline-note]")).to_be_visible()
    page.context.set_offline(False)
    expect(page.locator("#queue-status")).to_be_hidden()
    expect(page.locator("#present-count")).to_have_text("2")
    # The notice that the search ran without a connection goes with the outage (issue 17).
    expect(page.locator("[data-offline-note]")).to_have_count(0)
    expect(page.locator("#queue-offline")).to_be_hidden()
    queue.wait_until_none_waiting(page)
    assert queued(page) == []
    assert Attendance.objects.filter(session=session, person=khadija).count() == 1
    assert Attendance.objects.count() == 2


def test_a_check_in_waiting_for_another_session_goes_to_that_session(
    live_server, new_page, trainer, session
):
    # Queued on the phone by the earlier page, at another of the trainer's sessions: it
    # names that page's former address; the page sends it to the API, for its own session.
    other = SessionFactory(event=session.event, title_ar="الخياطة", trainers=[trainer])
    sara = register(other, "سارة", "العلوي")
    url = reverse("programme:checkin", args=[session.pk])
    page = new_page(width=360, height=740)
    log_in(page, live_server.url, url)
    item = {
        "id": "0d7e5d8a-8f43-4a7e-a0f5-2b8f6f0c1e21",
        "session": str(other.pk),
        "url": f"/programme/sessions/{other.pk}/checkin/record/",
        "body": {"person": sara.pk, "client_uuid": "0d7e5d8a-8f43-4a7e-a0f5-2b8f6f0c1e21"},
        "label": "سارة العلوي",
    }
    page.locator("#checkin-phone[data-waiting]").wait_for(state="attached")  # queue started
    page.evaluate(
        "(value) => localStorage.setItem('tadamon.checkin.queue.v1', value)", json.dumps([item])
    )
    api = f"/api/v1/sessions/{other.pk}/attendance"
    # Moved into IndexedDB when the page opens, and sent to the other session's address.
    with page.expect_response(lambda r: r.url.endswith(api)) as answer:
        page.reload()
    assert answer.value.status == 201
    assert page.evaluate("localStorage.getItem('tadamon.checkin.queue.v1')") is None
    [moved] = queue.items(page)
    assert moved["queue"] == f"checkin.{other.pk}"
    queue.wait_for_state(page, moved["id"], "sent")
    expect(page.locator("#queue-status")).to_be_hidden()
    assert queued(page) == []
    assert Attendance.objects.get().session == other
    assert Attendance.objects.get().person == sara
