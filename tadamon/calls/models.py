"""The call for exhibitors: applications, their review and the selection under quotas.

These models were born in tadamon.events and moved here (issue 16): their tables keep the
names they had there, so that the move changed no table (migrations calls.0001 and
events.0005 moved them in Django's state only)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.i18n import localized
from tadamon.events.models.events import Event, Wave
from tadamon.registry.models import Organization, OrganizationKind, Region, Sector


class Call(models.Model):
    """An event's call for exhibitors, with its eligibility rules and quotas."""

    #: What services, forms and the API may change (tadamon.core.updates.model_update),
    #: besides the eligibility lists (tests/core/test_editable_fields).
    EDITABLE_FIELDS = (
        "opens_on",
        "closes_on",
        "capacity",
        "microcredit_only",
        "founded_before",
        "offer_days",
        "instructions_ar",
        "instructions_fr",
    )

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="call"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    capacity = models.PositiveIntegerField(
        _("places"), help_text=_("Places to fill over all waves (booths × waves).")
    )
    eligible_kinds = models.ManyToManyField(
        OrganizationKind, verbose_name=_("eligible kinds"), blank=True, related_name="+"
    )
    eligible_regions = models.ManyToManyField(
        Region, verbose_name=_("eligible regions"), blank=True, related_name="+"
    )
    eligible_sectors = models.ManyToManyField(
        Sector, verbose_name=_("eligible sectors"), blank=True, related_name="+"
    )
    microcredit_only = models.BooleanField(_("microcredit beneficiaries only"), default=False)
    founded_before = models.PositiveSmallIntegerField(
        _("founded before (year)"), null=True, blank=True
    )
    quotas = models.JSONField(_("quotas"), default=dict, blank=True)
    offer_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    instructions_ar = models.TextField(_("instructions in Arabic"), blank=True)
    instructions_fr = models.TextField(_("instructions in French"), blank=True)

    class Meta:
        db_table = "events_call"
        verbose_name = _("call for exhibitors")
        verbose_name_plural = _("calls for exhibitors")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="call_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return str(self.event)

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The call cannot close before it opens.")})


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    UNDER_REVIEW = "under_review", _("under review")
    ACCEPTED = "accepted", _("accepted")
    WAITLISTED = "waitlisted", _("on the waiting list")
    REJECTED = "rejected", _("not selected")
    OFFERED = "offered", _("place offered")
    EXPIRED = "expired", _("offer expired")
    CONFIRMED = "confirmed", _("confirmed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Application(models.Model):
    """An organization's application to an event's call. Its status changes only through
    tadamon.calls.services.applications, which enforces the allowed transitions."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="applications"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"),
        max_length=14,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    motivation = models.TextField(_("motivation"), blank=True)
    products_text = models.TextField(_("products to exhibit"), blank=True)
    wave_preferences = models.ManyToManyField(
        Wave, verbose_name=_("waves you can attend"), blank=True, related_name="+"
    )
    needs_accessible_booth = models.BooleanField(_("needs an accessible booth"), default=False)
    first_participation = models.BooleanField(_("first participation"), default=False)
    wave = models.ForeignKey(
        Wave,
        verbose_name=_("assigned wave"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, null=True, blank=True, editable=False
    )
    waitlist_rank = models.PositiveIntegerField(_("rank on the waiting list"), null=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "events_application"
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "-score", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="application_once_per_call"
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="offer_has_a_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.call}"


class ScoringCriterion(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=160, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=160, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), default=10, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        db_table = "events_scoringcriterion"
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["call", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_has_points"),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class ReviewAssignment(models.Model):
    """A reviewer asked to score one application (never their own organization's)."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        db_table = "events_reviewassignment"
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application}"


class Score(models.Model):
    assignment = models.ForeignKey(
        ReviewAssignment,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        ScoringCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        db_table = "events_score"
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="one_score_each")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    def clean(self) -> None:
        if (
            self.criterion_id
            and self.points is not None
            and self.points > self.criterion.max_points
        ):
            raise ValidationError(
                {"points": _("At most %(max)s points.") % {"max": self.criterion.max_points}}
            )


class SelectionRun(models.Model):
    """A proposal computed by the selection optimizer; publishing it applies the decisions."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLISHED = "published", _("published")
        DISCARDED = "discarded", _("discarded")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="selection_runs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    quotas = models.JSONField(_("quotas"), default=dict)
    result = models.JSONField(_("result"), default=dict)
    adjustments = models.JSONField(_("adjustments by hand"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        db_table = "events_selectionrun"
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.call} ({self.get_status_display()})"
