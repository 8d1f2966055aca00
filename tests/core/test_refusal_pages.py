"""Refusals in pages (issue 16): the styled 403 page when the caller sees the event but may
not act, the styled 404 page when they may not see it, never a redirect or the form again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.services import reviews
from tests.b2b import support
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    # The texts are compared in English: new ones reach the catalogues later (PREAMBLE).
    client.cookies["django_language"] = "en"


@pytest.fixture
def application(organizer_body, exhibitor):
    today = timezone.localdate()
    event = EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=31),
    )
    call = CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )
    return ApplicationFactory(call=call, organization=exhibitor.organization, status=S.SUBMITTED)


def _templates(response) -> list[str]:
    return [template.name for template in response.templates]


def test_a_page_the_caller_sees_but_may_not_use_answers_the_styled_403(client, observer):
    event = EventFactory(is_published=True)
    client.force_login(observer)

    response = client.get(reverse("events:event_edit", args=[event.pk]))

    assert response.status_code == 403
    assert "403.html" in _templates(response)
    page = response.content.decode()
    assert "You do not have the right to do this" in page
    assert reverse("public:home") in page


def test_an_event_the_caller_may_not_see_answers_the_styled_404(client, exhibitor):
    event = EventFactory(is_published=False)
    client.force_login(exhibitor)

    response = client.get(reverse("events:event_edit", args=[event.pk]))

    assert response.status_code == 404
    assert "404.html" in _templates(response)
    assert "Page not found" in response.content.decode()


def test_the_applicant_posting_a_decision_gets_403_not_a_redirect(client, exhibitor, application):
    client.force_login(exhibitor)

    for data in ({}, {"decision": S.ACCEPTED}):
        response = client.post(reverse("calls:application_decide", args=[application.pk]), data)
        assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_assigning_reviewers_is_refused_with_403_to_the_applicant(client, exhibitor, application):
    client.force_login(exhibitor)

    response = client.post(reverse("calls:application_assign", args=[application.pk]), {})

    assert response.status_code == 403


def test_a_reviewer_is_refused_the_withdrawal_form_with_403(client, organizer, application):
    reviewer = UserFactory(role=Role.REVIEWER)
    reviews.assign_reviewers(actor=organizer, applications=[application], reviewers=[reviewer])
    client.force_login(reviewer)
    url = reverse("calls:application_withdraw", args=[application.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_opting_in_to_b2b_without_taking_part_answers_403_not_the_form(client, organizer_body):
    event = support.future_event(organizer_body)
    stranger = UserFactory(role=Role.EXHIBITOR, organization=OrganizationFactory())
    client.force_login(stranger)

    response = client.post(reverse("b2b:opt_in", args=[event.pk]), {"language": "ar"})

    assert response.status_code == 403
    assert "does not take part in these B2B meetings" in response.content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr")])
def test_an_error_on_our_side_answers_a_styled_page_in_the_readers_language(
    client, settings, language, direction
):
    """Not Django's bare "Server Error (500)": the reader's language, why, and where to go."""
    from django.utils import translation

    settings.ROOT_URLCONF = "tests.core.boom_urls"
    settings.DEBUG = False
    client.raise_request_exception = False
    client.cookies["django_language"] = language
    page = client.get("/boom/")
    assert page.status_code == 500
    html = page.content.decode()
    assert f'lang="{language}" dir="{direction}"' in html
    assert 'id="server-error"' in html
    with translation.override(language):
        assert translation.gettext("Something went wrong") in html
    assert "bootstrap" in html and 'href="/"' in html
