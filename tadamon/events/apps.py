from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "tadamon.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # Declares the app's audit actions and indexes the events for the search.
        from tadamon.events import audit_types, search  # noqa: F401
