"""The Django admin for events. Day-to-day work happens in the event pages and the API,
whose services enforce the rules; the admin is for platform administrators fixing data.
Application statuses are read-only here: they change only through workflow.transition."""

from django.contrib import admin

from tadamon.core.admin import AuditedModelAdmin
from tadamon.events.models import (
    Application,
    Booth,
    Call,
    Event,
    EventPartner,
    EventSeries,
    Participation,
    ScoringCriterion,
    SelectionRun,
    Wave,
)


class PartnerInline(admin.TabularInline):
    model = EventPartner
    extra = 0
    autocomplete_fields = ("organization",)


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(EventSeries)
class EventSeriesAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "name_ar", "kind", "organizer")
    list_filter = ("kind",)
    list_select_related = ("organizer",)
    search_fields = ("name_ar", "name_fr")
    autocomplete_fields = ("organizer",)


@admin.register(Event)
class EventAdmin(AuditedModelAdmin):
    list_display = (
        "title_fr",
        "title_ar",
        "kind",
        "edition",
        "start_date",
        "end_date",
        "region",
        "organizer",
        "is_published",
    )
    list_filter = ("kind", "is_published", "region")
    list_select_related = ("region", "organizer")
    search_fields = ("title_ar", "title_fr", "city", "venue")
    date_hierarchy = "start_date"
    autocomplete_fields = ("organizer", "series", "region", "province")
    readonly_fields = ("created_by", "created_at")
    inlines = (PartnerInline, WaveInline)


@admin.register(Booth)
class BoothAdmin(AuditedModelAdmin):
    list_display = ("code", "event", "zone", "row", "column", "size_m2", "accessible")
    list_filter = ("accessible",)
    list_select_related = ("event",)
    search_fields = ("code", "zone", "event__title_ar", "event__title_fr")
    autocomplete_fields = ("event",)


@admin.register(Participation)
class ParticipationAdmin(AuditedModelAdmin):
    list_display = ("organization", "event", "wave", "status", "source", "updated_at")
    list_filter = ("status", "source")
    list_select_related = ("organization", "event", "wave")
    search_fields = ("organization__name_ar", "organization__name_fr", "event__title_fr")
    autocomplete_fields = ("event", "organization")


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
