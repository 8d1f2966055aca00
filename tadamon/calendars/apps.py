from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "tadamon.calendars"
    label = "calendars"
    verbose_name = _("Calendars")

    def ready(self) -> None:
        from tadamon.calendars import audit_types  # noqa: F401  (declares its audit actions)
