from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change made through a service: who did what to which object, and when."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # {field: [before, after]} for the fields the change touched.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Plain ids, not foreign keys: the trail outlives the event or organization it speaks of,
    # and core stays below the domain apps. They scope who may read the entry.
    event_id = models.PositiveBigIntegerField(_("event"), null=True, blank=True)
    organization_id = models.PositiveBigIntegerField(_("organization"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["event_id", "created_at"]),
            models.Index(fields=["organization_id", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class SearchEntry(models.Model):
    """The searchable forms of one organization, product or event (tadamon.core.search):
    normalised names, their light stems, their transliteration keys and the description,
    stored when the object is saved so that no query recomputes them."""

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveIntegerField(_("object id"))
    published = models.BooleanField(_("public"), default=False)
    names = models.TextField(_("names"), default="")  # each full name, normalised, "|" between
    words = models.TextField(_("name words"), default="")  # tokens, stems and synonyms
    keys = models.TextField(_("transliteration keys"), default="")
    body = models.TextField(_("description words"), default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [models.Index(fields=["kind", "published"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
