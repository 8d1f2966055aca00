"""The outbox (issue 19, messages): queued in the request, sent by the worker, retried with
backoff, failed with the provider's answer, never sent twice, opt-outs honoured where allowed."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from tadamon.messaging import delivery, services
from tadamon.messaging.models import Message, OptOut
from tests.messaging.smtp_server import SmtpServer
from tests.sms_provider import SmsProvider

pytestmark = pytest.mark.django_db

ARABIC_SUBJECT = "قرار لجنة الانتقاء: معرض الاقتصاد الاجتماعي"
ARABIC_BODY = "تهانينا، قُبلت تعاونيتكم. الرواق B12، الموجة الثانية (من 3 إلى 7 يوليوز)."
PHONE = "+212612345678"


def _sms_settings(provider: SmsProvider):
    return override_settings(
        TADAMON_SMS_GATEWAY="tadamon.core.sms_http.TwilioSmsGateway",
        TADAMON_SMS_URL=provider.url,
        TADAMON_SMS_ACCOUNT="AC1",
        TADAMON_SMS_TOKEN="secret",
        TADAMON_SMS_TIMEOUT_S=2,
    )


def _email(key: str = "test:1", **fields) -> dict:
    return {
        "channel": "email",
        "address": "coop@example.ma",
        "subject": ARABIC_SUBJECT,
        "body": ARABIC_BODY,
        "kind": "test",
        "key": key,
        **fields,
    }


def test_a_message_is_written_in_the_request_and_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = services.queue(**_email())
        assert Message.objects.get().status == "queued"
        assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == "sent" and message.sent_at is not None and message.attempts == 1
    assert [m.subject for m in mail.outbox] == [ARABIC_SUBJECT]


def test_the_same_key_is_one_message_however_often_it_is_queued(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.queue(**_email()) is not None
        assert services.queue(**_email()) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert services.queue(**_email()) is None
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_rolled_back_notice_is_never_sent(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.queue(**_email())
        raise RuntimeError
    assert Message.objects.count() == 0 and mail.outbox == []


def test_opt_outs_stop_optional_messages_but_not_those_that_must_arrive(
    django_capture_on_commit_callbacks, exhibitor
):
    user = exhibitor
    OptOut.objects.create(user=user, channel="email")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.queue(**_email("news:1", user=user)) is None
        kept = services.queue(**_email("code:1", user=user, must_send=True))
        sms = services.queue(
            channel="sms", address=PHONE, user=user, body="x", kind="news", key="news:sms"
        )
    assert kept is not None and sms is not None
    assert len(mail.outbox) == 1


def test_the_inbox_is_delivered_by_being_stored(django_capture_on_commit_callbacks, exhibitor):
    user = exhibitor
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = services.queue(channel="inbox", user=user, body="مرحبا", kind="t", key="i:1")
    assert message.status == "sent" and callbacks == []


def test_a_provider_error_is_retried_with_backoff_then_failed_with_its_answer(
    django_capture_on_commit_callbacks,
):
    with SmsProvider(shape="twilio") as provider, _sms_settings(provider):
        provider.answer_all(500, {"message": "Service unavailable"})
        with django_capture_on_commit_callbacks(execute=True):
            message = services.queue(
                channel="sms", address=PHONE, body=ARABIC_BODY, kind="t", key="sms:1"
            )
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("queued", 1)
        assert message.next_attempt_at is not None
        # Not due yet: the sweep leaves it alone.
        assert delivery.deliver_due() == 0
        now = timezone.now()
        for wait in delivery.BACKOFF:
            now += datetime.timedelta(seconds=wait + 1)
            assert delivery.deliver_due(now=now) == 1
        message.refresh_from_db()
        assert message.status == "failed"
        assert message.attempts == delivery.max_attempts() == len(provider.requests)
        assert "Service unavailable" in message.error
        assert delivery.deliver_due(now=now + datetime.timedelta(days=1)) == 0
    assert len(provider.requests) == delivery.max_attempts()


def test_a_refused_number_fails_at_once(django_capture_on_commit_callbacks):
    with SmsProvider(shape="twilio") as provider, _sms_settings(provider):
        provider.answer_all(400, {"message": "The 'To' number is not a valid phone number."})
        with django_capture_on_commit_callbacks(execute=True):
            message = services.queue(channel="sms", address=PHONE, body="x", kind="t", key="s")
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 1)
    assert "not a valid phone number" in message.error


def test_a_message_taken_by_a_worker_that_died_is_sent_by_the_sweep():
    message = Message.objects.create(
        key="k",
        kind="t",
        channel="email",
        address="a@example.ma",
        body="b",
        status="sending",
        attempts=1,
        claimed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert delivery.deliver_due() == 1
    message.refresh_from_db()
    assert message.status == "sent" and len(mail.outbox) == 1


def test_only_a_failed_message_is_sent_again_and_as_the_same_row(
    django_capture_on_commit_callbacks, organizer
):
    message = Message.objects.create(
        key="k",
        kind="t",
        channel="email",
        address="a@example.ma",
        body="b",
        status="failed",
        attempts=4,
        error="550 no such user",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.resend(actor=organizer, message=message)
    message.refresh_from_db()
    assert message.status == "sent" and Message.objects.count() == 1
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.resend(actor=organizer, message=message)
    assert len(mail.outbox) == 1


def test_e_mail_reaches_a_real_smtp_server_with_its_arabic_subject_and_body(
    django_capture_on_commit_callbacks,
):
    with (
        SmtpServer() as server,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_USE_TLS=False,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = services.queue(**_email())
    message.refresh_from_db()
    assert message.status == "sent"
    (received,) = server.received
    assert received["Subject"].strip() == ARABIC_SUBJECT
    assert received["To"] == "coop@example.ma"
    assert received.get_content().strip() == ARABIC_BODY


def test_an_smtp_server_that_is_down_is_retried_not_lost(django_capture_on_commit_callbacks):
    with SmtpServer() as server:
        port = server.port  # stopped when the block ends: nothing listens there any more
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = services.queue(**_email())
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1) and message.error
