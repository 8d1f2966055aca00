"""The audit actions of calendar links (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "calendars.feed.created": pgettext_lazy("audit trail", "calendar link created"),
        "calendars.feed.revoked": pgettext_lazy("audit trail", "calendar link revoked"),
    }
)
