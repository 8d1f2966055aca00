from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class B2BConfig(AppConfig):
    name = "tadamon.b2b"
    label = "b2b"
    verbose_name = _("B2B meetings")

    def ready(self) -> None:
        from tadamon.b2b import audit_types  # noqa: F401  (declares its audit actions)
