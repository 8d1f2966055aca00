"""Load the reference data (regions, provinces, communes, sectors, organization kinds).

Re-runnable: rows are matched by code (communes by province and French name) and updated.
"""

from django.db import migrations

from tadamon.core.text import search_document
from tadamon.registry import reference_data as data

_NAMES = ("name_ar", "name_fr", "name_en")


def load_reference_data(apps, schema_editor):
    Region = apps.get_model("registry", "Region")
    Province = apps.get_model("registry", "Province")
    Commune = apps.get_model("registry", "Commune")
    Sector = apps.get_model("registry", "Sector")
    OrganizationKind = apps.get_model("registry", "OrganizationKind")

    regions = {}
    for row in data.REGIONS:
        region, _ = Region.objects.update_or_create(
            code=row["code"], defaults={name: row[name] for name in _NAMES}
        )
        regions[region.code] = region

    provinces = {}
    for row in data.PROVINCES:
        province, _ = Province.objects.update_or_create(
            code=row["code"],
            defaults={
                "region": regions[row["region"]],
                "kind": row["kind"],
                **{name: row[name] for name in _NAMES},
            },
        )
        provinces[province.code] = province

    for row in data.COMMUNES:
        Commune.objects.update_or_create(
            province=provinces[row["province"]],
            name_fr=row["name_fr"],
            defaults={
                "kind": row["kind"],
                "name_ar": row["name_ar"],
                "name_en": row["name_en"],
                "search_text": search_document(row["name_ar"], row["name_fr"], row["name_en"]),
            },
        )

    for model, rows in ((Sector, data.SECTORS), (OrganizationKind, data.ORGANIZATION_KINDS)):
        for row in rows:
            model.objects.update_or_create(
                code=row["code"],
                defaults={"position": row["position"], **{name: row[name] for name in _NAMES}},
            )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
