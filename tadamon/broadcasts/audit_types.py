"""The audit actions of broadcasts (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "broadcasts.broadcast.sent": pgettext_lazy("audit trail", "broadcast sent"),
    }
)
