"""The invitation's message: an e-mail to the organization's address and a short SMS to its
phone, in the organization's language (tadamon.calls.notifications.language_for), both
through the outbox.

Each sending has its own keys and outbox batch (the invitation and its send count): sending
the invitation again really goes out, while the same sending queued twice is one message."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tadamon.core.sms_length import SmsLength, sms_length
from tadamon.invitations.models import Invitation
from tadamon.messaging import services as outbox
from tadamon.messaging.services import Outgoing

KIND = "invitations.invitation"


def join_link(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("invitations:join", args=[token])


def sms_text(link: str) -> str:
    """Short: an Arabic SMS holds 70 characters; the link alone takes about half of it."""
    return _("Tadamon: open your account: %(link)s") % {"link": link}


def sms_cost(base_url: str, language: str) -> SmsLength:
    """The parts the invitation's SMS costs in `language` (the token's length is fixed)."""
    with translation.override(language):
        return sms_length(sms_text(join_link(base_url, "x" * 24)))


def _email(invitation: Invitation, link: str) -> tuple[str, str]:
    event = invitation.event
    context = {
        "organization": invitation.organization,
        "event_title": event.title,
        "event_dates": _("%(start)s to %(end)s")
        % {
            "start": date_format(event.start_date, "DATE_FORMAT"),
            "end": date_format(event.end_date, "DATE_FORMAT"),
        },
        "link": link,
        "expires": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
    }
    subject = _("Open your Tadamon account for %(event)s") % {"event": event.title}
    return subject, render_to_string("invitations/email/invitation.txt", context)


def queue_invitation(invitation: Invitation, *, token: str, base_url: str) -> int:
    """Queue the current sending of `invitation` (its raw `token` in the link); returns the
    number of messages written."""
    link = join_link(base_url, token)
    language = invitation.language
    with translation.override(language):
        subject, body = _email(invitation, link)
        text = sms_text(link)
    key = f"{KIND}:{invitation.pk}:{invitation.sent_count}"
    common = {
        "kind": KIND,
        "language": language,
        "event": invitation.event,
        "batch": invitation.batch,
        "must_send": True,
    }
    outgoing = []
    if invitation.email:
        outgoing.append(
            Outgoing(
                channel="email",
                address=invitation.email,
                subject=subject,
                body=body,
                key=f"{key}:email:{invitation.email.lower()}",
                **common,
            )
        )
    if invitation.phone:
        outgoing.append(
            Outgoing(
                channel="sms",
                address=invitation.phone,
                body=text,
                key=f"{key}:sms:{invitation.phone}",
                **common,
            )
        )
    return len(outbox.queue_many(outgoing))
