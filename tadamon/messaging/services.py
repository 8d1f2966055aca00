"""Queueing messages, sending one again, and the channels a person opts out of.

Services of every app call :func:`queue` (one message) or :func:`queue_many` (a notice to many
people, a broadcast): the rows are written in the caller's transaction and handed to the task
worker once it commits, so nobody hears of a change that was rolled back and no page waits
for a provider. See tadamon/messaging/models.py for the idempotency `key`."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core import audit
from tadamon.messaging import delivery
from tadamon.messaging.models import Channel, Message, OptOut, Status

# Enough for a provider's call each, small enough that several workers share a broadcast.
TASK_CHUNK = 50


@dataclass(frozen=True)
class Outgoing:
    """One message to queue. `key` names the notice and its recipient (e.g.
    "calls.decision:12:accepted:email:+2126..."); `must_send` ignores the opt-outs (account
    codes, password resets)."""

    channel: str
    body: str
    kind: str
    key: str
    address: str = ""
    user: Any = None
    subject: str = ""
    language: str = ""
    event: Any = None
    batch: str = ""
    must_send: bool = False


def _opted_out(outgoing: Sequence[Outgoing]) -> set[tuple[int, str]]:
    users = {o.user.pk for o in outgoing if o.user is not None and not o.must_send}
    if not users:
        return set()
    return set(OptOut.objects.filter(user_id__in=users).values_list("user_id", "channel"))


def _row(o: Outgoing, now) -> Message:
    delivered = o.channel == Channel.INBOX  # stored is delivered: the inbox is this table
    return Message(
        key=o.key[:200],
        kind=o.kind,
        channel=o.channel,
        user=o.user,
        address="" if o.channel == Channel.INBOX else o.address,
        subject=o.subject[:255],
        body=o.body,
        language=o.language,
        event=o.event,
        batch=o.batch,
        status=Status.SENT if delivered else Status.QUEUED,
        sent_at=now if delivered else None,
    )


def queue_many(outgoing: Iterable[Outgoing]) -> list[Message]:
    """Write the messages not queued before (by key) and not refused by an opt-out, and
    hand those to send to the worker after commit. Returns the new rows."""
    outgoing = [o for o in outgoing if o.channel == Channel.INBOX or o.address]
    refused = _opted_out(outgoing)
    wanted = {
        o.key[:200]: o
        for o in outgoing
        if o.must_send or o.user is None or (o.user.pk, o.channel) not in refused
    }
    if not wanted:
        return []
    known = set(Message.objects.filter(key__in=list(wanted)).values_list("key", flat=True))
    now = timezone.now()
    rows = [_row(o, now) for key, o in wanted.items() if key not in known]
    try:
        # The rows come back with their ids (RETURNING, on PostgreSQL and SQLite alike).
        with transaction.atomic():
            created = Message.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        # A concurrent request queued some of the same keys since: the database keeps one of
        # each, and only the rows written here are ours to send.
        Message.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        created = list(
            Message.objects.filter(key__in=[row.key for row in rows], created_at__gte=now)
        )
    to_send = [m.pk for m in created if m.status == Status.QUEUED]
    if to_send:
        transaction.on_commit(lambda: _enqueue(to_send))
    return created


def queue(**fields: Any) -> Message | None:
    """Queue one message (the fields of :class:`Outgoing`); None when it was queued before
    or the person opted out of the channel."""
    created = queue_many([Outgoing(**fields)])
    return created[0] if created else None


def _enqueue(ids: list[int]) -> None:
    for start in range(0, len(ids), TASK_CHUNK):
        delivery.deliver_messages.enqueue(ids[start : start + TASK_CHUNK])


@transaction.atomic
def resend(*, actor: Any, message: Message) -> Message:
    """Send a failed message again (the same row: whoever got nothing gets it once)."""
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != Status.FAILED:
        raise ValidationError(_("Only a message that failed can be sent again."))
    message.status, message.attempts, message.next_attempt_at = Status.QUEUED, 0, None
    message.save(update_fields=["status", "attempts", "next_attempt_at"])
    audit.record(
        actor=actor,
        action="messaging.message.resent",
        obj=message,
        data={"kind": message.kind, "channel": message.channel, "error": message.error},
    )
    pk = message.pk
    transaction.on_commit(lambda: _enqueue([pk]))
    return message


@transaction.atomic
def set_opt_outs(*, actor: Any, user: Any, channels: Iterable[str]) -> None:
    """The channels on which `user` receives no optional message from now on."""
    if actor.pk != user.pk and not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    wanted = set(channels)
    unknown = wanted - set(Channel.values)
    if unknown:
        raise ValidationError({"channels": _("Unknown channel: %s") % ", ".join(sorted(unknown))})
    before = set(OptOut.objects.filter(user=user).values_list("channel", flat=True))
    if before == wanted:
        return
    OptOut.objects.filter(user=user).exclude(channel__in=wanted).delete()
    OptOut.objects.bulk_create([OptOut(user=user, channel=c) for c in wanted - before])
    audit.record(
        actor=actor,
        action="messaging.optout.changed",
        obj=user,
        changes={"channels": [sorted(before), sorted(wanted)]},
    )


@transaction.atomic
def mark_read(*, user: Any, message: Message) -> None:
    if message.user_id != user.pk:
        raise PermissionDenied
    if message.read_at is None:
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
