"""The audit actions of the programme and its certificates, with what the trail shows for
each (see tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "programme.session.created": pgettext_lazy("audit trail", "created"),
        "programme.session.changed": pgettext_lazy("audit trail", "changed"),
        "programme.session.deleted": pgettext_lazy("audit trail", "deleted"),
        "programme.registration.created": pgettext_lazy("audit trail", "registered"),
        "programme.registration.cancelled": pgettext_lazy("audit trail", "cancelled"),
        "programme.registration.promoted": pgettext_lazy(
            "audit trail", "moved up from the waiting list"
        ),
        "programme.attendance.checked_in": pgettext_lazy("audit trail", "checked in"),
        "programme.attendance.undone": pgettext_lazy("audit trail", "check-in undone"),
        "programme.certificate.settings_saved": pgettext_lazy(
            "audit trail", "certificate settings saved"
        ),
        "programme.certificate.batch_started": pgettext_lazy(
            "audit trail", "certificate batch started"
        ),
        "programme.certificate.issued": pgettext_lazy("audit trail", "issued"),
        "programme.certificate.revoked": pgettext_lazy("audit trail", "revoked"),
    }
)
