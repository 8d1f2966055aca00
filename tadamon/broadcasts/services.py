"""Sending a broadcast: the request writes the broadcast and its messages (in bulk, in the
outbox) and hands them to the task worker after commit; it sends nothing itself.

Each message's key names the broadcast, the channel and the address or account, so queueing
the same broadcast again writes only the messages of recipients it did not have yet (an
organization accepted since, say) and reaches nobody twice."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tadamon.broadcasts import selectors
from tadamon.broadcasts.models import Broadcast
from tadamon.broadcasts.selectors import Audience
from tadamon.calls.notifications import language_for
from tadamon.core import audit
from tadamon.events.access import can_manage_event
from tadamon.events.models import Event
from tadamon.messaging import services as outbox
from tadamon.messaging.models import Channel, Message
from tadamon.messaging.services import Outgoing

KIND = "broadcast"


def _check(subject: str, text_ar: str, text_fr: str, channels: set[str]) -> None:
    errors: dict[str, str] = {}
    if not subject.strip():
        errors["subject"] = _("Write a subject.")
    if not text_ar.strip() and not text_fr.strip():
        errors["text_ar"] = _("Write the text in Arabic, in French or in both.")
    if not channels:
        errors["channels"] = _("Choose at least one channel.")
    elif channels - set(Channel.values):
        errors["channels"] = _("Unknown channel.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def send_broadcast(
    *,
    actor: Any,
    event: Event,
    audience: Audience,
    subject: str,
    text_ar: str = "",
    text_fr: str = "",
    channels: Iterable[str],
    token: uuid.UUID | None = None,
) -> Broadcast:
    """Write a broadcast to the organizations `audience` designates and queue its messages.
    The same `token` (the form's) returns the broadcast already sent, without a new message."""
    if not can_manage_event(actor, event):
        raise PermissionDenied
    if token is not None:
        known = Broadcast.objects.filter(token=token).first()
        if known is not None:
            if known.event_id != event.pk:
                raise ValidationError(_("This form was already used for another event."))
            return known
    channels = set(channels)
    _check(subject, text_ar, text_fr, channels)
    organizations = list(selectors.audience(event, audience))
    if not organizations:
        raise ValidationError(_("No organization matches these filters."))
    broadcast = Broadcast(
        event=event,
        author=actor,
        filters=audience.as_json(),
        subject=subject.strip(),
        text_ar=text_ar.strip(),
        text_fr=text_fr.strip(),
        by_email=Channel.EMAIL in channels,
        by_sms=Channel.SMS in channels,
        by_inbox=Channel.INBOX in channels,
        organizations=len(organizations),
    )
    if token is not None:
        broadcast.token = token
    broadcast.full_clean()
    try:
        with transaction.atomic():
            broadcast.save()
    except IntegrityError:
        # The same confirmation, posted twice at once: the first one sends it.
        return Broadcast.objects.get(token=broadcast.token, event=event)
    queued = queue_broadcast(broadcast, organizations=organizations)
    broadcast.messages_queued = len(queued)
    broadcast.save(update_fields=["messages_queued"])
    audit.record(
        actor=actor,
        action="broadcasts.broadcast.sent",
        obj=broadcast,
        created=True,
        data={
            "event": event.pk,
            "organizations": len(organizations),
            "messages": len(queued),
            "channels": broadcast.channels,
        },
    )
    return broadcast


def queue_broadcast(broadcast: Broadcast, *, organizations: list | None = None) -> list[Message]:
    """Queue the messages of `broadcast` not queued before (opt-outs honoured): each
    organization's text in its language on each channel chosen. Returns the new messages."""
    if organizations is None:
        organizations = list(
            selectors.audience(broadcast.event, Audience.from_json(broadcast.filters))
        )
    found = selectors.recipients(organizations, broadcast.channels)
    texts: dict[int, tuple[str, str]] = {}
    outgoing = []
    for recipient in found:
        organization = recipient.organization
        if organization.pk not in texts:
            texts[organization.pk] = broadcast.text_for(language_for(organization))
        body, language = texts[organization.pk]
        outgoing.append(
            Outgoing(
                channel=recipient.channel,
                address=recipient.address,
                user=recipient.user,
                subject=broadcast.subject,
                body=body,
                kind=KIND,
                key=f"{broadcast.batch}:{recipient.channel}:{recipient.key}",
                language=language,
                event=broadcast.event,
                batch=broadcast.batch,
                must_send=False,
            )
        )
    return outbox.queue_many(outgoing)
