"""The audit actions of the demonstration data (see tadamon.core.audit). The demo is not an
installed app: its modules import this one before they write."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "demo.event.created": _("demonstration event created"),
        "demo.programme.created": _("demonstration programme created"),
        "demo.b2b.created": _("demonstration B2B meetings created"),
        "demo.fair_figures.created": _("demonstration fair figures created"),
    }
)
