"""The audit actions of accounts, with what the trail shows for each (see tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "accounts.token.issued": _("API token issued"),
        "accounts.token.revoked": _("API token revoked"),
        "accounts.user.created": _("created"),
    }
)
