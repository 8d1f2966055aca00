from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "tadamon.sales"
    label = "sales"
    verbose_name = _("Sales")

    def ready(self) -> None:
        from tadamon.sales import audit_types  # noqa: F401  (declares its audit actions)
