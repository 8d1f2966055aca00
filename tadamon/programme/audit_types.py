"""The audit actions of the programme and its certificates, with what the trail shows for
each (see tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "programme.session.created": _("created"),
        "programme.session.changed": _("changed"),
        "programme.session.deleted": _("deleted"),
        "programme.registration.created": _("registered"),
        "programme.registration.cancelled": _("cancelled"),
        "programme.registration.promoted": _("moved up from the waiting list"),
        "programme.attendance.checked_in": _("checked in"),
        "programme.attendance.undone": _("check-in undone"),
        "programme.certificate.settings_saved": _("certificate settings saved"),
        "programme.certificate.batch_started": _("certificate batch started"),
        "programme.certificate.issued": _("issued"),
        "programme.certificate.revoked": _("revoked"),
    }
)
