"""Invitations (issue 19): an organizer invites the representatives of an organization that
applied to an event's call to open their Tadamon account. The invitation goes by SMS and/or
e-mail through the outbox and carries a one-time link; only the hash of the link's token is
stored, so the table alone opens no account.

An invitation is open until it is accepted (the account exists) or cancelled; an open one
past `expires_at` is expired, and sending it again gives it a new token and a new expiry,
which ends the old link. The database keeps one open invitation per organization and event."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tadamon.events.models import Event
from tadamon.registry.models import Organization

# 144 bits: not guessable, and a short link (24 characters) for an SMS.
TOKEN_BYTES = 18


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A random token and its hash; the token goes in the link, the hash in the table."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


class InvitationStatus(models.TextChoices):
    """What the organizer reads for one invitation (computed, not stored)."""

    SENT = "sent", _("sent")
    DELIVERED = "delivered", _("delivered")
    FAILED = "failed", _("not delivered")
    JOINED = "joined", _("joined")
    EXPIRED = "expired", _("expired")
    CANCELLED = "cancelled", _("cancelled")


class InvitationQuerySet(models.QuerySet):
    def open(self) -> "InvitationQuerySet":
        """Neither accepted nor cancelled (expired ones included)."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)

    def pending(self) -> "InvitationQuerySet":
        """Open and not expired: the link works."""
        return self.open().filter(expires_at__gt=timezone.now())


class Invitation(models.Model):
    Status = InvitationStatus

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("joined"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_organization_and_event",
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="invitation_has_phone_or_email"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(cancelled_at__isnull=True),
                name="invitation_not_both_accepted_and_cancelled",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False),
                name="invitation_account_has_join_date",
            ),
            models.CheckConstraint(
                condition=Q(sent_count=0) | Q(last_sent_at__isnull=False),
                name="invitation_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.event}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None

    @property
    def is_expired(self) -> bool:
        return self.is_open and self.expires_at <= timezone.now()

    @property
    def batch(self) -> str:
        """The outbox batch of the latest sending (its messages' delivery)."""
        return batch_name(self.pk, self.sent_count)


def batch_name(pk: int, sent_count: int) -> str:
    return f"invitation:{pk}:{sent_count}"
