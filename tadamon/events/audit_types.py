"""The audit actions of events, calls, booths and visitors, with what the trail shows for
each (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit
from tadamon.events.models import ApplicationStatus as S

# The action written when an application moves to a status (tadamon.events.workflow).
APPLICATION_MOVED_TO = {
    S.DRAFT: "events.application.draft",
    S.SUBMITTED: "events.application.submitted",
    S.UNDER_REVIEW: "events.application.under_review",
    S.ACCEPTED: "events.application.accepted",
    S.WAITLISTED: "events.application.waitlisted",
    S.REJECTED: "events.application.rejected",
    S.OFFERED: "events.application.offered",
    S.EXPIRED: "events.application.expired",
    S.CONFIRMED: "events.application.confirmed",
    S.WITHDRAWN: "events.application.withdrawn",
}

audit.declare_all({name: S(status).label for status, name in APPLICATION_MOVED_TO.items()})
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
        "events.call.opened": pgettext_lazy("audit trail", "call opened"),
        "events.call.changed": pgettext_lazy("audit trail", "changed"),
        "events.call.criteria": pgettext_lazy("audit trail", "selection criteria changed"),
        "events.application.created": pgettext_lazy("audit trail", "application started"),
        "events.application.changed": pgettext_lazy("audit trail", "changed"),
        "events.application.offer_reminded": pgettext_lazy("audit trail", "reminded of the offer"),
        "events.review.assigned": pgettext_lazy("audit trail", "reviewer assigned"),
        "events.review.scored": pgettext_lazy("audit trail", "review scored"),
        "events.selection.computed": pgettext_lazy("audit trail", "selection computed"),
        "events.selection.adjusted": pgettext_lazy("audit trail", "selection adjusted by hand"),
        "events.selection.published": pgettext_lazy("audit trail", "selection published"),
        "events.allocation.started": pgettext_lazy("audit trail", "booth allocation started"),
        "events.allocation.stored": pgettext_lazy("audit trail", "booth allocation saved"),
        "events.allocation.moved": pgettext_lazy("audit trail", "moved to another booth"),
        "events.allocation.removed": pgettext_lazy("audit trail", "booth taken back"),
        "events.participation.registered": pgettext_lazy("audit trail", "registered"),
        "events.participation.changed": pgettext_lazy("audit trail", "changed"),
        "events.participation.removed": pgettext_lazy("audit trail", "removed"),
        "events.gate.added": pgettext_lazy("audit trail", "added"),
        "events.visitors.counted": pgettext_lazy("audit trail", "visitors counted"),
        "events.visitor.registered": pgettext_lazy("audit trail", "registered"),
        "events.visitor.arrived": pgettext_lazy("audit trail", "arrived"),
    }
)
