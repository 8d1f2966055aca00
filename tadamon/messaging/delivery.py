"""Sending what the outbox holds: the task the worker runs, the retries, the sweep.

A message is claimed (queued → sending, by one worker only: an UPDATE that checks the status),
sent through its channel, then marked sent with the provider's id, or queued again for a later
attempt when the provider may take it later (no answer, a server error), or failed with the
provider's answer when it will not (a refused number) or after the last attempt. Retries wait
longer each time (BACKOFF); a backend that can defer a task (RQ with its scheduler) is asked
to run it then, and the sweep (`manage.py deliver_outbox`, run by the worker) picks up what is
due in any case, so no message waits forever on a lost task."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tadamon.core.sms import SmsError, get_sms_gateway
from tadamon.messaging.models import Channel, Message, Status

logger = logging.getLogger("tadamon.messaging")

# Seconds before the 2nd, 3rd, ... attempt; the number of attempts is one more than this.
BACKOFF = (60, 300, 1800)
# A message still "sending" after this was taken by a worker that died: it is sent again.
STALE_SENDING = datetime.timedelta(minutes=15)


class DeliveryError(Exception):
    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def max_attempts() -> int:
    return getattr(settings, "TADAMON_OUTBOX_ATTEMPTS", len(BACKOFF) + 1)


def _send_email(message: Message) -> str:
    mail = EmailMessage(
        message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.address]
    )
    try:
        mail.send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
        raise DeliveryError(str(exc), retryable=False) from exc
    except smtplib.SMTPResponseException as exc:
        # 4xx: the server asks to try later; 5xx: it will never take this message.
        raise DeliveryError(
            f"{exc.smtp_code} {exc.smtp_error!r}", retryable=exc.smtp_code < 500
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(str(exc) or type(exc).__name__, retryable=True) from exc
    # django-anymail puts the provider's id on the message; Django's backends have none.
    status = getattr(mail, "anymail_status", None)
    return str(getattr(status, "message_id", "") or "")


def _send_sms(message: Message) -> str:
    try:
        return get_sms_gateway().send(message.address, message.body)
    except SmsError as exc:
        raise DeliveryError(str(exc), retryable=exc.retryable) from exc


_TRANSPORTS = {Channel.EMAIL: _send_email, Channel.SMS: _send_sms}


def _claim(pk: int, now: datetime.datetime) -> Message | None:
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = (
        Message.objects.filter(due, pk=pk, status=Status.QUEUED)
        .exclude(channel=Channel.INBOX)
        .update(
            status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=None, claimed_at=now
        )
    )
    return Message.objects.get(pk=pk) if claimed else None


def _defer(pk: int, when: datetime.datetime) -> None:
    if deliver_messages.get_backend().supports_defer:
        deliver_messages.using(run_after=when).enqueue([pk])


def send_one(pk: int, *, now: datetime.datetime | None = None) -> str | None:
    """Send message `pk` if it is due; its status afterwards (None: not ours to send)."""
    now = now or timezone.now()
    message = _claim(pk, now)
    if message is None:
        return None
    try:
        provider_id = _TRANSPORTS[message.channel](message)
    except DeliveryError as exc:
        error, retryable = str(exc), exc.retryable
    except Exception as exc:  # a bug must not leave the message "sending" forever
        logger.exception("Sending message %s failed", pk)
        error, retryable = _("Unexpected error: %s") % type(exc).__name__, True
    else:
        Message.objects.filter(pk=pk).update(
            status=Status.SENT, sent_at=timezone.now(), provider_id=provider_id[:100], error=""
        )
        return Status.SENT
    if retryable and message.attempts < max_attempts():
        delay = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
        when = now + datetime.timedelta(seconds=delay)
        Message.objects.filter(pk=pk).update(
            status=Status.QUEUED, next_attempt_at=when, error=error
        )
        _defer(pk, when)
        return Status.QUEUED
    logger.warning("Message %s failed after %s attempts: %s", pk, message.attempts, error)
    Message.objects.filter(pk=pk).update(status=Status.FAILED, error=error)
    return Status.FAILED


@task()
def deliver_messages(ids: list[int]) -> None:
    """The worker's task: send each of these messages that is due."""
    for pk in ids:
        send_one(pk)


def deliver_due(*, now: datetime.datetime | None = None, limit: int = 1000) -> int:
    """Send what is due (retries whose time came, messages whose task was lost); returns how
    many were tried."""
    now = now or timezone.now()
    Message.objects.filter(status=Status.SENDING, claimed_at__lt=now - STALE_SENDING).update(
        status=Status.QUEUED
    )
    due = (
        Message.objects.filter(status=Status.QUEUED)
        .exclude(channel=Channel.INBOX)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    ids = list(due)
    for pk in ids:
        send_one(pk, now=now)
    return len(ids)
