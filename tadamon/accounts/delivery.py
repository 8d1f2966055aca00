"""Every message the accounts send: codes (sign-up, password reset) and notices, by SMS or
e-mail. The allauth adapter (tadamon/accounts/adapter.py) and the registry's claim decisions
call this module only, so that the channel can change here alone (the outbox of issue 19 will
queue them, marked must-send: an account code ignores opt-outs).

SMS texts stay within one part: 70 characters in Arabic (UCS-2), 160 otherwise."""

import logging
from typing import Any

from django.core.mail import EmailMessage, send_mail
from django.utils.translation import gettext as _

from tadamon.core.sms import get_sms_gateway

logger = logging.getLogger("tadamon.accounts")

#: What each kind of code is for, as the SMS says it.
VERIFY_PHONE = "verify_phone"
RESET_PASSWORD = "reset_password"


def code_text(*, kind: str, code: str) -> str:
    """The SMS carrying `code`, in the active language, short enough for one part."""
    if kind == RESET_PASSWORD:
        return _("Tadamon: your code to change your password is %(code)s") % {"code": code}
    return _("Tadamon: your verification code is %(code)s") % {"code": code}


def send_code_sms(*, phone: str, code: str, kind: str, user: Any = None) -> None:
    """Send an account code by SMS. A gateway failure is raised: the person is waiting for
    this code and must not be told it was sent."""
    get_sms_gateway().send(phone, code_text(kind=kind, code=code))
    logger.info("Account code (%s) sent by SMS to user %s", kind, getattr(user, "pk", None))


def send_email(*, message: EmailMessage, kind: str, user: Any = None) -> None:
    """Send an account e-mail (a code, a notice) already rendered by allauth's templates."""
    message.send()
    logger.info("Account e-mail (%s) sent to user %s", kind, getattr(user, "pk", None))


def send_notice(*, user: Any, subject: str, text: str, kind: str) -> bool:
    """Tell a person something about their account: by SMS to their verified phone, else by
    e-mail. Answers whether a channel was found; a failure of the channel is logged, not
    raised (the notice is also shown on their pages)."""
    try:
        if user.phone and user.phone_verified:
            get_sms_gateway().send(str(user.phone), text)
        elif user.email:
            send_mail(subject, text, None, [user.email])
        else:
            return False
    except Exception:  # a notice must not undo the decision that caused it
        logger.exception("Account notice (%s) to user %s failed", kind, user.pk)
        return False
    return True
