"""The Django admin for the programme. Day-to-day work happens in the programme pages and
the API, whose services enforce capacity, the waiting list and attendance; the admin is for
platform administrators fixing data. Registration statuses and check-ins are read-only here
so that nobody bypasses the waiting list or counts someone twice."""

from django.contrib import admin

from tadamon.core.admin import AuditedModelAdmin
from tadamon.programme.models import (
    Attendance,
    Certificate,
    CertificateRule,
    Registration,
    Session,
    Topic,
)


@admin.register(Topic)
class TopicAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en", "position")
    search_fields = ("code", "name_ar", "name_fr", "name_en")


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("person", "status", "code", "registered_by", "created_at")
    readonly_fields = ("person", "status", "code", "registered_by", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(AuditedModelAdmin):
    list_display = ("title_fr", "title_ar", "kind", "event", "starts_at", "commune_name")
    list_filter = ("kind", "event__kind")
    list_select_related = ("event",)
    search_fields = ("title_ar", "title_fr", "commune_name", "room")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("event", "commune", "trainers")
    filter_horizontal = ("topics",)
    readonly_fields = ("created_at",)
    inlines = (RegistrationInline,)


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ("person", "session", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("person", "session")
    search_fields = ("person__first_name", "person__last_name", "code")
    readonly_fields = ("session", "person", "status", "code", "registered_by", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Attendance)
class AttendanceAdmin(AuditedModelAdmin):
    list_display = ("person", "session", "checked_in_at", "checked_in_by")
    list_select_related = ("person", "session", "checked_in_by")
    search_fields = ("person__first_name", "person__last_name")
    readonly_fields = [field.name for field in Attendance._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(CertificateRule)
class CertificateRuleAdmin(AuditedModelAdmin):
    list_display = ("event", "rule", "min_sessions")
    list_select_related = ("event",)
    autocomplete_fields = ("event",)


@admin.register(Certificate)
class CertificateAdmin(AuditedModelAdmin):
    list_display = ("number", "kind", "event", "person", "organization", "issued_at", "revoked_at")
    list_filter = ("kind",)
    list_select_related = ("event", "person", "organization")
    search_fields = ("number", "person__last_name", "organization__name_fr")
    readonly_fields = ("number", "statement", "issued_at", "issued_by")
    autocomplete_fields = ("event", "person", "organization")
