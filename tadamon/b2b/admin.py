from django.contrib import admin

from tadamon.b2b.models import B2BSession, Meeting, MeetingRequest, Participant, ScheduleRun


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["organization", "event", "side"]
    list_filter = ["side"]
    raw_id_fields = ["event", "organization"]
    filter_horizontal = ["sectors"]
    exclude = ["unavailable_slots"]


@admin.register(B2BSession)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["label", "event", "date", "starts_at", "ends_at", "slot_minutes"]
    raw_id_fields = ["event"]


@admin.register(MeetingRequest)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "recipient", "priority", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "requester", "recipient"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "slot", "table", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["event", "slot", "request", "host"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "status", "created_at", "finished_at"]
    readonly_fields = ["result"]
