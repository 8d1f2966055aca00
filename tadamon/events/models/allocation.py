"""Booths given to exhibitors, per wave, and the runs of the allocation optimizer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.runs import BackgroundRun
from tadamon.events.models.events import Booth, Event, Participation, Wave


class BoothAssignment(models.Model):
    """One exhibitor in one booth for one wave. The database refuses a second exhibitor in
    the same booth and wave, also when two requests race."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="assignments"
    )
    participation = models.OneToOneField(
        Participation,
        verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="booth_assignment",
    )
    wave = models.ForeignKey(
        Wave,
        verbose_name=_("wave"),
        on_delete=models.CASCADE,
        related_name="assignments",
        null=True,
        blank=True,
    )
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now=True)

    class Meta:
        verbose_name = _("booth assignment")
        verbose_name_plural = _("booth assignments")
        ordering = ["event", "wave", "booth"]
        constraints = [
            models.UniqueConstraint(
                fields=["booth", "wave"],
                condition=Q(wave__isnull=False),
                name="one_exhibitor_per_booth_and_wave",
            ),
            models.UniqueConstraint(
                fields=["booth"],
                condition=Q(wave__isnull=True),
                name="one_exhibitor_per_booth_without_waves",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booth} · {self.wave or '-'} · {self.participation.organization}"

    def clean(self) -> None:
        errors = {}
        if self.booth_id and self.event_id and self.booth.event_id != self.event_id:
            errors["booth"] = _("This booth belongs to another event.")
        if self.wave_id and self.event_id and self.wave.event_id != self.event_id:
            errors["wave"] = _("This wave belongs to another event.")
        if self.participation_id and self.participation.event_id != self.event_id:
            errors["participation"] = _("This participation belongs to another event.")
        if errors:
            raise ValidationError(errors)


class AllocationRun(BackgroundRun):
    """One computation of the booths and waves, run in the background with its progress."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="allocation_runs"
    )
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta(BackgroundRun.Meta):
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="progress_is_a_percentage")
        ]

    def __str__(self) -> str:
        return f"{self.event} ({self.get_status_display()})"
