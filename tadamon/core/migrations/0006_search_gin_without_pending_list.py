"""On PostgreSQL, the search entry's GIN indexes (tsvector and trigrams) write each new entry
straight into the index instead of into GIN's pending list. A bulk load (the search index's
rebuild, a restore) left thousands of entries in that list, which every search then read one
by one until autovacuum came: 58 ms of a 66 ms query on the search benchmark (issue 18,
item 3). The index is read far more often than written, so the slower insert is the better
trade. Nothing to do on SQLite."""

from collections.abc import Callable

from django.db import migrations

INDEXES = ("core_search_tsv", "core_search_trgm")


def _fastupdate(enabled: bool) -> Callable[..., None]:
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(
                f"ALTER INDEX {index} SET (fastupdate = {'on' if enabled else 'off'})"
            )
            if not enabled:
                # What is already in the pending list moves into the index now.
                schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_changes_and_scope")]

    operations = [migrations.RunPython(_fastupdate(False), _fastupdate(True))]
