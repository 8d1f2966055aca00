from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from tadamon.accounts.models import ApiToken, User
from tadamon.core.admin import AuditedModelAdmin


@admin.register(User)
class TadamonUserAdmin(AuditedModelAdmin, UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "organization",
        "is_active",
        "is_staff",
    )
    list_filter = ("role", "signed_up", "phone_verified", "is_active", "is_staff", "is_superuser")
    list_select_related = ("organization",)
    search_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "phone",
        "organization__name_ar",
        "organization__name_fr",
    )
    autocomplete_fields = ("organization",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("Tadamon"),
            {"fields": ("role", "organization", "phone", "phone_verified", "signed_up")},
        ),
    )
    readonly_fields = ("signed_up",)
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Tadamon"), {"fields": ("role", "organization")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    """Tokens are issued with `manage.py issue_token`; here they can be read and revoked."""

    list_display = ("hint", "user", "name", "created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("hint", "name", "user__username")
    readonly_fields = ("user", "hint", "key_hash", "created_at", "last_used_at")
    fields = ("user", "name", "hint", "key_hash", "created_at", "last_used_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False
