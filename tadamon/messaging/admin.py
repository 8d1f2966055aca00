from django.contrib import admin

from tadamon.messaging.models import Message, OptOut


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "channel", "address", "user", "status", "attempts")
    list_filter = ("status", "channel", "kind")
    search_fields = ("address", "key", "subject")
    raw_id_fields = ("user", "event")
    readonly_fields = [f.name for f in Message._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(OptOut)
class OptOutAdmin(admin.ModelAdmin):
    list_display = ("user", "channel", "created_at")
    raw_id_fields = ("user",)
