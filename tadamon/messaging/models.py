"""The outbox: every message Tadamon sends, by e-mail, SMS or to the in-app inbox, is a row
here first. The request only writes the row; the task worker sends it (tadamon/messaging/
delivery.py), so a slow provider never holds a page, and the row keeps what happened: queued,
sent with the provider's id, or failed with the provider's answer.

`key` makes queueing idempotent: the same notice for the same recipient is one row whatever
the number of times a service asks for it, so a retried request or a resent broadcast never
reaches anyone twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    INBOX = "inbox", _("inbox")


class Status(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Message(models.Model):
    Channel = Channel
    Status = Status

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=60)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    address = models.CharField(_("address"), max_length=254, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    # The event a message is about (organizers read the delivery of their event's messages),
    # and the batch it was sent with (a broadcast, say), to count its deliveries.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="messages",
        null=True,
        blank=True,
    )
    batch = models.CharField(_("batch"), max_length=60, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("taken by the worker"), null=True, blank=True)
    error = models.TextField(_("provider's answer"), blank=True)
    provider_id = models.CharField(_("provider's id"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due"),
            models.Index(fields=["user", "channel", "-created_at"], name="message_inbox"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="message_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="message_status_known"
            ),
            # An inbox message belongs to an account; e-mail and SMS need an address.
            models.CheckConstraint(
                condition=(Q(channel="inbox") & Q(user__isnull=False))
                | (~Q(channel="inbox") & ~Q(address="")),
                name="message_has_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="message_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.address or self.user}: {self.kind}"


class OptOut(models.Model):
    """A person does not want optional messages (broadcasts) on this channel. Messages that
    must arrive, an account code say, are sent anyway."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="message_opt_outs",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["user", "channel"], name="optout_once_per_channel"),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="optout_channel_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_channel_display()}"
