"""Notices to applicant organizations, in their language: submission received, decision
(accepted / waitlisted / rejected), place offered with its deadline, offer reminder, offer
expired. Bodies are the templates ``calls/email/<name>.txt``; subjects are below.

Every notice goes through the outbox (tadamon/messaging): an e-mail to the organization's
address and to each of its active accounts, the same text in each account's Tadamon inbox,
and, for decisions and offers, a short SMS to the organization's phone. The worker sends them,
retries what the provider could not take, and keeps each one's status for the organizers.
A notice's key names the application and the state it announces, so announcing the same state
twice writes nothing new.

Language: users have no language of their own (the interface keeps the choice in a cookie
only), so the organization decides: Arabic, the platform's first language, unless the
organization's name is written in Latin letters only — then French, the language it
registered in. Every function takes ``language=`` to override this.

Callers inside a transaction use :func:`after_commit`, so that nobody is told about a
decision that was rolled back.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tadamon.calls.models import Application
from tadamon.calls.models import ApplicationStatus as S
from tadamon.messaging import services as outbox
from tadamon.messaging.services import Outgoing
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


def to_organization(organization: Organization, key: str, **common: Any) -> list[Outgoing]:
    """One notice to an organization: an e-mail to each of its addresses (`recipients`) and
    the same text in each active account's inbox, each message keyed under `key`."""
    return [
        Outgoing(channel="email", address=address, key=f"{key}:email:{address.lower()}", **common)
        for address in recipients(organization)
    ] + [
        Outgoing(channel="inbox", user=user, key=f"{key}:inbox:{user.pk}", **common)
        for user in organization.users.filter(is_active=True)
    ]


def _stamp(application: Application) -> str:
    """What makes this announcement of the application's state a new one."""
    moment = application.offer_expires_at or application.decided_at or application.submitted_at
    return f"{application.status}@{moment.isoformat() if moment else ''}"


def _notice(application: Application, name: str, language: str) -> tuple[str, str]:
    with translation.override(language):
        context = _context(application)
        return _subject(name, context), render_to_string(f"calls/email/{name}.txt", context)


def send_message(application: Application, name: str, *, language: str | None = None) -> bool:
    """Queue the notice `name` about `application` by e-mail and to the inboxes of the
    organization's accounts; False when nobody could be written to."""
    organization = application.organization
    language = language or language_for(organization)
    subject, body = _notice(application, name, language)
    key = f"calls.{name}:{application.pk}:{_stamp(application)}:{language}"
    common = {
        "kind": f"calls.{name}",
        "subject": subject,
        "body": body,
        "language": language,
        "event": application.call.event,
        "must_send": True,
    }
    outgoing = to_organization(organization, key, **common)
    if not outgoing:
        logger.info("Nobody to write to at %s; %s not sent.", organization, name)
        return False
    outbox.queue_many(outgoing)
    return True


def send_sms(application: Application, name: str, text: str, language: str) -> bool:
    """Queue `text` by SMS to the organization's phone (most cooperatives read SMS sooner
    than e-mail)."""
    phone = application.organization.phone
    if not phone:
        return False
    outbox.queue(
        channel="sms",
        address=phone,
        body=text,
        kind=f"calls.{name}",
        key=f"calls.{name}:{application.pk}:{_stamp(application)}:{language}:sms:{phone}",
        language=language,
        event=application.call.event,
        must_send=True,
    )
    return True


def notify_submitted(application: Application, *, language: str | None = None) -> bool:
    return send_message(application, "submitted", language=language)


def decision_sms_text(application: Application) -> str:
    texts = {
        S.ACCEPTED: _("Tadamon: %(organization)s is selected for %(event)s. Details by e-mail."),
        S.WAITLISTED: _("Tadamon: %(organization)s is on the waiting list of %(event)s."),
        S.REJECTED: _("Tadamon: %(organization)s was not selected for %(event)s."),
    }
    return texts[application.status] % {
        "event": application.call.event.title,
        "organization": application.organization,
    }


def notify_decision(application: Application, *, language: str | None = None) -> bool:
    """The decision in the application's current status: accepted, waitlisted or rejected,
    by e-mail, inbox and SMS."""
    if application.status not in DECISIONS:
        raise ValueError(f"Not a decision: {application.status}")
    language = language or language_for(application.organization)
    sent = send_message(application, str(application.status), language=language)
    with translation.override(language):
        text = decision_sms_text(application)
    return send_sms(application, str(application.status), text, language) or sent


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
    return send_sms(application, "offer", text, language) or sent


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
