"""The audit actions of sales, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "sales.declared": pgettext_lazy("audit trail", "declared"),
        "sales.validated": pgettext_lazy("audit trail", "validated"),
        "sales.queried": pgettext_lazy("audit trail", "queried"),
        "sales.rejected": pgettext_lazy("audit trail", "rejected"),
    }
)
