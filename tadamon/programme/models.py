"""Sessions of an event's programme, registrations, attendance and certificates."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.i18n import localized
from tadamon.core.runs import BackgroundRun
from tadamon.core.uploads import UploadTo
from tadamon.events.models import Event
from tadamon.registry.models import Commune, Organization, Person, TrilingualName


class Topic(TrilingualName):
    """A training topic from one shared taxonomy (marketing, e-commerce, weaving...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "code"]


class SessionKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    TRAINING = "training", _("training")
    SEMINAR = "seminar", _("seminar")
    CEREMONY = "ceremony", _("ceremony")


class Session(models.Model):
    #: What the service, the form and the API may change (tests/core/test_editable_fields);
    #: the commune is found from `commune_name`, topics and trainers are set on their own.
    EDITABLE_FIELDS = (
        "kind",
        "title_ar",
        "title_fr",
        "room",
        "commune_name",
        "starts_at",
        "ends_at",
        "capacity",
        "audience",
    )

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    title_ar = models.CharField(_("title in Arabic"), max_length=255, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="sessions", blank=True
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="trained_sessions",
        blank=True,
    )
    room = models.CharField(_("room"), max_length=120, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    commune_name = models.CharField(_("commune (as written)"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    audience = models.CharField(_("target audience"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(title_ar="") | ~Q(title_fr=""), name="session_has_a_title"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if not self.title_ar.strip() and not self.title_fr.strip():
            errors["title_ar"] = _("Give the title in Arabic or in French.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def commune_label(self) -> str:
        return self.commune.name if self.commune_id else self.commune_name


class Registration(models.Model):
    """A person's place in a session, or on its waiting list. The code is what the QR holds."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED
    )
    code = models.UUIDField(_("code"), default=uuid.uuid4, unique=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registration_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.session}"


class Attendance(models.Model):
    """A person present at a session. One row per person and session: a check-in sent again
    (twice by a hurried trainer, three times by a phone coming back online) changes nothing."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(_("checked in"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    client_uuid = models.UUIDField(_("device check-in id"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "checked_in_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class CertificateRule(models.Model):
    """Who receives a certificate of attendance at an event, and what it carries."""

    class Rule(models.TextChoices):
        MIN_SESSIONS = "min_sessions", _("attended at least N sessions")
        ALL_SESSIONS = "all_sessions", _("attended every session")
        BY_HAND = "by_hand", _("chosen by hand")

    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="certificate_rule",
    )
    rule = models.CharField(
        _("rule"), max_length=14, choices=Rule.choices, default=Rule.MIN_SESSIONS
    )
    min_sessions = models.PositiveSmallIntegerField(_("at least N sessions"), default=1)
    logo = models.ImageField(
        _("organizer's logo"),
        # A generated name: the sender's file name never reaches the storage.
        upload_to=UploadTo("certificates/logos", field="logo"),
        blank=True,
    )
    signatories = models.JSONField(
        _("signatories"),
        default=list,
        blank=True,
        help_text=_("A list of {name_ar, name_fr, title_ar, title_fr}."),
    )

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self) -> str:
        return str(self.event)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("certificate of attendance")
        PARTICIPATION = "participation", _("certificate of participation")
        APPRECIATION = "appreciation", _("certificate of appreciation")

    number = models.CharField(_("number"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="certificates"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="certificates",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="certificates",
        null=True,
        blank=True,
    )
    statement = models.JSONField(
        _("what it states"), default=dict, help_text=_("The names, event and sessions printed.")
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="certificate_has_a_holder",
            ),
            models.UniqueConstraint(
                fields=["event", "kind", "person"],
                condition=Q(person__isnull=False, revoked_at__isnull=True),
                name="one_live_certificate_per_person",
            ),
            models.UniqueConstraint(
                fields=["event", "kind", "organization"],
                condition=Q(person__isnull=True, revoked_at__isnull=True),
                name="one_live_certificate_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class CertificateSequence(models.Model):
    """The last certificate number used in a year. Kept apart from the certificates so that
    a number is never given twice, even if a certificate row were ever deleted."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("certificate numbering")
        verbose_name_plural = _("certificate numbering")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CertificateBatch(BackgroundRun):
    """Certificates issued to everyone eligible at once, in the background, and their ZIP."""

    # Thousands of PDFs take minutes, not an hour: a batch older than this has lost its worker.
    STALE_AFTER = datetime.timedelta(hours=1)

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="certificate_batches",
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Certificate.Kind.choices)
    issued = models.PositiveIntegerField(_("certificates issued"), default=0)
    total = models.PositiveIntegerField(_("certificates in the file"), default=0)
    file = models.FileField(_("ZIP file"), upload_to="certificates/", blank=True)

    class Meta(BackgroundRun.Meta):
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="certificate_batch_progress_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_kind_display()} ({self.get_status_display()})"
