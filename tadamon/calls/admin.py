"""The Django admin for the call for exhibitors, for platform administrators fixing data.
Application statuses are read-only here: they change only through workflow.transition."""

from django.contrib import admin

from tadamon.calls.models import Application, Call, ScoringCriterion, SelectionRun
from tadamon.core.admin import AuditedModelAdmin


class CriterionInline(admin.TabularInline):
    model = ScoringCriterion
    extra = 0


@admin.register(Call)
class CallAdmin(AuditedModelAdmin):
    list_display = ("event", "opens_on", "closes_on", "capacity")
    list_select_related = ("event",)
    search_fields = ("event__title_ar", "event__title_fr")
    autocomplete_fields = ("event",)
    inlines = (CriterionInline,)


@admin.register(Application)
class ApplicationAdmin(AuditedModelAdmin):
    list_display = ("organization", "call", "status", "score", "submitted_at")
    list_filter = ("status",)
    list_select_related = ("organization", "call__event")
    search_fields = ("organization__name_ar", "organization__name_fr")
    autocomplete_fields = ("organization",)
    readonly_fields = (
        "status",
        "score",
        "waitlist_rank",
        "offer_expires_at",
        "submitted_at",
        "decided_at",
        "created_by",
    )


@admin.register(SelectionRun)
class SelectionRunAdmin(admin.ModelAdmin):
    list_display = ("call", "status", "created_by", "created_at", "published_at")
    list_filter = ("status",)
    readonly_fields = [field.name for field in SelectionRun._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False
