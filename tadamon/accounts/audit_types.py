"""The audit actions of accounts, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "accounts.token.issued": pgettext_lazy("audit trail", "API token issued"),
        "accounts.token.revoked": pgettext_lazy("audit trail", "API token revoked"),
        "accounts.user.created": pgettext_lazy("audit trail", "created"),
        "accounts.phone.verified": pgettext_lazy("audit trail", "phone number verified"),
    }
)
