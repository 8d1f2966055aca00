"""Events, their series, partners, waves, booths and the organizations taking part."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.i18n import localized, reads_arabic
from tadamon.registry.models import Organization, Province, Region


class EventKind(models.TextChoices):
    BAZAAR = "bazaar", _("solidarity bazaar")
    MOBILE_MARKET = "mobile_market", _("mobile market")
    REGIONAL_EXHIBITION = "regional_exhibition", _("regional exhibition")
    NATIONAL_FAIR = "national_fair", _("national fair")
    TRAINING_PROGRAMME = "training_programme", _("training programme")


class EventSeries(models.Model):
    """Recurring events whose editions are compared (E4 is the 3rd edition of one)."""

    name_ar = models.CharField(_("name in Arabic"), max_length=255, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name_fr", "name_ar"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ar="") | ~Q(name_fr=""), name="series_has_a_name"
            )
        ]

    def __str__(self) -> str:
        return localized(self, "name")


class Event(models.Model):
    #: What services, forms and the API may change (tadamon.core.updates.model_update); the
    #: form's fields and the API's event bodies are these names (tests/core/test_editable_fields).
    EDITABLE_FIELDS = (
        "kind",
        "title_ar",
        "title_fr",
        "theme_ar",
        "theme_fr",
        "series",
        "edition",
        "organizer",
        "region",
        "province",
        "city",
        "venue",
        "start_date",
        "end_date",
        "opening_hours",
        "area_m2",
        "description_ar",
        "description_fr",
        "is_published",
        "visitor_registration",
    )

    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title_ar = models.CharField(_("title in Arabic"), max_length=255, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    theme_ar = models.CharField(_("theme in Arabic"), max_length=255, blank=True)
    theme_fr = models.CharField(_("theme in French"), max_length=255, blank=True)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="editions",
        null=True,
        blank=True,
    )
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    visitor_registration = models.BooleanField(
        _("free visitor registration"),
        default=False,
        help_text=_(
            "Visitors may register on the event's public page and receive a badge with a QR code."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="event_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(title_ar="") | ~Q(title_fr=""), name="event_has_a_title"
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                condition=Q(series__isnull=False, edition__isnull=False),
                name="event_edition_unique_in_series",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if not self.title_ar.strip() and not self.title_fr.strip():
            errors["title_ar"] = _("Give the title in Arabic or in French.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        if self.province_id and self.region_id and self.province.region_id != self.region_id:
            errors["province"] = _("This province is not in the chosen region.")
        if self.series_id and self.edition:
            clash = Event.objects.filter(series=self.series, edition=self.edition)
            if clash.exclude(pk=self.pk).exists():
                errors["edition"] = _("This series already has an edition with this number.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def theme(self) -> str:
        return localized(self, "theme")

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def previous_edition(self) -> "Event | None":
        if not self.series_id or not self.edition:
            return None
        return (
            Event.objects.filter(series=self.series, edition__lt=self.edition)
            .order_by("-edition")
            .first()
        )


class EventPartner(models.Model):
    class Role(models.TextChoices):
        CO_ORGANIZER = "co_organizer", _("co-organizer")
        SPONSOR = "sponsor", _("sponsor")
        INSTITUTIONAL = "institutional_partner", _("institutional partner")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="partners"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"], name="partner_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Wave(models.Model):
    """A period of a long event with its own exhibitors (E1's three months)."""

    EDITABLE_FIELDS = ("label", "label_ar", "start_date", "end_date", "capacity")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="waves"
    )
    # `label` names the wave everywhere (API, quotas, the optimizer's input); `label_ar` is
    # only how Arabic pages show it, since labels are often month names typed in French.
    label = models.CharField(_("label"), max_length=120)
    label_ar = models.CharField(
        _("label in Arabic"),
        max_length=120,
        blank=True,
        help_text=_("Shown on Arabic pages; the label is shown when it is empty."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: as many as the booths.")
    )

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["event", "start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "label"], name="wave_label_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="wave_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label as the reader's language shows it."""
        if self.label_ar and reads_arabic():
            return self.label_ar
        return self.label

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The wave cannot end before it starts.")
        event = self.event if self.event_id else None
        if event and self.start_date and self.start_date < event.start_date:
            errors["start_date"] = _("The wave starts before the event.")
        if event and self.end_date and self.end_date > event.end_date:
            errors["end_date"] = _("The wave ends after the event.")
        if errors:
            raise ValidationError(errors)


class Booth(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="booths"
    )
    code = models.CharField(_("code"), max_length=20)
    zone = models.CharField(_("zone"), max_length=60, blank=True)
    size_m2 = models.DecimalField(
        _("size (m²)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    row = models.PositiveSmallIntegerField(_("row"), null=True, blank=True)
    column = models.PositiveSmallIntegerField(_("column"), null=True, blank=True)
    accessible = models.BooleanField(_("accessible"), default=False)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["event", "zone", "row", "column", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="booth_code_unique"),
            models.CheckConstraint(
                condition=Q(size_m2__isnull=True) | Q(size_m2__gt=0), name="booth_size_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Participation(models.Model):
    """An organization's presence at an event; `confirmed` counts as an exhibitor."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        DIRECT = "direct", _("registered by the organizer")
        CALL = "call", _("selected through the call")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    wave = models.ForeignKey(
        Wave,
        verbose_name=_("wave"),
        on_delete=models.PROTECT,
        related_name="participations",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.DIRECT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "wave", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="participation_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.event}"

    def clean(self) -> None:
        # The wave may stay empty until the allocation assigns one.
        if self.wave_id and self.event_id and self.wave.event_id != self.event_id:
            raise ValidationError({"wave": _("This wave belongs to another event.")})
