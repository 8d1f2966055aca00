from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitorsConfig(AppConfig):
    """The visitors of an event: gates, counts at the gates, free registration with a badge."""

    name = "tadamon.visitors"
    label = "visitors"
    verbose_name = _("Visitors")

    def ready(self) -> None:
        # Declares the app's audit actions.
        from tadamon.visitors import audit_types  # noqa: F401
