"""The audit actions of B2B meetings, with what the trail shows for each (see
tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "b2b.configured": _("B2B meetings set up"),
        "b2b.session.added": _("added"),
        "b2b.session.deleted": _("deleted"),
        "b2b.buyer.applied": _("buyer applied"),
        "b2b.buyer.accepted": _("buyer accepted"),
        "b2b.buyer.rejected": _("buyer not accepted"),
        "b2b.participant.joined": _("joined the B2B meetings"),
        "b2b.participant.updated": _("changed"),
        "b2b.participant.availability": _("availability changed"),
        "b2b.request.made": _("meeting requested"),
        "b2b.request.answered": _("meeting request answered"),
        "b2b.request.cancelled": _("cancelled"),
        "b2b.collective.created": _("created"),
        "b2b.collective.registered": _("registered for a collective meeting"),
        "b2b.schedule.started": _("schedule computation started"),
        "b2b.schedule.stored": _("meetings replaced by the computed schedule"),
        "b2b.meeting.moved": _("meeting moved"),
        "b2b.outcome.recorded": _("meeting outcome recorded"),
    }
)
