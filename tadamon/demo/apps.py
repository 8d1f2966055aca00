from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demonstration data (SPEC section 7) and its command, `manage.py load_demo`. An app
    so that the command lives beside the data it loads; it has no models."""

    name = "tadamon.demo"
    label = "demo"
    verbose_name = _("Demonstration data")

    def ready(self) -> None:
        from tadamon.demo import audit_types  # noqa: F401  (declares its audit actions)
