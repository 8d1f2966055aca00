"""Arabic-first search across organizations, products and events (issue 9, SPEC 3K).

Each searchable object has one :class:`~tadamon.core.models.SearchEntry` holding its
normalised forms (computed once, when the object is saved, by :mod:`.documents`). A query
gathers candidates from the database's full-text index (SQLite FTS5, or PostgreSQL's
``tsvector`` and ``pg_trgm``; :mod:`.backends`), then ranks them the same way on both
(:mod:`.ranking`): exact name, then name prefix, then a fuzzy or transliterated name, then a
match in the description only.
"""
