"""The audit actions of awards, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "award_category.create": _("created"),
        "award.criterion.added": _("jury criterion added"),
        "award.candidate.added": _("candidate added"),
        "award.juror.assign": _("assigned"),
        "award.jury.scored": _("score given"),
        "award.jury.close": _("jury closed"),
        "award.compute": _("winners computed"),
        "award.publish": _("results published"),
        "award.manual": _("awarded by hand"),
    }
)
