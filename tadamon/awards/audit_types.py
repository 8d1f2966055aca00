"""The audit actions of awards, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "award_category.create": pgettext_lazy("audit trail", "created"),
        "award.criterion.added": pgettext_lazy("audit trail", "jury criterion added"),
        "award.candidate.added": pgettext_lazy("audit trail", "candidate added"),
        "award.juror.assign": pgettext_lazy("audit trail", "assigned"),
        "award.jury.scored": pgettext_lazy("audit trail", "score given"),
        "award.jury.close": pgettext_lazy("audit trail", "jury closed"),
        "award.compute": pgettext_lazy("audit trail", "winners computed"),
        "award.publish": pgettext_lazy("audit trail", "results published"),
        "award.manual": pgettext_lazy("audit trail", "awarded by hand"),
    }
)
