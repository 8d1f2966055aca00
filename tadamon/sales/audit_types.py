"""The audit actions of sales, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "sales.declared": _("declared"),
        "sales.validated": _("validated"),
        "sales.queried": _("queried"),
        "sales.rejected": _("rejected"),
    }
)
