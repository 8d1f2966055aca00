"""Issue 3, in a real browser: an exhibitor applies in Arabic on a phone-sized viewport
(360×740); the organizer reviews, selects, and the exhibitor confirms."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from tadamon.accounts.models import Role, User
from tadamon.calls.models import Application, Call, ReviewAssignment, SelectionRun
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import applications as application_services
from tadamon.calls.services import calls as call_services
from tadamon.calls.services import reviews as review_services
from tadamon.events.models import Event, EventKind, Participation, Wave
from tadamon.events.services import booths as booth_services
from tadamon.events.services import events as event_services
from tests.factories import EventFactory, OrganizationFactory, UserFactory, kind, region

# The reference data comes from a data migration: keep it across these transactional tests.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-known-Passw0rd"
PHONE = {"width": 360, "height": 740}


def arabic(status: str) -> str:
    """The status's label as the Arabic pages show it (whatever the catalogue holds today)."""
    with translation.override("ar"):
        return str(S(status).label)


def html_lang_dir(page: Page) -> tuple[str, str]:
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return lang, direction


def assert_fits_the_phone(page: Page) -> None:
    assert html_lang_dir(page) == ("ar", "rtl"), page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width)


def log_in(page: Page, base: str, username: str, lands_on: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(base + lands_on)


@dataclass
class Fair:
    organizer: User
    exhibitor: User
    event: Event
    call: Call
    waves: list[Wave]
    criteria: list
    others: list[Application]


@pytest.fixture
def fair(db) -> Fair:
    """A published regional exhibition with two waves and four booths, its call open today
    for two places with a two-criterion grid, three applications already submitted and
    scored, and an eligible women's cooperative that has not applied yet."""
    today = timezone.localdate()
    body = OrganizationFactory(
        name_ar="المجلس الجهوي لجهة بني ملال خنيفرة",
        name_fr="Conseil régional Béni Mellal-Khénifra",
        kind=kind("public_institution"),
        region=region("05"),
    )
    organizer = User.objects.create_user(
        username="souad",
        password=PASSWORD,
        role=Role.ORGANIZER,
        organization=body,
        first_name="سعاد",
    )
    event = EventFactory(
        kind=EventKind.REGIONAL_EXHIBITION,
        title_ar="المعرض الجهوي للاقتصاد الاجتماعي والتضامني بأزيلال",
        title_fr="Salon régional de l'économie sociale et solidaire d'Azilal",
        organizer=body,
        region=region("05"),
        city="أزيلال",
        start_date=today + datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=49),
        is_published=True,
    )
    waves = [
        event_services.add_wave(
            actor=organizer,
            event=event,
            fields={
                "label": label,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=4),
            },
        )
        for label, start in (
            ("الفوج الأول", event.start_date),
            ("الفوج الثاني", event.start_date + datetime.timedelta(days=5)),
        )
    ]
    booth_services.add_booths(
        actor=organizer,
        event=event,
        booths=[{"code": f"A-0{n}", "zone": "A", "accessible": n == 1} for n in range(1, 5)],
    )
    call = call_services.open_call(
        actor=organizer,
        event=event,
        fields={
            "opens_on": today - datetime.timedelta(days=3),
            "closes_on": today + datetime.timedelta(days=10),
            "capacity": 2,
        },
        kinds=[kind("cooperative"), kind("association")],
    )
    criteria = call_services.set_criteria(
        actor=organizer,
        call=call,
        criteria=[
            {"name_ar": "جودة المنتوجات", "name_fr": "Qualité", "weight": 2, "max_points": 10},
            {"name_ar": "الطابع المحلي", "name_fr": "Ancrage local", "weight": 1, "max_points": 5},
        ],
    )

    # Three cooperatives applied on paper; a juror already scored them (none full marks).
    juror = UserFactory(username="juror", role=Role.REVIEWER)
    others = []
    for number, (quality, local) in enumerate([(7, 4), (6, 3), (5, 2)], start=1):
        organization = OrganizationFactory(
            name_ar=f"تعاونية الواحة للكسكس {number}", region=region("05")
        )
        application = application_services.apply(
            actor=organizer,
            call=call,
            organization=organization,
            fields={"motivation": "نرغب في المشاركة", "products_text": "كسكس"},
        )
        [assignment] = review_services.assign_reviewers(
            actor=organizer, applications=[application], reviewers=[juror]
        )
        review_services.score(
            actor=juror,
            assignment=assignment,
            points={criteria[0].pk: quality, criteria[1].pk: local},
        )
        others.append(application)

    cooperative = OrganizationFactory(
        name_ar="التعاونية النسوية للمنتجات المجالية والنباتات العطرية والطبية تبانت",
        name_fr="Coopérative féminine des produits du terroir de Tabant",
        region=region("05"),
        women_led=True,
        members=25,
        women_members=25,
    )
    exhibitor = User.objects.create_user(
        username="fatima",
        password=PASSWORD,
        role=Role.EXHIBITOR,
        organization=cooperative,
        email="fatima@example.org",
        first_name="فاطمة",
    )
    return Fair(organizer, exhibitor, event, call, waves, criteria, others)


def test_an_exhibitor_applies_on_a_phone_is_selected_and_confirms(
    live_server, new_page, fair, mailoutbox
):
    base = live_server.url
    event, call, second_wave = fair.event, fair.call, fair.waves[1]
    cooperative = fair.exhibitor.organization
    portal = base + reverse("calls:portal_home")

    # 1. The exhibitor applies from a phone, in Arabic.
    phone = new_page(**PHONE)
    phone.goto(base + reverse("accounts:login"))
    assert html_lang_dir(phone) == ("ar", "rtl")
    log_in(phone, base, "fatima", lands_on=reverse("registry:my_organization"))

    phone.locator(".navbar-toggler").click()  # the menu is folded on a phone
    phone.locator(f"#main-nav a[href='{reverse('calls:portal_home')}']").click()
    phone.wait_for_url(portal)
    assert_fits_the_phone(phone)

    phone.locator(f"main a[href='{reverse('calls:portal_calls')}']").first.click()
    phone.wait_for_url(base + reverse("calls:portal_calls"))
    card = phone.locator("#open-calls article").filter(has_text=str(event.title))
    expect(card).to_be_visible()
    assert_fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_open_calls.png", full_page=True)

    card.locator(f"a[href='{reverse('calls:portal_apply', args=[call.pk])}']").click()
    phone.wait_for_url(base + reverse("calls:portal_apply", args=[call.pk]))
    expect(phone.locator("h1")).to_have_text(str(event.title))
    phone.fill("#id_motivation", "نود التعريف بمنتوجات نساء تبانت وتوسيع شبكة زبنائنا.")
    phone.fill("#id_products_text", "زيت الأركان، الزعفران، أعشاب طبية")
    phone.locator(f"input[name=wave_preferences][value='{second_wave.pk}']").check()
    assert_fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_apply.png", full_page=True)

    phone.locator("#application-form button[name=submit]").click()
    phone.wait_for_url(portal)
    application = Application.objects.get(call=call, organization=cooperative)
    assert application.status == S.SUBMITTED
    assert list(application.wave_preferences.all()) == [second_wave]
    mine = phone.locator(f"#my-applications [data-application='{application.pk}']")
    expect(mine.locator("[data-status]")).to_have_text(arabic(S.SUBMITTED))
    expect(mine).to_contain_text(str(event.title))
    assert_fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_my_applications.png", full_page=True)

    # 2. The organizer, on a laptop, reviews the application and runs the selection.
    desk = new_page()
    log_in(desk, base, "souad", lands_on=reverse("registry:organization_list"))
    desk.goto(base + reverse("events:event_detail", args=[event.pk]))
    desk.locator(f"main a[href='{reverse('calls:application_list', args=[event.pk])}']").click()
    desk.locator(f"a[href='{reverse('calls:application_detail', args=[application.pk])}']").click()
    desk.wait_for_url(base + reverse("calls:application_detail", args=[application.pk]))
    expect(desk.locator("h1")).to_have_text(str(cooperative))

    assign = desk.locator(
        f"form[action='{reverse('calls:application_assign', args=[application.pk])}']"
    )
    assign.locator(f"input[name=reviewers][value='{fair.organizer.pk}']").check()
    assign.locator("button[type=submit]").click()
    expect(desk.locator("main h1 + [data-status]")).to_have_text(arabic(S.UNDER_REVIEW))
    assignment = ReviewAssignment.objects.get(application=application, reviewer=fair.organizer)
    desk.locator(f"a[href='{reverse('calls:review_score', args=[assignment.pk])}']").click()

    quality, local = fair.criteria
    desk.fill(f"#id_criterion_{quality.pk}", "10")
    desk.fill(f"#id_criterion_{local.pk}", "5")
    desk.fill("#id_comment", "منتوجات مجالية ممتازة")
    desk.locator("#score-form button[type=submit]").click()
    desk.wait_for_url(base + reverse("calls:review_list"))
    expect(desk.locator(".alert-success")).to_contain_text(str(cooperative))
    application.refresh_from_db()
    assert application.score == Decimal("100.00")
    assert all(
        other.score < application.score
        for other in Application.objects.filter(pk__in=[o.pk for o in fair.others])
    )

    selection = reverse("calls:selection", args=[event.pk])
    desk.goto(base + reverse("events:event_detail", args=[event.pk]))
    desk.locator(f"main a[href='{selection}']").first.click()
    desk.wait_for_url(base + selection)
    desk.fill("#id_min_share_women_led", "50")
    desk.locator("#quota-form button[type=submit]").click()
    desk.wait_for_url(re.compile(re.escape(base + selection) + r"\d+/$"))
    run = SelectionRun.objects.get(call=call)
    chosen = desk.locator(f"#selected tr[data-application='{application.pk}']")
    expect(chosen).to_contain_text(str(cooperative))
    expect(chosen).to_contain_text(second_wave.label)
    expect(desk.locator("#selected tbody tr")).to_have_count(2)
    expect(desk.locator("#waitlist tbody tr")).to_have_count(2)

    publish = reverse("calls:selection_publish", args=[event.pk, run.pk])
    desk.locator(f"a[href='{publish}']").click()
    desk.wait_for_url(base + publish)
    desk.locator("main form button[type=submit]").click()
    desk.wait_for_url(base + reverse("calls:dashboard", args=[event.pk]))
    expect(desk.locator(".alert-success")).to_be_visible()
    application.refresh_from_db()
    assert (application.status, application.wave) == (S.ACCEPTED, second_wave)
    assert any(
        fair.exhibitor.email in message.to and second_wave.label in message.body
        for message in mailoutbox
    )

    # 3. Back on the phone, the exhibitor sees the place and its wave, and confirms.
    phone.goto(portal)
    mine = phone.locator(f"#my-applications [data-application='{application.pk}']")
    expect(mine.locator("[data-status]")).to_have_text(arabic(S.ACCEPTED))
    expect(mine).to_contain_text(second_wave.label)
    assert_fits_the_phone(phone)
    phone.screenshot(path="/tmp/e2e_accepted.png", full_page=True)

    mine.locator(
        f"form[action='{reverse('calls:application_confirm', args=[application.pk])}'] "
        "button[type=submit]"
    ).click()
    expect(mine.locator("[data-status]")).to_have_text(arabic(S.CONFIRMED))
    expect(phone.locator(".alert-success")).to_be_visible()
    assert phone.url == portal
    assert_fits_the_phone(phone)

    participation = Participation.objects.get(event=event, organization=cooperative)
    assert participation.status == Participation.Status.CONFIRMED
    assert participation.wave == second_wave
    assert participation.source == Participation.Source.CALL
