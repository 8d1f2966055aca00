"""Award categories of an event, their juries and their results (SPEC 3I).

A category is either scored by a jury (criteria with weights, several jurors) or computed
from recorded data (largest validated sales, oldest cooperative, oldest artisan in an
endangered craft). Results carry the explanation of their rank, ties included.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.i18n import localized
from tadamon.events.models import Event
from tadamon.registry.models import Organization, Person

# Exactly one winner kind per candidate or result: an organization or a person.
_ONE_WINNER = (Q(organization__isnull=False) & Q(person__isnull=True)) | (
    Q(organization__isnull=True) & Q(person__isnull=False)
)


class AwardCategory(models.Model):
    class Kind(models.TextChoices):
        JURY = "jury", _("scored by a jury")
        COMPUTED = "computed", _("computed from the records")

    class Rule(models.TextChoices):
        LARGEST_SALES = "largest_sales", _("largest validated sales")
        OLDEST_COOPERATIVE = "oldest_cooperative", _("oldest cooperative")
        OLDEST_ENDANGERED_CRAFT_ARTISAN = (
            "oldest_endangered_craft_artisan",
            _("oldest artisan in an endangered craft"),
        )

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="award_categories"
    )
    code = models.SlugField(_("code"), max_length=60)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.JURY)
    rule = models.CharField(_("rule"), max_length=40, choices=Rule.choices, blank=True)
    winners_count = models.PositiveSmallIntegerField(_("number of winners"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    jury_closed_at = models.DateTimeField(_("jury closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ["event", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="award_category_code_unique"),
            models.CheckConstraint(
                condition=(Q(kind="jury") & Q(rule="")) | (Q(kind="computed") & ~Q(rule="")),
                name="award_category_rule_only_when_computed",
            ),
            models.CheckConstraint(
                condition=Q(winners_count__gte=1), name="award_category_has_winners"
            ),
            models.CheckConstraint(
                condition=~Q(name_ar="") | ~Q(name_fr=""), name="award_category_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def is_jury(self) -> bool:
        return self.kind == self.Kind.JURY


class JuryCriterion(models.Model):
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="criteria"
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)

    class Meta:
        verbose_name = _("jury criterion")
        verbose_name_plural = _("jury criteria")
        ordering = ["category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="jury_criterion_weight_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0), name="jury_criterion_max_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class Juror(models.Model):
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="juries",
    )

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(fields=["category", "user"], name="juror_once_per_category")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Candidate(models.Model):
    category = models.ForeignKey(
        AwardCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["category", "id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_WINNER, name="candidate_is_one_winner"),
            models.UniqueConstraint(
                fields=["category", "organization"],
                condition=Q(organization__isnull=False),
                name="candidate_organization_once",
            ),
            models.UniqueConstraint(
                fields=["category", "person"],
                condition=Q(person__isnull=False),
                name="candidate_person_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization or self.person)

    @property
    def organization_id_of_record(self) -> int | None:
        """The organization behind the candidate (a person's own organization)."""
        if self.organization_id:
            return self.organization_id
        return self.person.organization_id if self.person_id else None


class JuryScore(models.Model):
    juror = models.ForeignKey(
        Juror, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="scores"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        JuryCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "candidate", "criterion"], name="jury_score_once"
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="jury_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.candidate}: {self.points}"


class AwardResult(models.Model):
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="results"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="awards",
        null=True,
        blank=True,
    )
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    score = models.DecimalField(_("score"), max_digits=14, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    manual = models.BooleanField(_("recorded by hand"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("award result")
        verbose_name_plural = _("award results")
        ordering = ["category", "rank", "id"]
        constraints = [
            models.CheckConstraint(condition=_ONE_WINNER, name="award_result_is_one_winner"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="award_result_rank_positive"),
            models.UniqueConstraint(
                fields=["category", "organization"],
                condition=Q(organization__isnull=False),
                name="award_result_organization_once",
            ),
            models.UniqueConstraint(
                fields=["category", "person"],
                condition=Q(person__isnull=False),
                name="award_result_person_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization or self.person)

    @property
    def winner(self) -> Organization | Person | None:
        return self.organization or self.person
