"""Reading the outbox: a person's inbox, and the delivery of a set of messages."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from tadamon.messaging.models import Channel, Message, OptOut, Status


def inbox_of(user: Any) -> QuerySet:
    return Message.objects.filter(user=user, channel=Channel.INBOX).order_by("-created_at")


def unread_count(user: Any) -> int:
    return inbox_of(user).filter(read_at__isnull=True).count()


def opted_out_channels(user: Any) -> set[str]:
    return set(OptOut.objects.filter(user=user).values_list("channel", flat=True))


def delivery_counts(messages: QuerySet) -> dict[str, dict[str, int]]:
    """{channel: {status: count}} for these messages, every status present (0 when none)."""
    rows = messages.values("channel").annotate(
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values}
    )
    counts = {row["channel"]: {s: row[s] for s in Status.values} for row in rows}
    return {c: counts[c] for c in Channel.values if c in counts}
