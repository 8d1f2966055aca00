import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tadamon.accounts.models import Role
from tadamon.calls.models import ApplicationStatus as S
from tadamon.calls.models import ReviewAssignment
from tadamon.calls.services import reviews
from tadamon.events.models import Wave
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    EventFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(organizer_body):
    today = timezone.localdate()
    event = EventFactory(
        organizer=organizer_body,
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
    )
    return CallFactory(
        event=event,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )


@pytest.fixture
def wave(call):
    event = call.event
    return Wave.objects.create(
        event=event, label="W1", start_date=event.start_date, end_date=event.end_date
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_list_counts_applications_by_status_and_filters(client, organizer, call):
    ApplicationFactory(call=call, organization=OrganizationFactory(women_led=True))
    ApplicationFactory(call=call, status=S.REJECTED)
    client.force_login(organizer)
    url = reverse("calls:application_list", args=[call.event.pk])

    response = client.get(url)

    assert response.status_code == 200
    counts = {status: count for status, _label, count in response.context["counts"]}
    assert counts[S.SUBMITTED] == 1 and counts[S.REJECTED] == 1
    assert response.context["page"].paginator.count == 2
    assert client.get(url, {"status": "rejected"}).context["page"].paginator.count == 1
    assert client.get(url, {"women_led": "yes"}).context["page"].paginator.count == 1


def test_the_detail_shows_answers_profile_and_only_legal_decisions(client, organizer, call):
    application = ApplicationFactory(call=call, motivation="دافع واضح", status=S.SUBMITTED)
    client.force_login(organizer)

    response = client.get(reverse("calls:application_detail", args=[application.pk]))

    page = response.content.decode()
    assert "دافع واضح" in page and str(application.organization) in page
    assert [status for status, _label in response.context["decisions"]] == [
        S.UNDER_REVIEW,
        S.ACCEPTED,
        S.WAITLISTED,
        S.REJECTED,
    ]
    application.status = S.REJECTED
    application.save()
    response = client.get(reverse("calls:application_detail", args=[application.pk]))
    assert response.context["decisions"] == []
    assert reverse("calls:application_decide", args=[application.pk]) not in (
        response.content.decode()
    )


def test_the_organizer_accepts_in_a_wave(client, organizer, call, wave):
    application = ApplicationFactory(call=call)
    client.force_login(organizer)
    response = client.post(
        reverse("calls:application_decide", args=[application.pk]),
        {"decision": "accepted", "wave": wave.pk},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.ACCEPTED and application.wave == wave


def test_a_forced_illegal_decision_is_refused_with_a_message(client, organizer, call):
    application = ApplicationFactory(call=call, status=S.REJECTED)
    client.force_login(organizer)

    response = client.post(
        reverse("calls:application_decide", args=[application.pk]), {"decision": "accepted"}
    )

    application.refresh_from_db()
    assert application.status == S.REJECTED
    [message] = _messages(response)
    # Names the current and the wanted status, in the page's language (Arabic).
    assert "«غير منتقى»" in message and "«مقبول»" in message


def test_confirming_a_rejected_application_is_refused_with_a_message(
    client, exhibitor, exhibitor_org, call
):
    application = ApplicationFactory(call=call, organization=exhibitor_org, status=S.REJECTED)
    client.force_login(exhibitor)

    response = client.post(reverse("calls:application_confirm", args=[application.pk]))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.REJECTED
    assert len(_messages(response)) == 1
    follow = client.get(response["Location"])
    assert "alert-danger" in follow.content.decode()


def test_an_exhibitor_cannot_decide_on_its_own_application(client, exhibitor, exhibitor_org, call):
    application = ApplicationFactory(call=call, organization=exhibitor_org)
    client.force_login(exhibitor)
    response = client.post(
        reverse("calls:application_decide", args=[application.pk]), {"decision": "accepted"}
    )
    assert response.status_code == 403
    page = client.get(reverse("calls:application_detail", args=[application.pk]))
    assert page.status_code == 200 and "decisions" not in page.context


def test_a_reviewer_sees_only_assigned_applications(client, organizer, call):
    reviewer = UserFactory(role=Role.REVIEWER)
    assigned, unassigned = ApplicationFactory(call=call), ApplicationFactory(call=call)
    reviews.assign_reviewers(actor=organizer, applications=[assigned], reviewers=[reviewer])
    client.force_login(reviewer)

    assert client.get(reverse("calls:application_detail", args=[assigned.pk])).status_code == 200
    assert client.get(reverse("calls:application_detail", args=[unassigned.pk])).status_code == 404
    assert client.get(reverse("calls:application_list", args=[call.event.pk])).status_code == 403


def test_the_organizer_assigns_a_reviewer_but_never_from_the_applicant(client, organizer, call):
    application = ApplicationFactory(call=call)
    insider = UserFactory(role=Role.REVIEWER, organization=application.organization)
    outsider = UserFactory(role=Role.REVIEWER)
    client.force_login(organizer)
    url = reverse("calls:application_assign", args=[application.pk])

    refused = client.post(url, {"reviewers": [insider.pk]})
    assert not ReviewAssignment.objects.exists()
    assert insider.username in " ".join(_messages(refused))

    client.post(url, {"reviewers": [outsider.pk]})
    assert ReviewAssignment.objects.get().reviewer == outsider


def test_the_organizer_registers_an_application_on_behalf(client, organizer, call, other_org):
    client.force_login(organizer)
    response = client.post(
        reverse("calls:application_create_for", args=[call.event.pk]),
        {"organization": other_org.pk, "motivation": "ورقي"},
    )
    assert response.status_code == 302
    assert call.applications.get().organization == other_org


def test_the_organizer_records_a_withdrawal(client, organizer, call):
    application = ApplicationFactory(call=call, status=S.ACCEPTED)
    client.force_login(organizer)
    url = reverse("calls:application_withdraw", args=[application.pk])
    assert "alert-warning" in client.get(url).content.decode()  # the place will be offered
    client.post(url, {"reason": ""})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
