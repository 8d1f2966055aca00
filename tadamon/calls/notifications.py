"""E-mails (and, for offers, an SMS) to applicant organizations, in their language.

Messages: submission received, decision (accepted / waitlisted / rejected), place offered with
its deadline, offer reminder, offer expired. Bodies are the templates
``calls/email/<name>.txt``; subjects are below. They go through Django's mail backends
(``EMAIL_BACKEND``: the console by default, SMTP in production) from
``settings.DEFAULT_FROM_EMAIL``, and SMS through ``tadamon.core.sms.get_sms_gateway()``.

Recipients: the organization's e-mail and the e-mails of its active user accounts.

Language: users have no language of their own (the interface keeps the choice in a cookie
only), so the organization decides: Arabic, the platform's first language, unless the
organization's name is written in Latin letters only — then French, the language it
registered in. Every function takes ``language=`` to override this.

Callers inside a transaction use :func:`after_commit`, so that nobody is told about a
decision that was rolled back. Sending never raises: a mail server that is down is logged,
and the decision stands (the exhibitor also sees it in the portal).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.core.sms import get_sms_gateway
from tadamon.registry.models import Organization

logger = logging.getLogger("tadamon.notifications")

DECISIONS = frozenset({S.ACCEPTED, S.WAITLISTED, S.REJECTED})


def language_for(organization: Organization) -> str:
    """The language of the organization's messages (see the module's docstring)."""
    return "fr" if organization.name_fr and not organization.name_ar else "ar"


def recipients(organization: Organization) -> list[str]:
    """The organization's e-mail and those of its active users, each once."""
    addresses = [organization.email] + [
        user.email for user in organization.users.filter(is_active=True).exclude(email="")
    ]
    seen: dict[str, str] = {}
    for address in addresses:
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


def _deadline(application: Application) -> str:
    if application.offer_expires_at is None:
        return ""
    return date_format(timezone.localtime(application.offer_expires_at), "DATETIME_FORMAT")


def _context(application: Application) -> dict[str, Any]:
    """Rendered inside the recipient's language, so titles and dates follow it."""
    event = application.call.event
    return {
        "application": application,
        "organization": application.organization,
        "event": event,
        "event_title": event.title,
        "event_dates": _("%(start)s to %(end)s")
        % {
            "start": date_format(event.start_date, "DATE_FORMAT"),
            "end": date_format(event.end_date, "DATE_FORMAT"),
        },
        "status": S(application.status).label,
        "wave": application.wave.name if application.wave_id else "",
        "deadline": _deadline(application),
        "rank": application.waitlist_rank,
    }


def _subject(name: str, context: dict[str, Any]) -> str:
    subjects = {
        "submitted": _("Your application to %(event)s was received"),
        "accepted": _("You are selected for %(event)s"),
        "waitlisted": _("Your application to %(event)s is on the waiting list"),
        "rejected": _("Your application to %(event)s was not selected"),
        "offer": _("A place at %(event)s is offered to you"),
        "offer_reminder": _("Reminder: answer the offer of a place at %(event)s"),
        "offer_expired": _("The offer of a place at %(event)s has expired"),
    }
    return subjects[name] % {"event": context["event_title"]}


def send_message(application: Application, name: str, *, language: str | None = None) -> bool:
    """Send the e-mail `name` about `application`; False when nobody could be written to."""
    organization = application.organization
    to = recipients(organization)
    if not to:
        logger.info("No e-mail address for %s; %s not sent.", organization, name)
        return False
    with translation.override(language or language_for(organization)):
        context = _context(application)
        subject = _subject(name, context)
        body = render_to_string(f"calls/email/{name}.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except Exception:  # the decision stands; a mail server that is down must not undo it
        logger.exception("Could not send %s about application %s.", name, application.pk)
        return False
    return True


def send_sms(organization: Organization, text: str) -> bool:
    if not organization.phone:
        return False
    try:
        get_sms_gateway().send(organization.phone, text)
    except Exception:  # an SMS is a courtesy on top of the e-mail
        logger.exception("Could not send an SMS to %s.", organization)
        return False
    return True


def notify_submitted(application: Application, *, language: str | None = None) -> bool:
    return send_message(application, "submitted", language=language)


def notify_decision(application: Application, *, language: str | None = None) -> bool:
    """The decision in the application's current status: accepted, waitlisted or rejected."""
    if application.status not in DECISIONS:
        raise ValueError(f"Not a decision: {application.status}")
    return send_message(application, str(application.status), language=language)


def offer_sms_text(application: Application) -> str:
    text = _(
        "Tadamon: a place at %(event)s is offered to %(organization)s. Answer before %(deadline)s."
    )
    return text % {
        "event": application.call.event.title,
        "organization": application.organization,
        "deadline": _deadline(application),
    }


def notify_offer(application: Application, *, language: str | None = None) -> bool:
    """E-mail and, when the organization has a phone, a short SMS with the deadline."""
    language = language or language_for(application.organization)
    sent = send_message(application, "offer", language=language)
    with translation.override(language):
        text = offer_sms_text(application)
    return send_sms(application.organization, text) or sent


def notify_offer_reminder(application: Application, *, language: str | None = None) -> bool:
    return send_message(application, "offer_reminder", language=language)


def notify_offer_expired(application: Application, *, language: str | None = None) -> bool:
    return send_message(application, "offer_expired", language=language)


def after_commit(notify: Callable[[Application], Any], application: Application) -> None:
    """Call `notify(application)` once the current transaction commits (at once outside)."""
    pk = application.pk

    def send() -> None:
        # Reloaded: the message states what was committed, not an object changed since.
        fresh = (
            Application.objects.select_related("call__event", "organization", "wave")
            .filter(pk=pk)
            .first()
        )
        if fresh is not None:
            notify(fresh)

    transaction.on_commit(send)
