"""Issue 19's acceptance: a broadcast to 165 exhibitors is queued in the request, delivered
by the worker against a real (local) SMS provider over HTTP, and the status page shows 155
SMS sent and 10 failed with the provider's answer after every attempt; nothing is sent twice."""

import datetime
import re
from collections import Counter

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tadamon.calls.models import Application, ApplicationStatus
from tadamon.messaging import delivery
from tadamon.messaging.models import Message
from tadamon.registry.models import Organization
from tests.factories import CallFactory, EventFactory, kind, region
from tests.sms_provider import SmsProvider

pytestmark = pytest.mark.django_db

EXHIBITORS = 165
REFUSING = 10
PROVIDER_ERROR = "Upstream carrier unavailable"
# The send request's queries do not grow with the recipients (about 40 for 165).
QUERIES = 60


def _phone(number: int) -> str:
    return f"+2126{number:08d}"


def _fair(organizer_body):
    """One event with 165 accepted organizations (e-mail and phone each), 10 others who
    applied and were not selected, built in bulk."""
    event = EventFactory(organizer=organizer_body)
    call = CallFactory(event=event, capacity=EXHIBITORS)
    cooperative, place = kind(), region()
    province = place.provinces.order_by("code").first()
    organizations = Organization.objects.bulk_create(
        Organization(
            name_ar=f"تعاونية رقم {n}",
            name_fr=f"Coopérative {n}",
            kind=cooperative,
            region=place,
            province=province,
            email=f"coop{n}@example.ma",
            phone=_phone(n),
        )
        for n in range(EXHIBITORS + 10)
    )
    Application.objects.bulk_create(
        Application(
            call=call,
            organization=organization,
            status=ApplicationStatus.ACCEPTED if n < EXHIBITORS else ApplicationStatus.REJECTED,
        )
        for n, organization in enumerate(organizations)
    )
    return event


def _figures(html: str, batch: str) -> dict[tuple[str, str], int]:
    """{(channel, status): count} as the status page shows them for one batch."""
    section = html.split(f'data-batch="{batch}"', 1)[1].split("</section>", 1)[0]
    figures = {}
    for channel, row in re.findall(r'data-channel="(\w+)">(.*?)</tr>', section, re.S):
        for status, count in re.findall(r'data-status="(\w+)"[^>]*>(\d+)<', row):
            figures[(channel, status)] = int(count)
    return figures


def test_a_broadcast_to_165_exhibitors_is_delivered_and_10_refusals_fail_after_every_attempt(
    client,
    organizer,
    organizer_body,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    event = _fair(organizer_body)
    refusing = {_phone(n) for n in range(0, EXHIBITORS, EXHIBITORS // REFUSING)[:REFUSING]}
    assert len(refusing) == REFUSING
    client.force_login(organizer)
    form = {
        "application_statuses": ["accepted"],
        "subject": "Montage des stands",
        "text_ar": "تركيب الأروقة يوم الاثنين على الساعة الثامنة صباحا.",
        "text_fr": "Montage des stands lundi à 8 h.",
        "channels": ["email", "sms"],
        "token": "8f1d7c52-3a61-4b8e-9a57-0c5e2f6b1d11",
        "confirm": "1",
    }
    with (
        SmsProvider(shape="twilio") as provider,
        override_settings(
            TADAMON_SMS_GATEWAY="tadamon.core.sms_http.TwilioSmsGateway",
            TADAMON_SMS_URL=provider.url,
            TADAMON_SMS_ACCOUNT="AC1",
            TADAMON_SMS_TOKEN="secret",
            TADAMON_SMS_TIMEOUT_S=2,
        ),
    ):
        for phone in refusing:
            provider.answer_for(phone, 500, {"code": 30008, "message": PROVIDER_ERROR})
        # The request writes the rows and hands them to the worker only after commit.
        with (
            django_capture_on_commit_callbacks() as worker,
            django_assert_max_num_queries(QUERIES),
        ):
            answer = client.post(reverse("broadcasts:compose", args=[event.pk]), form)
        assert answer.status_code == 302
        messages = Message.objects.filter(event=event)
        assert messages.filter(channel="sms").count() == EXHIBITORS
        assert messages.filter(channel="email").count() == EXHIBITORS
        assert set(messages.values_list("status", flat=True)) == {"queued"}
        assert provider.requests == [] and mail.outbox == []
        batch = messages.first().batch
        waiting = client.get(reverse("broadcasts:status", args=[event.pk])).content.decode()
        assert 'hx-trigger="every' in waiting  # the page refreshes itself while queued

        # The worker: the tasks, then the sweep at each retry's time.
        for callback in worker:
            callback()
        now = timezone.now()
        for wait in delivery.BACKOFF:
            now += datetime.timedelta(seconds=wait + 1)
            assert delivery.deliver_due(now=now) == REFUSING
        assert delivery.deliver_due(now=now + datetime.timedelta(days=1)) == 0

    tried = Counter(request.phone for request in provider.requests)
    assert {phone: tried[phone] for phone in refusing} == dict.fromkeys(
        refusing, delivery.max_attempts()
    )
    others = {phone: count for phone, count in tried.items() if phone not in refusing}
    assert len(others) == EXHIBITORS - REFUSING and set(others.values()) == {1}
    received = Counter(address for email in mail.outbox for address in email.to)
    assert len(received) == EXHIBITORS and set(received.values()) == {1}

    failed = messages.filter(status="failed")
    assert set(failed.values_list("address", flat=True)) == refusing
    assert all(PROVIDER_ERROR in m.error for m in failed)
    assert set(failed.values_list("attempts", flat=True)) == {delivery.max_attempts()}

    html = client.get(reverse("broadcasts:status", args=[event.pk])).content.decode()
    assert _figures(html, batch) == {
        ("email", "queued"): 0,
        ("email", "sending"): 0,
        ("email", "sent"): EXHIBITORS,
        ("email", "failed"): 0,
        ("sms", "queued"): 0,
        ("sms", "sending"): 0,
        ("sms", "sent"): EXHIBITORS - REFUSING,
        ("sms", "failed"): REFUSING,
    }
    assert html.count(PROVIDER_ERROR) == REFUSING
    assert 'hx-trigger="every' not in html  # nothing queued: the polling stops
