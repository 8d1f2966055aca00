"""A broadcast: one message an event's managers write to its exhibitors, chosen by status,
wave, sector and province, in Arabic and/or French, by e-mail, SMS and the in-app inbox.

The broadcast keeps what was written and to whom (its filters); the messages themselves are
rows of the outbox (tadamon/messaging) with `batch = "broadcast:<pk>"`, one per recipient and
channel, so that their delivery is counted and sending the broadcast again reaches nobody
twice."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Broadcast(models.Model):
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="broadcasts",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    # The form's one-time token: a confirmation posted twice (a double click, a retried
    # request) is the same broadcast.
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    # {"application_statuses": [...], "participation_statuses": [...], "waves": [pk...],
    #  "sectors": [pk...], "provinces": [pk...]}; see selectors.Audience.
    filters = models.JSONField(_("recipients chosen by"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    text_ar = models.TextField(_("text in Arabic"), blank=True)
    text_fr = models.TextField(_("text in French"), blank=True)
    by_email = models.BooleanField(_("by e-mail"), default=False)
    by_sms = models.BooleanField(_("by SMS"), default=False)
    by_inbox = models.BooleanField(_("in the Tadamon inbox"), default=False)
    organizations = models.PositiveIntegerField(_("organizations"), default=0)
    messages_queued = models.PositiveIntegerField(_("messages queued"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(subject=""), name="broadcast_has_subject"),
            models.CheckConstraint(
                condition=~Q(text_ar="") | ~Q(text_fr=""), name="broadcast_has_text"
            ),
            models.CheckConstraint(
                condition=Q(by_email=True) | Q(by_sms=True) | Q(by_inbox=True),
                name="broadcast_has_channel",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def batch(self) -> str:
        """The outbox batch of its messages."""
        return f"broadcast:{self.pk}"

    @property
    def channels(self) -> list[str]:
        chosen = (("email", self.by_email), ("sms", self.by_sms), ("inbox", self.by_inbox))
        return [channel for channel, on in chosen if on]

    def text_for(self, language: str) -> tuple[str, str]:
        """The text a reader of `language` gets, and its language: the other text when only
        one was written."""
        texts = {"ar": self.text_ar.strip(), "fr": self.text_fr.strip()}
        if texts.get(language):
            return texts[language], language
        other = "fr" if language == "ar" else "ar"
        return texts[other], other
