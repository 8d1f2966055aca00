"""Daily sales declarations of an event's exhibitors (SPEC 3H).

A declaration is never edited in place once recorded: a correction is a new row pointing
at the one it replaces, which is marked superseded, so the history of what was declared
stays readable. `client_uuid` is the idempotence key a phone attaches to each declaration
so that a resubmission after a dropped connection never counts twice.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.events.models import Event
from tadamon.registry.models import Organization, Product

DEFAULT_CEILING_MAD = Decimal("1000000.00")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("cash")
    CARD = "card", _("card")
    TRANSFER = "transfer", _("bank transfer")
    MOBILE = "mobile", _("mobile payment")
    OTHER = "other", _("other")


class SalesCeiling(models.Model):
    """The largest amount one declaration may carry at an event (a typo guard)."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sales_ceiling"
    )
    max_amount_mad = models.DecimalField(
        _("largest daily amount (MAD)"),
        max_digits=12,
        decimal_places=2,
        default=DEFAULT_CEILING_MAD,
    )

    class Meta:
        verbose_name = _("sales ceiling")
        verbose_name_plural = _("sales ceilings")
        constraints = [
            models.CheckConstraint(condition=Q(max_amount_mad__gt=0), name="sales_ceiling_positive")
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.max_amount_mad}"


class SalesDeclaration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        VALIDATED = "validated", _("validated")
        QUERIED = "queried", _("queried")
        REJECTED = "rejected", _("rejected")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sales"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="sales_declarations",
    )
    date = models.DateField(_("date"))
    amount_mad = models.DecimalField(_("amount (MAD)"), max_digits=12, decimal_places=2)
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.SET_NULL,
        related_name="sales_declarations",
        null=True,
        blank=True,
    )
    payment_method = models.CharField(
        _("payment method"), max_length=12, choices=PaymentMethod.choices, blank=True
    )
    client_uuid = models.UUIDField(_("device id"), unique=True, default=uuid.uuid4)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("validated by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    query_reason = models.TextField(_("query reason"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
    )
    superseded = models.BooleanField(_("superseded"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("sales declaration")
        verbose_name_plural = _("sales declarations")
        ordering = ["event", "date", "organization", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_mad__gte=0), name="sales_amount_not_negative")
        ]
        indexes = [models.Index(fields=["event", "status", "superseded"])]

    def __str__(self) -> str:
        return f"{self.organization} {self.date}: {self.amount_mad} MAD"
