import uuid

from django.db import migrations


def create_the_row(apps, schema_editor):
    """The one row the public pages' cache reads (a read never creates it)."""
    PageVersion = apps.get_model("public", "PageVersion")
    PageVersion.objects.get_or_create(pk=1, defaults={"epoch": uuid.uuid4(), "number": 0})


class Migration(migrations.Migration):
    dependencies = [("public", "0001_page_version")]

    operations = [migrations.RunPython(create_the_row, migrations.RunPython.noop)]
