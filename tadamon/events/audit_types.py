"""The audit actions of events and booths, with what the trail shows for each (see
tadamon.core.audit). Those of the call for exhibitors are in tadamon/calls/audit_types.py,
those of the visitors in tadamon/visitors/audit_types.py."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "events.series.created": pgettext_lazy("audit trail", "created"),
        "events.event.created": pgettext_lazy("audit trail", "created"),
        "events.event.changed": pgettext_lazy("audit trail", "changed"),
        "events.event.published": pgettext_lazy("audit trail", "published"),
        "events.event.unpublished": pgettext_lazy("audit trail", "unpublished"),
        "events.partner.added": pgettext_lazy("audit trail", "partner added"),
        "events.partner.removed": pgettext_lazy("audit trail", "partner removed"),
        "events.wave.added": pgettext_lazy("audit trail", "added"),
        "events.wave.changed": pgettext_lazy("audit trail", "changed"),
        "events.wave.deleted": pgettext_lazy("audit trail", "deleted"),
        "events.booths.added": pgettext_lazy("audit trail", "booth added"),
        "events.booths.generated": pgettext_lazy("audit trail", "booths generated"),
        "events.booths.deleted": pgettext_lazy("audit trail", "booths deleted"),
        "events.allocation.started": pgettext_lazy("audit trail", "booth allocation started"),
        "events.allocation.stored": pgettext_lazy("audit trail", "booth allocation saved"),
        "events.allocation.moved": pgettext_lazy("audit trail", "moved to another booth"),
        "events.allocation.removed": pgettext_lazy("audit trail", "booth taken back"),
        "events.participation.registered": pgettext_lazy("audit trail", "registered"),
        "events.participation.changed": pgettext_lazy("audit trail", "changed"),
        "events.participation.removed": pgettext_lazy("audit trail", "removed"),
    }
)
