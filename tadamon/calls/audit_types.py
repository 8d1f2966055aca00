"""The audit actions of the call for exhibitors, with what the trail shows for each (see
tadamon.core.audit).

Their names still begin with "events.": the call was part of tadamon.events when the trail
first stored them, and a stored action is an identifier that does not move with the code."""

from django.utils.translation import pgettext_lazy

from tadamon.calls.models import ApplicationStatus as S
from tadamon.core import audit

# The action written when an application moves to a status (tadamon.calls.workflow).
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
    }
)
