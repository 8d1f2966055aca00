"""The audit actions of B2B meetings, with what the trail shows for each (see
tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "b2b.configured": pgettext_lazy("audit trail", "B2B meetings set up"),
        "b2b.session.added": pgettext_lazy("audit trail", "added"),
        "b2b.session.deleted": pgettext_lazy("audit trail", "deleted"),
        "b2b.buyer.applied": pgettext_lazy("audit trail", "buyer applied"),
        "b2b.buyer.accepted": pgettext_lazy("audit trail", "buyer accepted"),
        "b2b.buyer.rejected": pgettext_lazy("audit trail", "buyer not accepted"),
        "b2b.participant.joined": pgettext_lazy("audit trail", "joined the B2B meetings"),
        "b2b.participant.updated": pgettext_lazy("audit trail", "changed"),
        "b2b.participant.availability": pgettext_lazy("audit trail", "availability changed"),
        "b2b.request.made": pgettext_lazy("audit trail", "meeting requested"),
        "b2b.request.answered": pgettext_lazy("audit trail", "meeting request answered"),
        "b2b.request.cancelled": pgettext_lazy("audit trail", "cancelled"),
        "b2b.collective.created": pgettext_lazy("audit trail", "created"),
        "b2b.collective.registered": pgettext_lazy(
            "audit trail", "registered for a collective meeting"
        ),
        "b2b.schedule.started": pgettext_lazy("audit trail", "schedule computation started"),
        "b2b.schedule.stored": pgettext_lazy(
            "audit trail", "meetings replaced by the computed schedule"
        ),
        "b2b.meeting.moved": pgettext_lazy("audit trail", "meeting moved"),
        "b2b.outcome.recorded": pgettext_lazy("audit trail", "meeting outcome recorded"),
    }
)
