"""The audit actions of the outbox (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "messaging.message.resent": pgettext_lazy("audit trail", "message sent again"),
        "messaging.optout.changed": pgettext_lazy("audit trail", "message channels changed"),
    }
)
