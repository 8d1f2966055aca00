from django.contrib import admin

from tadamon.sales.models import SalesCeiling, SalesDeclaration


@admin.register(SalesDeclaration)
class SalesDeclarationAdmin(admin.ModelAdmin):
    list_display = ["event", "organization", "date", "amount_mad", "status", "superseded"]
    list_filter = ["status", "superseded", "payment_method"]
    raw_id_fields = ["event", "organization", "product", "declared_by", "validated_by", "corrects"]
    readonly_fields = ["client_uuid", "created_at"]


@admin.register(SalesCeiling)
class SalesCeilingAdmin(admin.ModelAdmin):
    list_display = ["event", "max_amount_mad"]
    raw_id_fields = ["event"]
