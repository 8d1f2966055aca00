"""The stored search forms again, now that they know how Moroccans type names (issue 18,
item 3): Latin articles glued to a word ("lbaraka", "assaada"), Arabizi digits ("7ayat"), a
consonant key that keeps ح and ه, c read as k or s, and the ة-with-a-t spelling ("Hayat").
The names are stored normalised, so the words and keys are computed from them again; the
description's words get the new forms added. Re-runnable; nothing to undo."""

from django.db import migrations

BATCH = 2000


def refresh(apps, schema_editor) -> None:
    from tadamon.core.search.documents import build, word_forms

    SearchEntry = apps.get_model("core", "SearchEntry")
    entries = SearchEntry.objects.order_by("pk").only("names", "words", "keys", "body")
    batch = []
    for entry in entries.iterator(chunk_size=BATCH):
        document = build(entry.names.split("|"))
        entry.words = document.words
        entry.keys = document.keys
        entry.body = " ".join(
            dict.fromkeys(form for token in entry.body.split() for form in word_forms(token))
        )
        batch.append(entry)
        if len(batch) == BATCH:
            SearchEntry.objects.bulk_update(batch, ["words", "keys", "body"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["words", "keys", "body"])


class Migration(migrations.Migration):
    dependencies = [("core", "0006_search_gin_without_pending_list")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
