from django.contrib import admin

from tadamon.awards.models import (
    AwardCategory,
    AwardResult,
    Candidate,
    Juror,
    JuryCriterion,
    JuryScore,
)


class CriterionInline(admin.TabularInline):
    model = JuryCriterion
    extra = 0


class JurorInline(admin.TabularInline):
    model = Juror
    extra = 0
    raw_id_fields = ["user"]


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    raw_id_fields = ["organization", "person"]


@admin.register(AwardCategory)
class AwardCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "event", "kind", "rule", "winners_count", "published_at"]
    list_filter = ["kind", "rule"]
    raw_id_fields = ["event", "published_by"]
    inlines = [CriterionInline, JurorInline, CandidateInline]


@admin.register(AwardResult)
class AwardResultAdmin(admin.ModelAdmin):
    list_display = ["category", "organization", "person", "rank", "score", "manual"]
    list_filter = ["manual"]
    raw_id_fields = ["category", "organization", "person", "recorded_by"]


# Scores are read-only here: they are a juror's own work, given through the API.
@admin.register(JuryScore)
class JuryScoreAdmin(admin.ModelAdmin):
    list_display = ["juror", "candidate", "criterion", "points", "scored_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
