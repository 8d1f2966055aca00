"""The audit actions of invitations (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "invitations.invitation.sent": pgettext_lazy("audit trail", "invitation sent"),
        "invitations.invitation.resent": pgettext_lazy("audit trail", "invitation sent again"),
        "invitations.invitation.cancelled": pgettext_lazy("audit trail", "invitation cancelled"),
        "invitations.invitation.accepted": pgettext_lazy(
            "audit trail", "invitation accepted, account created"
        ),
    }
)
