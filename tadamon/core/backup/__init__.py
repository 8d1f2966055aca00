"""Backups of a whole installation in one file, and their restoration (issue 10).

A backup is a gzip-compressed tar archive:

- ``data/<app_label>.<model>.jsonl``: the rows of one model, one JSON object a line in
  Django's JSON Lines form (``{"fields": ..., "model": ..., "pk": ...}``), written in a
  canonical way (sorted keys, UTF-8, datetimes in UTC to the microsecond, many-to-many ids
  sorted) so that the same rows always give the same bytes, whatever the database. References
  to content types and permissions are natural keys: those rows are recreated by ``migrate``
  and their ids differ between databases.
- ``media/<name>``: every file of the default storage (photos, logos, generated files).
- ``manifest.json`` (last): format version, date, versions of Tadamon and Django, the applied
  migrations, per model its fields, row count and the SHA-256 of its data file, per media file
  its size and SHA-256.

Restoring checks the whole archive against its manifest before touching anything, then in one
transaction empties the tables, loads every model, re-serialises what the database now holds
and compares it with the manifest, resets the PostgreSQL sequences, rebuilds the search index
and writes the media files; any failure rolls the database back and removes the media files
already written. The database-neutral form lets a SQLite backup be restored into PostgreSQL
and back.
"""

from tadamon.core.backup.contents import BackupError, ModelCount, Outcome, database_is_empty
from tadamon.core.backup.reading import check_archive
from tadamon.core.backup.restoring import restore_backup
from tadamon.core.backup.writing import create_backup, default_output

__all__ = [
    "BackupError",
    "ModelCount",
    "Outcome",
    "check_archive",
    "create_backup",
    "database_is_empty",
    "default_output",
    "restore_backup",
]
