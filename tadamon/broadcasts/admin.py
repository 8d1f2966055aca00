from django.contrib import admin

from tadamon.broadcasts.models import Broadcast


@admin.register(Broadcast)
class BroadcastAdmin(admin.ModelAdmin):
    """Read only: a broadcast is sent from its event's pages, where it is audited."""

    list_display = ("created_at", "event", "subject", "organizations", "messages_queued")
    list_filter = ("by_email", "by_sms", "by_inbox")
    search_fields = ("subject", "text_ar", "text_fr")
    raw_id_fields = ("event", "author")
    readonly_fields = [f.name for f in Broadcast._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
