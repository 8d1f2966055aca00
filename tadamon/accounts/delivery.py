"""Every message the accounts send: codes (sign-up, password reset) and notices, by SMS or
e-mail. The allauth adapter (tadamon/accounts/adapter.py) and the registry's claim decisions
call this module only.

They go through the outbox (tadamon/messaging) like every other message, marked must-send: an
account code ignores opt-outs. The worker sends them; a code whose sending failed at once (the
in-process task backend sends right after the request's transaction) is reported by
:func:`send_code_sms` so that the page can offer a new one.

SMS texts stay within one part: 70 characters in Arabic (UCS-2), 160 otherwise."""

import logging
import uuid
from typing import Any

from django.core.mail import EmailMessage
from django.utils import translation
from django.utils.translation import gettext as _

from tadamon.core.sms import SmsError
from tadamon.messaging import services as outbox
from tadamon.messaging.models import Message

logger = logging.getLogger("tadamon.accounts")

#: What each kind of code is for, as the SMS says it.
VERIFY_PHONE = "verify_phone"
RESET_PASSWORD = "reset_password"


def code_text(*, kind: str, code: str) -> str:
    """The SMS carrying `code`, in the active language, short enough for one part."""
    if kind == RESET_PASSWORD:
        return _("Tadamon: your code to change your password is %(code)s") % {"code": code}
    return _("Tadamon: your verification code is %(code)s") % {"code": code}


def _key(kind: str, user: Any) -> str:
    # Each code asked for is a message of its own: asking again sends again.
    return f"accounts.{kind}:{getattr(user, 'pk', '-')}:{uuid.uuid4().hex}"


def send_code_sms(*, phone: str, code: str, kind: str, user: Any = None) -> None:
    """Queue an account code by SMS. Raises SmsError when the provider already refused it
    (sent at once), so that the person is not told a code is on its way."""
    message = outbox.queue(
        channel="sms",
        address=phone,
        user=user if getattr(user, "pk", None) else None,
        body=code_text(kind=kind, code=code),
        kind=f"accounts.{kind}",
        key=_key(kind, user),
        language=translation.get_language() or "",
        must_send=True,
    )
    logger.info("Account code (%s) queued by SMS for user %s", kind, getattr(user, "pk", None))
    if message is None:
        return
    message.refresh_from_db(fields=["status", "error"])
    if message.status == Message.Status.FAILED or (
        message.status == Message.Status.QUEUED and message.error
    ):
        raise SmsError(message.error, retryable=message.status == Message.Status.QUEUED)


def send_email(*, message: EmailMessage, kind: str, user: Any = None) -> None:
    """Queue an account e-mail (a code, a notice) already rendered by allauth's templates."""
    for address in message.to:
        outbox.queue(
            channel="email",
            address=address,
            user=user if getattr(user, "pk", None) else None,
            subject=message.subject,
            body=message.body,
            kind=f"accounts.{kind}",
            key=_key(kind, user),
            language=translation.get_language() or "",
            must_send=True,
        )
    logger.info("Account e-mail (%s) queued for user %s", kind, getattr(user, "pk", None))


def send_notice(*, user: Any, subject: str, text: str, kind: str) -> bool:
    """Tell a person something about their account: by SMS to their verified phone, else by
    e-mail, and in their Tadamon inbox. Answers whether a channel was found."""
    common = {"user": user, "kind": f"accounts.{kind}", "must_send": True}
    common["language"] = translation.get_language() or ""
    outbox.queue(channel="inbox", subject=subject, body=text, key=_key(kind, user), **common)
    if user.phone and user.phone_verified:
        outbox.queue(
            channel="sms", address=str(user.phone), body=text, key=_key(kind, user), **common
        )
    elif user.email:
        outbox.queue(
            channel="email",
            address=user.email,
            subject=subject,
            body=text,
            key=_key(kind, user),
            **common,
        )
    else:
        return False
    return True
