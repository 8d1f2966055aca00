from django.contrib import admin

from tadamon.invitations.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read only: invitations change through the organizer's pages (services.py), which
    send the messages and keep the audit trail."""

    list_display = ("organization", "event", "created_at", "sent_count", "expires_at")
    list_filter = ("event",)
    search_fields = ("organization__name_ar", "organization__name_fr", "phone", "email")
    readonly_fields = [f.name for f in Invitation._meta.fields if f.name != "token_hash"]
    exclude = ("token_hash",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
