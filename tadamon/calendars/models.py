"""Calendar links (issue 19): an address a phone's calendar subscribes to, behind a random
token that its owner can revoke. The feed shows what its owner may see when it is read, so
a link stops showing a session as soon as its owner loses access to it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tadamon.events.models import Event
from tadamon.programme.models import Session
from tadamon.registry.models import Organization


class CalendarFeed(models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("the event's programme")
        SESSION = "session", _("one session")
        AGENDA = "agenda", _("my agenda at the fair")

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        null=True,
        blank=True,
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")
        ordering = ("-created_at", "-pk")
        constraints = [
            # A session link names its session, an agenda its organization; nothing else does.
            models.CheckConstraint(
                condition=Q(kind="session", session__isnull=False)
                | (~Q(kind="session") & Q(session__isnull=True)),
                name="calendar_feed_session_iff_session_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="agenda", organization__isnull=False)
                | (~Q(kind="agenda") & Q(organization__isnull=True)),
                name="calendar_feed_organization_iff_agenda_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.event}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
