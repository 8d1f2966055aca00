"""B2B meetings between exhibitors and buyers (SPEC 3F, issue 7).

An event's B2B programme: its participants (buyers and opted-in exhibitors) with what they
offer and seek, meeting requests between them, sessions cut into slots, the meetings placed
in slots and at tables (bilateral, or collective with one host), who sits where, and the
outcomes each side records. The database itself refuses a participant seated twice in one
slot and two meetings at one table in one slot.
"""

import dataclasses

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tadamon.core.runs import BackgroundRun, RunResult
from tadamon.events.models import Event
from tadamon.registry.models import Organization, Sector

# A buyer is an organization of this kind (companies and marketing, e-commerce, distribution
# or export platforms share one kind in the reference list).
BUYER_KIND = "company"


class B2BSetup(models.Model):
    """The event's B2B settings: the tables of the meeting room and the requests' deadline."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_setup"
    )
    tables = models.PositiveSmallIntegerField(_("tables"), default=10)
    requests_close_at = models.DateTimeField(
        _("requests close at"),
        null=True,
        blank=True,
        help_text=_("After this moment no request can be made or answered."),
    )

    class Meta:
        verbose_name = _("B2B settings")
        verbose_name_plural = _("B2B settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(tables__gte=1) & Q(tables__lte=1000), name="b2b_tables_in_range"
            )
        ]

    def __str__(self) -> str:
        return str(self.event)


class B2BSession(models.Model):
    """A block of meeting slots on one day, with its breaks ("12:30-14:00, 16:00-16:15")."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_sessions"
    )
    label = models.CharField(_("label"), max_length=120)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    breaks = models.CharField(
        _("breaks"),
        max_length=200,
        blank=True,
        help_text=_('Times without meetings, e.g. "12:30-14:00, 16:00-16:15".'),
    )

    class Meta:
        verbose_name = _("B2B session")
        verbose_name_plural = _("B2B sessions")
        ordering = ["event", "date", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="b2b_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(slot_minutes__lte=240),
                name="b2b_slot_length_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Slot(models.Model):
    session = models.ForeignKey(
        B2BSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "starts_at"], name="b2b_slot_once"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="b2b_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.starts_at:%H:%M}"


class Participant(models.Model):
    class Side(models.TextChoices):
        BUYER = "buyer", _("buyer")
        EXHIBITOR = "exhibitor", _("exhibitor")

    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        FRENCH = "fr", _("French")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_participants"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="b2b_participations",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="+", blank=True
    )
    offers = models.TextField(_("offers"), max_length=1000, blank=True)
    seeks = models.TextField(_("seeks"), max_length=1000, blank=True)
    volumes = models.CharField(
        _("volumes"), max_length=200, blank=True, help_text=_("e.g. 500 kg a month")
    )
    language = models.CharField(
        _("agenda language"), max_length=2, choices=Language.choices, default=Language.ARABIC
    )
    unavailable_slots = models.ManyToManyField(
        Slot, verbose_name=_("unavailable slots"), related_name="+", blank=True
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("B2B participant")
        verbose_name_plural = _("B2B participants")
        ordering = ["event", "side", "organization__name_fr", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="b2b_participant_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    class Priority(models.IntegerChoices):
        LOW = 1, _("low")
        NORMAL = 2, _("normal")
        HIGH = 3, _("high")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_requests"
    )
    requester = models.ForeignKey(
        Participant,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    recipient = models.ForeignKey(
        Participant,
        verbose_name=_("requested from"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    # The recipient's own interest, given when accepting: with the priority, the weight.
    recipient_priority = models.PositiveSmallIntegerField(
        _("interest of the other side"), choices=Priority.choices, null=True, blank=True
    )
    message = models.TextField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["event", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "recipient"], name="b2b_request_once"),
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="b2b_request_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"

    @property
    def weight(self) -> int:
        """What scheduling this meeting is worth: both sides' priorities (2 to 6)."""
        return self.priority + (self.recipient_priority or self.Priority.NORMAL)


class Meeting(models.Model):
    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("bilateral")
        COLLECTIVE = "collective", _("collective")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_meetings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BILATERAL)
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="meetings"
    )
    # Bilateral meetings sit at a numbered table; collective ones meet in a room of their own.
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="meeting",
        null=True,
        blank=True,
    )
    host = models.ForeignKey(
        Participant,
        verbose_name=_("host"),
        on_delete=models.CASCADE,
        related_name="hosted_meetings",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("B2B meeting")
        verbose_name_plural = _("B2B meetings")
        ordering = ["slot__starts_at", "table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "table"],
                condition=Q(table__isnull=False),
                name="b2b_one_meeting_per_table_and_slot",
            ),
            models.CheckConstraint(
                condition=Q(kind="collective")
                | (Q(request__isnull=False) & Q(table__isnull=False)),
                name="b2b_bilateral_has_request_and_table",
            ),
            models.CheckConstraint(
                condition=Q(kind="bilateral") | Q(host__isnull=False),
                name="b2b_collective_has_host",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.COLLECTIVE:
            return self.title or str(self.host)
        return str(self.request)


class Seat(models.Model):
    """A participant in a meeting. The slot is repeated here so that the database refuses
    anyone seated twice in one slot."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="seats"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="seats"
    )
    slot = models.ForeignKey(
        Slot, verbose_name=_("slot"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["participant", "slot"], name="b2b_one_seat_per_slot"),
            models.UniqueConstraint(fields=["meeting", "participant"], name="b2b_seat_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.meeting}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        NONE = "none", _("no follow-up")
        CONTACT = "contact", _("contact kept")
        SAMPLE = "sample_quote", _("sample or quote requested")
        ORDER = "order", _("order")
        CONTRACT = "contract", _("contract")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="outcomes"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("recorded for"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    kind = models.CharField(_("outcome"), max_length=14, choices=Kind.choices)
    amount_mad = models.DecimalField(
        _("amount (MAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="b2b_outcome_once"),
            models.CheckConstraint(
                condition=Q(amount_mad__isnull=True) | Q(amount_mad__gte=0),
                name="b2b_outcome_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


@dataclasses.dataclass(frozen=True)
class ScheduleResult(RunResult):
    """What a schedule run achieved, as stored in its ``result`` (see scheduling.execute_run)."""

    not_before: str = ""  # the first slot the run may fill (ISO 8601); its input
    requests: int = 0
    slots: int = 0
    tables: int = 0
    meetings: int = 0
    unscheduled: int = 0
    status: str = ""  # the solver's: OPTIMAL, FEASIBLE…
    objective: float = 0
    bound: float = 0
    gap: float = 0
    greedy_objective: float | None = None
    solver: str = ""

    @property
    def optimal(self) -> bool:
        return self.status == "OPTIMAL"


class ScheduleRun(BackgroundRun):
    """One computation of the bilateral meetings, in the background, with what it achieved
    (objective) and the proven bound of the best possible."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="b2b_schedule_runs"
    )
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta(BackgroundRun.Meta):
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="schedule_run_progress_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} ({self.get_status_display()})"

    @property
    def outcome(self) -> ScheduleResult:
        return ScheduleResult.from_json(self.result)


class BuyerApplication(models.Model):
    """A company or platform asking, from the public form, to meet the exhibitors. Nothing
    enters the registry until an organizer accepts it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the organizers")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("not accepted")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="buyer_applications"
    )
    name_ar = models.CharField(_("name in Arabic"), max_length=255, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    region = models.ForeignKey(
        "registry.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"))
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), related_name="+", blank=True
    )
    seeks = models.TextField(_("seeks"), max_length=1000, blank=True)
    volumes = models.CharField(_("volumes"), max_length=200, blank=True)
    language = models.CharField(
        _("agenda language"),
        max_length=2,
        choices=Participant.Language.choices,
        default=Participant.Language.ARABIC,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.SET_NULL,
        related_name="application",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("buyer application")
        verbose_name_plural = _("buyer applications")
        ordering = ["event", "status", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ar="") | ~Q(name_fr=""), name="buyer_application_named"
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status="pending"),
                name="buyer_application_pending_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name_fr or self.name_ar
