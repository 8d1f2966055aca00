from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "tadamon.messaging"
    label = "messaging"
    verbose_name = _("Messages")

    def ready(self) -> None:
        from tadamon.messaging import audit_types  # noqa: F401  (declares its audit actions)
