"""Booths given to exhibitors, per wave, and the runs of the allocation optimizer."""

import dataclasses
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.runs import BackgroundRun, RunResult
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


@dataclasses.dataclass(frozen=True)
class AllocationResult(RunResult):
    """What an allocation run was asked and achieved, as stored in its ``result`` (see
    services.allocation.store_result). ``input_options`` is set when the run starts; the
    rest once it is done."""

    input_options: dict[str, Any] = dataclasses.field(default_factory=dict)
    status: str | None = None  # the solver's: OPTIMAL, FEASIBLE…
    method: str | None = None
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    exhibitors: int = 0
    booths: int = 0
    waves: list[str] = dataclasses.field(default_factory=list)
    wave_capacity: int | None = None
    adjacent_pairs: int = 0
    placed: int = 0
    unassigned: list[int] = dataclasses.field(default_factory=list)
    wave_loads: dict[str, int] = dataclasses.field(default_factory=dict)
    same_sector_neighbours: int | None = None
    imbalance: dict[str, Any] | None = None
    # Waves the optimizer chose (participation id as text → wave id): the next run may
    # change them, a wave chosen by the exhibitor stays.
    waves_chosen: dict[str, int] = dataclasses.field(default_factory=dict)
    seconds: float | None = None

    @property
    def asked_method(self) -> str | None:
        return self.method or self.input_options.get("method")

    @property
    def sector_zones(self) -> dict[str, list[str]]:
        return self.input_options.get("sector_zones") or {}

    @property
    def optimal(self) -> bool:
        return self.status == "OPTIMAL"


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

    @property
    def outcome(self) -> AllocationResult:
        return AllocationResult.from_json(self.result)
