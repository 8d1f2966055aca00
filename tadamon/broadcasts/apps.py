from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BroadcastsConfig(AppConfig):
    name = "tadamon.broadcasts"
    label = "broadcasts"
    verbose_name = _("Broadcasts")

    def ready(self) -> None:
        from tadamon.broadcasts import audit_types  # noqa: F401  (declares its audit actions)
