"""Visitor counts (SPEC 3G): gates of an event and the tally of each gate per day, and the
optional free registration of visitors with a QR badge.

These models were born in tadamon.events and moved here (issue 16): their tables keep the
names they had there, so that the move changed no table (migrations visitors.0001 and
events.0006 moved them in Django's state only)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.events.models.events import Event

# A gate never lets a million people through in a day: a larger figure is a typing slip.
MAX_DAILY_COUNT = 1_000_000


class Gate(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="gates"
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        db_table = "events_gate"
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        ordering = ["event", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="gate_name_unique_in_event")
        ]

    def __str__(self) -> str:
        return self.name


class VisitorCount(models.Model):
    """The count of one gate on one day. Gate agents send a running count during the day
    and a final one at closing; each replaces the previous (the audit trail keeps them)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="visitor_counts"
    )
    gate = models.ForeignKey(
        Gate, verbose_name=_("gate"), on_delete=models.CASCADE, related_name="counts"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("visitors"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "events_visitorcount"
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        ordering = ["event", "date", "gate__position", "gate_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "date"], name="visitor_count_once_per_gate_day"
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0) & Q(count__lte=MAX_DAILY_COUNT),
                name="visitor_count_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gate} {self.date}: {self.count}"


class VisitorRegistration(models.Model):
    """A visitor who registered (free) and holds a badge. The badge's QR code carries the
    badge address; the gate records the arrival. Counts at the gates stay the visitor
    figure: registered visitors are counted there too."""

    class Gender(models.TextChoices):
        FEMALE = "f", _("woman")
        MALE = "m", _("man")

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="visitor_registrations",
    )
    code = models.UUIDField(_("badge code"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    commune_name = models.CharField(_("commune"), max_length=120, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    arrival_gate = models.ForeignKey(
        Gate,
        verbose_name=_("gate of arrival"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        db_table = "events_visitorregistration"
        verbose_name = _("visitor registration")
        verbose_name_plural = _("visitor registrations")
        ordering = ["event", "-registered_at", "-id"]
        constraints = [
            # One badge per phone number and event: registering again finds the same badge.
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=~Q(phone=""),
                name="visitor_registration_phone_once",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="visitor_registration_named"),
        ]

    def __str__(self) -> str:
        return self.name
