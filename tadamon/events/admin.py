"""The Django admin for events. Day-to-day work happens in the event pages and the API,
whose services enforce the rules; the admin is for platform administrators fixing data.
The call for exhibitors has its own (tadamon/calls/admin.py)."""

from django.contrib import admin

from tadamon.core.admin import AuditedModelAdmin
from tadamon.events.models import Booth, Event, EventPartner, EventSeries, Participation, Wave


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
