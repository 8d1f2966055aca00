"""The phone's offline queue (tadamon/queue.js, issue 20): kept in IndexedDB across a closed
page, per account on a shared phone, and a refused item is shown with the server's reason
until it is corrected or discarded, never dropped silently."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.events.models import Participation
from tadamon.sales.models import SalesDeclaration
from tadamon.visitors.models import Gate, VisitorCount
from tests.e2e import queue_helpers as queue
from tests.e2e.conftest import sign_in
from tests.factories import EventFactory, OrganizationFactory, kind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
PHONE = {"width": 390, "height": 844}


def log_in(page: Page, base: str, username: str, next_url: str) -> None:
    sign_in(page, base, username, PASSWORD, next_url)


def online(page: Page) -> None:
    page.evaluate("window.dispatchEvent(new Event('online'))")


@pytest.fixture
def fair(db):
    exhibitor = User.objects.create_user(
        username="fatima",
        password=PASSWORD,
        role=Role.EXHIBITOR,
        organization=OrganizationFactory(name_ar="تعاونية الأطلس للزرابي"),
    )
    today = datetime.date.today()
    event = EventFactory(
        organizer=OrganizationFactory(kind=kind("public_institution")),
        start_date=today - datetime.timedelta(days=1),
        end_date=today,
    )
    Participation.objects.create(
        event=event, organization=exhibitor.organization, status=Participation.Status.CONFIRMED
    )
    return event


@pytest.fixture
def gate(db) -> Gate:
    body = OrganizationFactory(kind=kind("public_institution"))
    for username in ("youssef", "karim"):
        User.objects.create_user(
            username=username, password=PASSWORD, role=Role.GATE_AGENT, organization=body
        )
    today = datetime.date.today()
    event = EventFactory(organizer=body, start_date=today, end_date=today)
    return Gate.objects.create(event=event, name="باب العقلة")


def refused_declaration(page: Page, fair, amount: str) -> dict:
    """A declaration the server refuses (a date after the event), waiting on the phone."""
    client_uuid = str(uuid.uuid4())
    organization = User.objects.get(username="fatima").organization_id
    return queue.new_item(
        page,
        f"sales.{fair.pk}",
        f"/api/v1/events/{fair.pk}/sales",
        {
            "client_uuid": client_uuid,
            "organization": organization,
            "date": (fair.end_date + datetime.timedelta(days=30)).isoformat(),
            "amount_mad": amount,
            "payment_method": None,
        },
    )


def test_a_refused_declaration_shows_why_and_is_corrected_or_discarded(live_server, new_page, fair):
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(**PHONE)
    log_in(page, live_server.url, "fatima", url)
    bad = refused_declaration(page, fair, "640")
    queue.put(page, bad)
    with page.expect_response(lambda r: r.url.endswith(bad["url"])) as answer:
        online(page)
    assert answer.value.status == 400
    reason = answer.value.json()["detail"][0]["message"]
    refused = page.locator("#sales-phone li[data-state=refused]")
    expect(refused).to_have_count(1)
    expect(refused.locator("[data-reason]")).to_have_text(reason)
    expect(page.locator("#sales-phone [data-queue-summary]")).to_contain_text("1")
    # Refused is kept, not retried: it stays until the exhibitor acts.
    page.wait_for_timeout(1000)
    expect(refused).to_have_count(1)
    assert queue.items(page, f"sales.{fair.pk}", "refused")[0]["reason"] == reason

    # "Correct": the values go back in the form; the exhibitor fixes the date and declares.
    refused.locator("button[data-action=correct]").click()
    expect(refused).to_have_count(0)
    expect(page.locator("#sales-form input[name=amount_mad]")).to_have_value("640")
    expect(page.locator("#sales-form input[name=date]")).to_have_value(bad["body"]["date"])
    page.fill("#sales-form input[name=date]", fair.end_date.isoformat())
    page.locator("#sales-form button[type=submit]").click()
    expect(page.locator("#sales-phone li[data-state=sent]")).to_have_count(1)
    assert SalesDeclaration.objects.get().amount_mad == Decimal("640")

    # "Discard" asks first: declining keeps the item, accepting removes it for good.
    other = refused_declaration(page, fair, "90")
    queue.put(page, other)
    online(page)
    expect(refused).to_have_count(1)
    questions: list[str] = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    refused.locator("button[data-action=discard]").click()
    page.wait_for_timeout(300)
    expect(refused).to_have_count(1)
    assert len(questions) == 1 and questions[0]
    page.once("dialog", lambda dialog: dialog.accept())
    refused.locator("button[data-action=discard]").click()
    expect(refused).to_have_count(0)
    assert [item["id"] for item in queue.items(page)] != [] and other["id"] not in [
        item["id"] for item in queue.items(page)
    ]
    assert SalesDeclaration.objects.count() == 1


def test_counts_queued_offline_survive_a_closed_page_and_leave_when_online(
    live_server, new_page, gate
):
    url = reverse("visitors:visitors_tally", args=[gate.event_id])
    page = new_page(**PHONE)
    log_in(page, live_server.url, "youssef", url)
    context = page.context
    context.set_offline(True)
    page.locator("#tally-buttons button[data-step='10']").click()
    page.locator("#tally-send").click()
    expect(page.locator("#tally-queue-count")).to_have_text("1")
    expect(page.locator("#tally-phone li[data-state=waiting]")).to_have_count(1)
    page.close()

    # The phone goes back online with the tally closed; the agent opens it again.
    context.set_offline(False)
    assert not VisitorCount.objects.exists()
    again = context.new_page()
    with again.expect_response(lambda r: r.url.endswith("/visitor-counts")) as answer:
        again.goto(live_server.url + url)
    assert answer.value.status in (200, 201)
    sent = again.locator("#tally-phone li[data-state=sent]")
    expect(sent).to_have_count(1)
    # What the server kept: the count and its totals, as the organizer's dashboard has them.
    expect(sent.locator("[data-kept]")).to_contain_text("10")
    expect(again.locator("#tally-event-total")).to_have_text("10")
    expect(again.locator("#tally-queue")).to_be_hidden()
    assert VisitorCount.objects.get().count == 10
    assert len(queue.items(again, f"tally.{gate.event_id}")) == 1


def test_two_agents_on_one_phone_see_only_their_own_queue(live_server, new_page, gate):
    url = reverse("visitors:visitors_tally", args=[gate.event_id])
    page = new_page(**PHONE)
    log_in(page, live_server.url, "youssef", url)
    first = queue.owner(page)
    page.context.set_offline(True)
    for step in ("10", "1"):
        page.locator(f"#tally-buttons button[data-step='{step}']").click()
    page.locator("#tally-send").click()
    expect(page.locator("#tally-phone li[data-state=waiting]")).to_have_count(1)
    # The first agent's session ends before the count could leave (the API out of reach).
    page.route("**/visitor-counts", lambda route: route.abort())
    page.context.set_offline(False)
    page.context.clear_cookies()

    log_in(page, live_server.url, "karim", url)
    second = queue.owner(page)
    assert second and second != first
    # Karim sees neither Youssef's waiting count nor his running tally, and sends nothing of his.
    expect(page.locator("#tally-count")).to_have_value("0")
    expect(page.locator("#tally-phone li")).to_have_count(0)
    expect(page.locator("#tally-queue")).to_be_hidden()
    page.unroute("**/visitor-counts")
    page.evaluate("TadamonQueue.replay(document.documentElement.dataset.device)")
    page.wait_for_timeout(500)
    assert not VisitorCount.objects.exists()
    [mine] = queue.items(page)
    assert mine["owner"] == first and mine["state"] == "waiting"
    assert page.evaluate(f"localStorage.getItem('tadamon:{first}:tally.counts.v1')")

    # Karim queues his own; forgetting Youssef's data removes only his.
    page.locator("#tally-buttons button[data-step='1']").click()
    page.locator("#tally-send").click()
    expect(page.locator("#tally-phone li[data-state=sent]")).to_have_count(1)
    assert page.evaluate(f"TadamonQueue.pending('{first}')") == 1
    page.evaluate(f"TadamonQueue.forget('{first}')")
    left = queue.items(page)
    assert [item["owner"] for item in left] == [second]
    assert page.evaluate(f"localStorage.getItem('tadamon:{first}:tally.counts.v1')") is None
    assert page.evaluate(f"localStorage.getItem('tadamon:{second}:tally.counts.v1')")
    assert VisitorCount.objects.get().count == 1


def test_a_worker_replays_the_queue_without_the_page(live_server, new_page, fair):
    """The service worker importScripts() queue.js: in a worker (no DOM), replay() sends the
    owner's waiting items with the stored CSRF token, and leaves other owners' alone."""
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(**PHONE)
    log_in(page, live_server.url, "fatima", url)
    page.locator("#sales-phone[data-waiting]").wait_for(state="attached")
    organization = User.objects.get(username="fatima").organization_id
    api = f"/api/v1/events/{fair.pk}/sales"

    def declaration(amount: str, **fields) -> dict:
        body = {
            "client_uuid": str(uuid.uuid4()),
            "organization": organization,
            "date": fair.end_date.isoformat(),
            "amount_mad": amount,
            "payment_method": None,
        }
        return queue.new_item(page, f"sales.{fair.pk}", api, body, **fields)

    mine = declaration("120")
    theirs = declaration("999", owner="someone-else", created=mine["created"] - 1)
    queue.put(page, mine, theirs)
    # A worker of the site's origin (the page's policy allows no blob: worker), whose only
    # script is queue.js, as the service worker imports it.
    worker_source = """
      importScripts("/static/tadamon/queue.js");
      self.onmessage = async () => {
        try {
          const owner = await TadamonQueue.getOwner();
          postMessage(await TadamonQueue.replay(owner));
        } catch (error) {
          postMessage({error: String(error)});
        }
      };
    """
    page.context.route(
        "**/test-queue-worker.js",
        lambda route: route.fulfill(body=worker_source, content_type="text/javascript"),
    )
    summary = page.evaluate(
        """() => {
          const worker = new Worker("/test-queue-worker.js");
          return new Promise(resolve => {
            worker.onmessage = e => resolve(e.data);
            worker.onerror = e => resolve({error: e.message || "worker error"});
            setTimeout(() => resolve({error: "no answer in 10 s"}), 10000);
            worker.postMessage("go");
          });
        }"""
    )
    assert "error" not in summary, summary
    assert summary["sent"] == 1 and summary["refused"] == 0
    assert not summary["login"] and not summary["offline"]
    assert queue.wait_for_state(page, mine["id"], "sent")["answer"]["amount_mad"] == "120.00"
    assert queue.wait_for_state(page, theirs["id"], "waiting")
    assert SalesDeclaration.objects.get().amount_mad == Decimal("120")


def test_the_phone_shows_the_totals_the_server_kept(live_server, new_page, fair):
    """When the API answers the organization's totals, the page shows them; without, it
    shows the amount it kept (both kinds of answer exist while the API grows)."""
    url = reverse("sales:declare", args=[fair.pk])
    page = new_page(**PHONE)
    log_in(page, live_server.url, "fatima", url)

    def with_totals(route):
        response = route.fetch()
        body = response.json()
        body.update(
            organization_declared_mad="5400.00",
            organization_total_mad="3000.00",
            organization_day_declared_mad="2400.00",
        )
        route.fulfill(response=response, json=body)

    page.route("**/api/v1/events/*/sales", with_totals)
    page.fill("#sales-form input[name=amount_mad]", "2400")
    page.locator("#sales-form button[type=submit]").click()
    sent = page.locator("#sales-phone li[data-state=sent]")
    expect(sent).to_have_count(1)
    expect(sent.locator("[data-kept]")).to_contain_text("2\xa0400,00")
    expect(page.locator("#sales-totals")).to_be_visible()
    expect(page.locator("#sales-totals")).to_contain_text("5\xa0400,00")
    expect(page.locator("#sales-totals")).to_contain_text("3\xa0000,00")
    page.unroute("**/api/v1/events/*/sales")
    page.reload()
    # Kept on the phone for the day, with what the server answered.
    expect(page.locator("#sales-totals")).to_contain_text("5\xa0400,00")
