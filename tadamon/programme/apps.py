from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "tadamon.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from tadamon.programme import audit_types  # noqa: F401  (declares its audit actions)
