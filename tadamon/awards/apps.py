from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "tadamon.awards"
    label = "awards"
    verbose_name = _("Awards")

    def ready(self) -> None:
        from tadamon.awards import audit_types  # noqa: F401  (declares its audit actions)
