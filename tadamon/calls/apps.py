from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    """The call for exhibitors: calls, applications, their review and the selection."""

    name = "tadamon.calls"
    label = "calls"
    verbose_name = _("Call for exhibitors")

    def ready(self) -> None:
        # Declares the app's audit actions; connects the waiting list to the withdrawals
        # (place_freed); tells the booth allocation what the applicants asked for.
        from tadamon.calls import audit_types, receivers  # noqa: F401
