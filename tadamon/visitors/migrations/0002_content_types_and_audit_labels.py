"""The moved models' labels follow them into the visitors app (issue 16).

- Content types: the rows of events.gate, events.visitorcount and events.visitorregistration
  become visitors.*, keeping their ids, so that permissions and anything pointing at a
  content type still do.
- The audit trail names the object of each entry by its model label
  (AuditEntry.object_type) and the admin's actions by it too ("admin.events.gate.changed",
  tadamon.core.admin): both are rewritten, so that the trail keeps finding the objects and
  the declared actions. The actions written by the services ("events.visitors.counted")
  are identifiers, not labels: they stay.
"""

from django.db import migrations

MODELS = (
    "gate",
    "visitorcount",
    "visitorregistration",
)
VERBS = ("created", "changed", "deleted")


def _move(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    db = schema_editor.connection.alias
    for model in MODELS:
        # A database migrated past this point and back may hold both rows; the newer one
        # (created by post_migrate) is empty of permissions that matter, the older is kept.
        if ContentType.objects.using(db).filter(app_label=old, model=model).exists():
            ContentType.objects.using(db).filter(app_label=new, model=model).delete()
            ContentType.objects.using(db).filter(app_label=old, model=model).update(
                app_label=new
            )
        AuditEntry.objects.using(db).filter(object_type=f"{old}.{model}").update(
            object_type=f"{new}.{model}"
        )
        for verb in VERBS:
            AuditEntry.objects.using(db).filter(action=f"admin.{old}.{model}.{verb}").update(
                action=f"admin.{new}.{model}.{verb}"
            )


def forwards(apps, schema_editor):
    _move(apps, schema_editor, "events", "visitors")


def backwards(apps, schema_editor):
    _move(apps, schema_editor, "visitors", "events")


class Migration(migrations.Migration):

    dependencies = [
        ("visitors", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_audit_changes_and_scope"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
