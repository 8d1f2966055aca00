"""Issue 19's acceptance, in a real browser: a cooperative signs up by phone, types the code
the (local) SMS provider received, links its sign-up to its registry record and applies to a
call; the organizer confirms the record, selects it and invites it; the cooperative receives
the decision by SMS and in its inbox, and its phone shows its agenda (wave, booth, fair days)
from its calendar link."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import calls as call_services
from tadamon.events.models import EventKind, Participation
from tadamon.events.services import allocation
from tadamon.events.services import booths as booth_services
from tadamon.events.services import events as event_services
from tadamon.messaging.models import Message
from tadamon.registry.models import Organization, OrganizationClaim, Province
from tests.factories import EventFactory, OrganizationFactory, kind, region
from tests.sms_provider import SmsProvider

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
PHONE_VIEWPORT = {"width": 390, "height": 800}
TYPED_PHONE = "0661234567"
E164 = "+212661234567"


@pytest.fixture
def provider(settings):
    with SmsProvider(shape="twilio") as provider:
        settings.TADAMON_SMS_GATEWAY = "tadamon.core.sms_http.TwilioSmsGateway"
        settings.TADAMON_SMS_URL = provider.url
        settings.TADAMON_SMS_ACCOUNT = "AC-test"
        settings.TADAMON_SMS_TOKEN = "secret"
        yield provider


def texts_to(provider: SmsProvider, phone: str) -> list[str]:
    return [r.form["Body"] for r in provider.requests if r.phone == phone]


def fits_the_phone(page: Page) -> None:
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    assert (lang, direction) == ("ar", "rtl"), page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]


@pytest.fixture
def fair(db):
    """A published regional exhibition 40 days ahead with two waves and two booths, its call
    open for two places, and a cooperative already in the registry (found by the regional
    delegation on paper) whose president's phone is on its record."""
    today = timezone.localdate()
    home = region("05")
    body = OrganizationFactory(
        name_ar="المجلس الجهوي لجهة بني ملال خنيفرة",
        name_fr="Conseil régional Béni Mellal-Khénifra",
        kind=kind("public_institution"),
        region=home,
    )
    organizer = User.objects.create_user(
        username="souad", password=PASSWORD, role=Role.ORGANIZER, organization=body
    )
    event = EventFactory(
        kind=EventKind.REGIONAL_EXHIBITION,
        title_ar="المعرض الجهوي للاقتصاد الاجتماعي والتضامني بأزيلال",
        title_fr="Salon régional de l'économie sociale et solidaire d'Azilal",
        organizer=body,
        region=home,
        city="أزيلال",
        start_date=today + datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=49),
        is_published=True,
    )
    waves = [
        event_services.add_wave(
            actor=organizer,
            event=event,
            fields={"label": label, "start_date": start, "end_date": start + datetime.timedelta(4)},
        )
        for label, start in (
            ("الفوج الأول", event.start_date),
            ("الفوج الثاني", event.start_date + datetime.timedelta(days=5)),
        )
    ]
    booth_services.add_booths(
        actor=organizer, event=event, booths=[{"code": "A-01", "zone": "A"}, {"code": "A-02"}]
    )
    call = call_services.open_call(
        actor=organizer,
        event=event,
        fields={
            "opens_on": today - datetime.timedelta(days=3),
            "closes_on": today + datetime.timedelta(days=10),
            "capacity": 2,
        },
        kinds=[kind("cooperative")],
    )
    province = Province.objects.filter(region=home).order_by("pk").first()
    record = OrganizationFactory(
        name_ar="تعاونية تيفاوين للأركان",
        name_fr="Coopérative Tifaouine de l'argane",
        kind=kind("cooperative"),
        region=home,
        province=province,
        registration_number="RC-2019-118",
        phone="+212661111111",
        email="",
    )
    return {
        "organizer": organizer,
        "event": event,
        "call": call,
        "waves": waves,
        "record": record,
        "province": province,
    }


def test_a_cooperative_signs_up_by_phone_and_its_phone_shows_its_agenda(
    live_server, new_page, fair, provider
):
    base = live_server.url
    event, call, record = fair["event"], fair["call"], fair["record"]
    second_wave = fair["waves"][1]

    # 1. A member of the cooperative signs up on her phone, in Arabic.
    phone = new_page(**PHONE_VIEWPORT)
    phone.goto(base + reverse("account_signup"))
    fits_the_phone(phone)
    phone.fill("#id_first_name", "خديجة")
    phone.fill("#id_phone", TYPED_PHONE)
    phone.fill("#id_password1", PASSWORD)
    phone.fill("#id_password2", PASSWORD)
    phone.fill("#id_name_ar", "تعاونية تيفاوين للاركان")
    phone.select_option("#id_kind", value=str(kind("cooperative").pk))
    phone.select_option("#id_province", value=str(fair["province"].pk))
    phone.fill("#id_registration_number", "RC-2019-118")
    phone.screenshot(path="/tmp/e2e_signup.png", full_page=True)
    phone.locator("main form button[type=submit]").last.click()
    phone.wait_for_url(base + reverse("account_verify_phone"))

    # 2. The code arrives by SMS (the local provider received it); she types it.
    [text] = texts_to(provider, E164)
    code = re.search(r"\d{6}", text).group()
    phone.fill("#id_code", code)
    phone.locator("main form button[type=submit]").first.click()
    phone.wait_for_url(base + reverse("registry:signup_match"))
    fits_the_phone(phone)

    # 3. The registry already knows the cooperative: she says it is hers.
    phone.screenshot(path="/tmp/e2e_signup_match.png", full_page=True)
    phone.locator(f"#choice-{record.pk}").check()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(base + reverse("registry:my_organization"))
    member = User.objects.get(phone=E164)
    claim = OrganizationClaim.objects.get(user=member)
    assert claim.match == record and member.organization.awaiting_confirmation

    # 4. Before any confirmation she applies to the open call, as her record awaiting it.
    phone.goto(base + reverse("calls:portal_apply", args=[call.pk]))
    phone.fill("#id_motivation", "نود التعريف بزيت الأركان الذي تنتجه نساء التعاونية.")
    phone.fill("#id_products_text", "زيت الأركان، أملو")
    phone.locator(f"input[name=wave_preferences][value='{second_wave.pk}']").check()
    phone.locator("#application-form button[name=submit]").click()
    phone.wait_for_url(base + reverse("calls:portal_home"))
    application = Application.objects.get(call=call, organization=member.organization)
    assert application.status == S.SUBMITTED

    # 5. The organizer, on a laptop in French, confirms the sign-up: the record typed in is
    # merged into the registry's, with the application.
    desk = new_page(width=1366, height=900, locale="fr-MA")
    desk.context.add_cookies([{"name": "django_language", "value": "fr", "url": base}])
    desk.goto(base + reverse("accounts:login"))
    desk.fill("#id_login", "souad")
    desk.fill("#id_password", PASSWORD)
    desk.locator("main button[type=submit]").click()
    desk.wait_for_url(base + reverse("registry:organization_list"))
    desk.goto(base + reverse("registry:claim_list"))
    desk.locator(f"a[href='{reverse('registry:claim_detail', args=[claim.pk])}']").first.click()
    desk.screenshot(path="/tmp/e2e_claim.png", full_page=True)
    desk.locator(
        f"form[action='{reverse('registry:claim_confirm', args=[claim.pk])}'] button"
    ).click()
    desk.wait_for_url(base + reverse("registry:claim_list"))
    member.refresh_from_db()
    application.refresh_from_db()
    assert member.organization == record and application.organization == record
    assert not Organization.objects.filter(pk=claim.organization_id).exists()

    # 6. The organizer selects it and publishes the decision.
    selection_url = reverse("calls:selection", args=[event.pk])
    desk.goto(base + selection_url)
    desk.locator("#quota-form button[type=submit]").click()
    desk.wait_for_url(re.compile(re.escape(base + selection_url) + r"\d+/$"))
    expect(desk.locator(f"#selected tr[data-application='{application.pk}']")).to_be_visible()
    run_pk = int(desk.url.rstrip("/").rsplit("/", 1)[-1])
    publish = reverse("calls:selection_publish", args=[event.pk, run_pk])
    desk.goto(base + publish)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(base + reverse("calls:dashboard", args=[event.pk]))
    application.refresh_from_db()
    assert application.status == S.ACCEPTED

    # 7. ... and invites the cooperative: the president, whose phone is on the record, gets
    # a link by SMS that opens her own account of the cooperative.
    desk.goto(base + reverse("invitations:event_invitations", args=[event.pk]))
    invite = desk.locator(f"form[action='{reverse('invitations:invite', args=[event.pk])}']")
    invite.locator("select").select_option(value=str(record.pk))
    invite.locator("button[type=submit]").click()
    [invitation_text] = [t for t in texts_to(provider, record.phone) if "/join/" in t]
    link = re.search(r"https?://\S+/join/\S+/", invitation_text).group()
    president = new_page(**PHONE_VIEWPORT)
    president.goto(link)
    president.fill("#id_first_name", "فاطمة")
    president.fill("#id_last_name", "أيت علي")
    president.fill("#id_password1", PASSWORD)
    president.fill("#id_password2", PASSWORD)
    president.locator("main form button[type=submit]").click()
    president.wait_for_url(base + reverse("registry:my_organization"))
    assert User.objects.filter(organization=record, phone=record.phone).exists()
    desk.reload()
    expect(desk.locator("#invitations")).to_contain_text("فاطمة")

    # 8. The decision reached the cooperative: by SMS to its phone, in the member's inbox.
    assert any("أزيلال" in t or str(event.title_ar) in t for t in texts_to(provider, record.phone))
    phone.goto(base + reverse("messaging:inbox"))
    expect(phone.locator("main .list-group")).to_contain_text(str(event.title_ar))
    fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_inbox.png", full_page=True)

    # 9. She confirms the place; the organizer places the exhibitors in the booths.
    phone.goto(base + reverse("calls:portal_home"))
    phone.locator(
        f"form[action='{reverse('calls:application_confirm', args=[application.pk])}'] button"
    ).click()
    expect(phone.locator(".alert-success")).to_be_visible()
    participation = Participation.objects.get(event=event, organization=record)
    allocation.start_allocation(actor=fair["organizer"], event=event)
    booth = participation.booth_assignment.booth.code

    # 10. Her phone shows the agenda: the calendar link gives the wave's days and the booth.
    phone.goto(base + reverse("calendars:home"))
    phone.locator("main form button[type=submit]").first.click()
    feed = phone.locator("main a[download]").first.get_attribute("href")
    answer = phone.request.get(base + feed)
    assert answer.ok
    calendar = Calendar.from_ical(answer.body())
    [stay] = [c for c in calendar.walk("VEVENT") if str(c["UID"]).startswith("fair-")]
    assert stay["DTSTART"].dt == second_wave.start_date
    assert booth in str(stay["SUMMARY"]) and second_wave.name in str(stay["SUMMARY"])
    fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_calendars.png", full_page=True)
    assert Message.objects.filter(status="failed").count() == 0
