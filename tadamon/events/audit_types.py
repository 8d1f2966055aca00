"""The audit actions of events, calls, booths and visitors, with what the trail shows for
each (see tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

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
        "events.series.created": _("created"),
        "events.event.created": _("created"),
        "events.event.changed": _("changed"),
        "events.event.published": _("published"),
        "events.event.unpublished": _("unpublished"),
        "events.partner.added": _("partner added"),
        "events.partner.removed": _("partner removed"),
        "events.wave.added": _("added"),
        "events.wave.changed": _("changed"),
        "events.wave.deleted": _("deleted"),
        "events.booths.added": _("booth added"),
        "events.booths.generated": _("booths generated"),
        "events.booths.deleted": _("booths deleted"),
        "events.call.opened": _("call opened"),
        "events.call.changed": _("changed"),
        "events.call.criteria": _("selection criteria changed"),
        "events.application.created": _("application started"),
        "events.application.changed": _("changed"),
        "events.application.offer_reminded": _("reminded of the offer"),
        "events.review.assigned": _("reviewer assigned"),
        "events.review.scored": _("review scored"),
        "events.selection.computed": _("selection computed"),
        "events.selection.adjusted": _("selection adjusted by hand"),
        "events.selection.published": _("selection published"),
        "events.allocation.started": _("booth allocation started"),
        "events.allocation.stored": _("booth allocation saved"),
        "events.allocation.moved": _("moved to another booth"),
        "events.allocation.removed": _("booth taken back"),
        "events.participation.registered": _("registered"),
        "events.participation.changed": _("changed"),
        "events.participation.removed": _("removed"),
        "events.gate.added": _("added"),
        "events.visitors.counted": _("visitors counted"),
        "events.visitor.registered": _("registered"),
        "events.visitor.arrived": _("arrived"),
    }
)
