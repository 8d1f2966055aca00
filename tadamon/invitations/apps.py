from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    name = "tadamon.invitations"
    label = "invitations"
    verbose_name = _("Invitations")

    def ready(self) -> None:
        from tadamon.invitations import audit_types  # noqa: F401  (declares its audit actions)
