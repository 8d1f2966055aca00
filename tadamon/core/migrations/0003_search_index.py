"""The full-text index over SearchEntry, per database: SQLite FTS5 tables kept in step by
triggers (words, keys and description; and a trigram table over the names for typos), or on
PostgreSQL a GIN index over a simple-configuration tsvector and a pg_trgm index on the names.
The text is normalised and stemmed by Tadamon before it is stored, so both engines only split
on spaces (see shared/notes/search.md for why their own Arabic handling is not enough)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE core_search_fts USING fts5(
        words, keys, body, content='core_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE VIRTUAL TABLE core_search_tri USING fts5(
        names, content='core_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER core_search_ai AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_search_fts(rowid, words, keys, body)
            VALUES (new.id, new.words, new.keys, new.body);
        INSERT INTO core_search_tri(rowid, names) VALUES (new.id, new.names);
    END""",
    """CREATE TRIGGER core_search_ad AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_search_fts(core_search_fts, rowid, words, keys, body)
            VALUES ('delete', old.id, old.words, old.keys, old.body);
        INSERT INTO core_search_tri(core_search_tri, rowid, names)
            VALUES ('delete', old.id, old.names);
    END""",
    """CREATE TRIGGER core_search_au AFTER UPDATE ON core_searchentry BEGIN
        INSERT INTO core_search_fts(core_search_fts, rowid, words, keys, body)
            VALUES ('delete', old.id, old.words, old.keys, old.body);
        INSERT INTO core_search_tri(core_search_tri, rowid, names)
            VALUES ('delete', old.id, old.names);
        INSERT INTO core_search_fts(rowid, words, keys, body)
            VALUES (new.id, new.words, new.keys, new.body);
        INSERT INTO core_search_tri(rowid, names) VALUES (new.id, new.names);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_search_au",
    "DROP TRIGGER IF EXISTS core_search_ad",
    "DROP TRIGGER IF EXISTS core_search_ai",
    "DROP TABLE IF EXISTS core_search_tri",
    "DROP TABLE IF EXISTS core_search_fts",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE INDEX core_search_tsv ON core_searchentry USING GIN (
        to_tsvector('simple', words || ' ' || keys || ' ' || body))""",
    "CREATE INDEX core_search_trgm ON core_searchentry USING GIN (names gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS core_search_trgm",
    "DROP INDEX IF EXISTS core_search_tsv",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_entry")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
