from django.contrib import admin

from tadamon.core.admin import AuditedModelAdmin
from tadamon.registry.models import (
    Commune,
    Organization,
    OrganizationKind,
    Person,
    Product,
    Province,
    Region,
    Sector,
)

NAME_SEARCH = ("name_ar", "name_fr", "name_en")


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en")
    search_fields = ("code", *NAME_SEARCH)


@admin.register(Province)
class ProvinceAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ar", "name_fr", "kind", "region")
    list_filter = ("region", "kind")
    list_select_related = ("region",)
    search_fields = ("code", *NAME_SEARCH)


@admin.register(Commune)
class CommuneAdmin(AuditedModelAdmin):
    list_display = ("name_fr", "name_ar", "kind", "province", "added_by")
    list_filter = ("kind", "province__region")
    list_select_related = ("province", "added_by")
    search_fields = NAME_SEARCH
    autocomplete_fields = ("province",)
    readonly_fields = ("added_by",)


@admin.register(Sector)
class SectorAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("code", *NAME_SEARCH)


@admin.register(OrganizationKind)
class OrganizationKindAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ar", "name_fr", "name_en", "position")
    list_editable = ("position",)
    search_fields = ("code", *NAME_SEARCH)


class ProductInline(admin.TabularInline):
    model = Product
    fields = ("name_ar", "name_fr", "price_mad", "sector", "photo")
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedModelAdmin):
    list_display = (
        "name_ar",
        "name_fr",
        "kind",
        "region",
        "province",
        "members",
        "women_members",
        "women_led",
    )
    list_filter = (
        "awaiting_confirmation",
        "kind",
        "region",
        "women_led",
        "youth_led",
        "microcredit_beneficiary",
        "endangered_craft",
        "eco_friendly",
        "sectors",
    )
    list_select_related = ("kind", "region", "province")
    search_fields = ("name_ar", "name_fr", "registration_number", "commune_name", "phone")
    autocomplete_fields = ("province", "commune", "microcredit_lender")
    filter_horizontal = ("sectors",)
    readonly_fields = ("awaiting_confirmation", "created_at", "updated_at")
    inlines = (ProductInline,)


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ("last_name", "first_name", "gender", "age_band", "organization", "commune_name")
    list_filter = ("gender", "age_band")
    list_select_related = ("organization",)
    search_fields = (
        "first_name",
        "last_name",
        "phone",
        "organization__name_ar",
        "organization__name_fr",
    )
    autocomplete_fields = ("organization", "commune")


@admin.register(Product)
class ProductAdmin(AuditedModelAdmin):
    list_display = ("name_ar", "name_fr", "organization", "sector", "price_mad")
    list_filter = ("sector",)
    list_select_related = ("organization", "sector")
    search_fields = ("name_ar", "name_fr", "organization__name_ar", "organization__name_fr")
    autocomplete_fields = ("organization",)
