from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "tadamon.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        # Declares the app's audit actions; keeps the search index in step with organizations
        # and products.
        from tadamon.registry import audit_types, search  # noqa: F401
