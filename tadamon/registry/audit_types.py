"""The audit actions of the registry, with what the trail shows for each (see
tadamon.core.audit)."""

from django.utils.translation import gettext_lazy as _

from tadamon.core import audit

audit.declare_all(
    {
        "registry.organization.created": _("created"),
        "registry.organization.changed": _("changed"),
        "registry.organization.deleted": _("deleted"),
        "registry.organization.merged": _("merged"),
        "registry.product.created": _("created"),
        "registry.product.changed": _("changed"),
        "registry.product.deleted": _("deleted"),
        "registry.person.created": _("created"),
        "registry.person.changed": _("changed"),
        "registry.commune.added": _("added"),
    }
)
