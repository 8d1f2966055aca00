import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.events.models import Event, Participation, Wave
from tests.factories import ApplicationFactory, CallFactory, EventFactory, kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(organizer_body):
    today = timezone.localdate()
    event = EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=90),
    )
    return CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )


@pytest.fixture
def waves(call):
    event = call.event
    return [
        Wave.objects.create(
            event=event,
            label=label,
            start_date=event.start_date + datetime.timedelta(days=30 * n),
            end_date=event.start_date + datetime.timedelta(days=30 * n + 29),
        )
        for n, label in enumerate(["يوليوز", "غشت"])
    ]


@pytest.fixture
def browser(client, exhibitor):
    client.force_login(exhibitor)
    return client


def test_open_calls_show_which_ones_the_organization_may_apply_to(browser, call, organizer_body):
    today = timezone.localdate()
    closed = CallFactory(
        event=EventFactory(organizer=organizer_body),
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    restricted = CallFactory(
        event=EventFactory(organizer=organizer_body),
        opens_on=today,
        closes_on=today + datetime.timedelta(days=3),
    )
    restricted.eligible_kinds.set([kind("association")])

    page = browser.get(reverse("calls:portal_calls")).content.decode()

    assert str(call.event.title) in page
    assert reverse("calls:portal_apply", args=[call.pk]) in page
    assert str(closed.event.title) not in page
    assert reverse("calls:portal_apply", args=[restricted.pk]) not in page
    assert str(kind("association")) in page  # the reason is shown


def test_an_exhibitor_applies_in_arabic_with_wave_checkboxes(browser, call, waves, exhibitor_org):
    url = reverse("calls:portal_apply", args=[call.pk])
    page = browser.get(url).content.decode()
    assert 'dir="rtl"' in page and 'type="checkbox"' in page and "يوليوز" in page

    response = browser.post(
        url,
        {
            "motivation": "نريد عرض منتوجاتنا",
            "products_text": "زربية",
            "wave_preferences": [waves[1].pk],
            "needs_accessible_booth": "on",
            "submit": "1",
        },
    )

    assert response.status_code == 302 and response["Location"] == reverse("calls:portal_home")
    application = Application.objects.get(organization=exhibitor_org)
    assert application.status == S.SUBMITTED and application.needs_accessible_booth
    assert list(application.wave_preferences.all()) == [waves[1]]
    home = browser.get(reverse("calls:portal_home")).content.decode()
    assert 'data-status="submitted"' in home


def test_a_draft_is_saved_then_sent(browser, call, exhibitor_org):
    browser.post(reverse("calls:portal_apply", args=[call.pk]), {"motivation": "x", "draft": "1"})
    application = Application.objects.get(organization=exhibitor_org)
    assert application.status == S.DRAFT
    # Applying again goes to the existing application.
    again = browser.get(reverse("calls:portal_apply", args=[call.pk]))
    assert again["Location"] == reverse("calls:portal_edit", args=[application.pk])

    browser.post(
        reverse("calls:portal_edit", args=[application.pk]), {"motivation": "y", "submit": "1"}
    )

    application.refresh_from_db()
    assert application.status == S.SUBMITTED and application.motivation == "y"


def test_an_ineligible_application_shows_the_rule_next_to_the_form(browser, call, exhibitor_org):
    call.microcredit_only = True
    call.save()
    response = browser.post(
        reverse("calls:portal_apply", args=[call.pk]), {"motivation": "x", "submit": "1"}
    )
    assert response.status_code == 200
    with translation.override("ar"):
        rule = gettext("This call is reserved to microcredit beneficiaries.")
    assert rule.startswith("هذه") or "الصغرى" in rule  # the catalogue's Arabic, not the msgid
    assert rule in response.content.decode()
    assert not Application.objects.exists()


def test_my_applications_show_wave_offer_deadline_and_buttons(browser, call, waves, exhibitor_org):
    application = ApplicationFactory(
        call=call, organization=exhibitor_org, status=S.ACCEPTED, wave=waves[0]
    )
    page = browser.get(reverse("calls:portal_home")).content.decode()
    assert "يوليوز" in page
    assert reverse("calls:application_confirm", args=[application.pk]) in page
    assert reverse("calls:application_withdraw", args=[application.pk]) in page

    application.status = S.OFFERED
    application.offer_expires_at = timezone.now() + datetime.timedelta(days=2)
    application.save()
    page = browser.get(reverse("calls:portal_home")).content.decode()
    assert 'data-status="offered"' in page and "alert-warning" in page


def test_the_exhibitor_confirms_from_the_portal(browser, call, waves, exhibitor_org):
    application = ApplicationFactory(
        call=call, organization=exhibitor_org, status=S.ACCEPTED, wave=waves[0]
    )
    home = reverse("calls:portal_home")
    response = browser.post(
        reverse("calls:application_confirm", args=[application.pk]), {"next": home}
    )
    assert response["Location"] == home
    participation = Participation.objects.get(organization=exhibitor_org)
    assert participation.status == "confirmed" and participation.wave == waves[0]


def test_withdrawing_asks_for_confirmation_first(browser, call, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.ACCEPTED)
    url = reverse("calls:application_withdraw", args=[application.pk])

    page = browser.get(url)
    application.refresh_from_db()
    assert page.status_code == 200 and application.status == S.ACCEPTED

    browser.post(url, {"reason": "ظروف"})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_the_portal_offers_no_withdrawal_from_a_fair_that_is_over(browser, call, exhibitor_org):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.CONFIRMED)
    url = reverse("calls:application_withdraw", args=[application.pk])
    assert url in browser.get(reverse("calls:portal_home")).content.decode()
    ended = timezone.localdate() - datetime.timedelta(days=1)
    Event.objects.filter(pk=call.event_id).update(start_date=ended, end_date=ended)

    assert url not in browser.get(reverse("calls:portal_home")).content.decode()
    assert (
        url
        not in browser.get(
            reverse("calls:application_detail", args=[application.pk])
        ).content.decode()
    )
    refused = browser.post(url, {"reason": "late"}, follow=True)
    [said] = refused.context["messages"]
    assert said.level_tag == "error" and said.message in refused.content.decode()
    application.refresh_from_db()
    assert application.status == S.CONFIRMED


def test_an_exhibitor_cannot_see_another_organizations_application(browser, call):
    other = ApplicationFactory(call=call)
    assert browser.get(reverse("calls:application_detail", args=[other.pk])).status_code == 404
    assert browser.get(reverse("calls:portal_edit", args=[other.pk])).status_code == 404
    response = browser.post(reverse("calls:application_withdraw", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == S.SUBMITTED


def test_the_portal_is_for_exhibitors(client, organizer):
    client.force_login(organizer)
    assert client.get(reverse("calls:portal_home")).status_code == 403


def test_the_portal_fits_a_phone(browser, call):
    page = browser.get(reverse("calls:portal_calls")).content.decode()
    assert 'name="viewport"' in page and "row-cols-1" in page
