"""The audit actions of the registry, with what the trail shows for each (see
tadamon.core.audit)."""

from django.utils.translation import pgettext_lazy

from tadamon.core import audit

audit.declare_all(
    {
        "registry.organization.created": pgettext_lazy("audit trail", "created"),
        "registry.organization.changed": pgettext_lazy("audit trail", "changed"),
        "registry.organization.deleted": pgettext_lazy("audit trail", "deleted"),
        "registry.organization.merged": pgettext_lazy("audit trail", "merged"),
        "registry.product.created": pgettext_lazy("audit trail", "created"),
        "registry.product.changed": pgettext_lazy("audit trail", "changed"),
        "registry.product.deleted": pgettext_lazy("audit trail", "deleted"),
        "registry.person.created": pgettext_lazy("audit trail", "created"),
        "registry.person.changed": pgettext_lazy("audit trail", "changed"),
        "registry.commune.added": pgettext_lazy("audit trail", "added"),
        "registry.claim.opened": pgettext_lazy("audit trail", "signed up as its representative"),
        "registry.claim.matched": pgettext_lazy("audit trail", "named its registry record"),
        "registry.claim.confirmed": pgettext_lazy("audit trail", "representative confirmed"),
        "registry.claim.refused": pgettext_lazy("audit trail", "representative refused"),
    }
)
