"""The audit actions of the demonstration data (see tadamon.core.audit). The demo is not an
installed app: its modules import this one before they write."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "demo.event.created": pgettext_lazy("audit trail", "demonstration event created"),
        "demo.programme.created": pgettext_lazy("audit trail", "demonstration programme created"),
        "demo.b2b.created": pgettext_lazy("audit trail", "demonstration B2B meetings created"),
        "demo.fair_figures.created": pgettext_lazy(
            "audit trail", "demonstration fair figures created"
        ),
        "demo.calls.created": pgettext_lazy(
            "audit trail", "demonstration calls for exhibitors created"
        ),
    }
)
