from django.contrib import admin
from django.utils.translation import pgettext_lazy

from tadamon.core import audit
from tadamon.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "action", "object_type", "object_repr", "event_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor__username")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditedModelAdmin(admin.ModelAdmin):
    """Changes made in the Django admin enter the same audit trail as the services' ones.

    Their actions are named after the model ("admin.events.booth.changed"): registering a
    model with this admin declares its three."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        label = model._meta.label_lower
        audit.declare(
            f"admin.{label}.created", pgettext_lazy("audit trail", "created in the administration")
        )
        audit.declare(
            f"admin.{label}.changed", pgettext_lazy("audit trail", "changed in the administration")
        )
        audit.declare(
            f"admin.{label}.deleted", pgettext_lazy("audit trail", "deleted in the administration")
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        # The form has already written the new values into `obj`; its initial data holds
        # the old ones.
        concrete = {field.name for field in obj._meta.concrete_fields}
        before = {
            name: audit.plain(form.initial.get(name))
            for name in form.changed_data
            if name in concrete
        }
        audit.record(
            actor=request.user,
            action=f"admin.{obj._meta.label_lower}.{verb}",
            obj=obj,
            data={"fields": list(form.changed_data)},
            before=before if change else None,
            created=not change,
        )

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user,
            action=f"admin.{obj._meta.label_lower}.deleted",
            obj=obj,
            deleted=True,
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(
                actor=request.user,
                action=f"admin.{obj._meta.label_lower}.deleted",
                obj=obj,
                deleted=True,
            )
        super().delete_queryset(request, queryset)
