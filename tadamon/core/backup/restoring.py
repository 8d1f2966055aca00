"""Restoring an archive into the database and the media storage."""

import json
import logging
import tarfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers import base as serializer_base
from django.core.serializers.python import Deserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from tadamon.core.backup.canonical import NaturalKeys, checksum, chunks
from tadamon.core.backup.contents import (
    CHUNK,
    MEDIA_DIR,
    REBUILT,
    BackupError,
    ModelCount,
    Outcome,
    Progress,
    backed_up_models,
    concrete_columns,
    database_is_empty,
    field_names,
    many_to_many,
)
from tadamon.core.backup.media import Hashing, safe_media_name, sha256_of
from tadamon.core.backup.reading import check_archive, damaged, open_archive
from tadamon.core.search import engine as search_engine

logger = logging.getLogger("tadamon.backup")


def restore_backup(
    path: Path | str,
    *,
    force: bool = False,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> Outcome:
    """Replace the database's content and add the media files from the archive at `path`.
    Refused when the database already has data, unless `force`. All or nothing: on any
    error the database is left as it was."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    path = Path(path)
    if not force and not database_is_empty(using):
        raise _not_empty()
    say(_("Checking the archive…"))
    manifest = check_archive(path, progress=say)
    models_by_entry = _models_of(manifest, using)
    outcome = Outcome(path=path, archive_bytes=path.stat().st_size)
    written: list[str] = []
    try:
        with transaction.atomic(using=using):
            # Checked again inside the transaction: someone may have written meanwhile.
            if not force and not database_is_empty(using):
                raise _not_empty()
            _empty_tables(using)
            say(_("Loading the data…"))
            _load(path, manifest, models_by_entry, say, using)
            say(_("Comparing the database with the manifest…"))
            outcome.models = _verify(manifest, models_by_entry, using)
            _reset_sequences(using)
            say(_("Rebuilding the search index…"))
            search_engine.rebuild()
            say(_("Restoring the media files…"))
            outcome.media_files, outcome.media_bytes = _restore_media(path, manifest, written, say)
    except BaseException:
        # The transaction was rolled back; the media files written for it go too.
        for name in written:
            default_storage.delete(name)
        raise
    outcome.seconds = time.perf_counter() - started
    logger.info(
        "Backup %s restored: %s rows, %s media files", path, outcome.rows, outcome.media_files
    )
    return outcome


def _not_empty() -> BackupError:
    return BackupError(
        _(
            "The database already has data: a restore would replace all of it. Restore into "
            "an empty database (run `migrate` on a new DATABASE_URL), or pass --force to "
            "replace the current data."
        )
    )


def _models_of(
    manifest: dict[str, Any], using: str
) -> list[tuple[dict[str, Any], type[models.Model]]]:
    """The manifest's models, each matched with this installation's, or BackupError when
    this installation could not hold the backup's data."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    for app_label, names in manifest.get("migrations", {}).items():
        for name in names:
            if (app_label, name) not in applied:
                raise BackupError(
                    _(
                        "The backup was made with migration %(app)s.%(name)s, which this "
                        "database does not have: update Tadamon and run `migrate` first."
                    )
                    % {"app": app_label, "name": name}
                )
    matched = []
    for entry in manifest["models"]:
        try:
            model = apps.get_model(entry["label"])
        except (LookupError, ValueError):
            raise BackupError(
                _("The backup holds %(model)s, which this version of Tadamon does not know.")
                % {"model": entry["label"]}
            ) from None
        unknown = sorted(set(entry["fields"]) - set(field_names(model)))
        if unknown:
            raise BackupError(
                _(
                    "The backup holds fields of %(model)s that this version of Tadamon does not "
                    "know: %(fields)s."
                )
                % {"model": entry["label"], "fields": ", ".join(unknown)}
            )
        matched.append((entry, model))
    return matched


def _tables() -> list[str]:
    tables = []
    for model in (*backed_up_models(), *REBUILT):
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in many_to_many(model)]
    return tables


def _empty_tables(using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with pending deferred-constraint checks (rows written
            # earlier in the same transaction); checking them now clears the queue.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in connection.ops.sql_flush(no_style(), _tables()):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _load(
    path: Path,
    manifest: dict[str, Any],
    models_by_entry: list[tuple[dict[str, Any], type[models.Model]]],
    say: Progress,
    using: str,
) -> None:
    by_file = {entry["file"]: (entry, model) for entry, model in models_by_entry}
    remaining = set(by_file)
    try:
        with open_archive(path) as archive:
            for member in archive:
                if member.name not in by_file:
                    continue
                entry, model = by_file[member.name]
                stream = archive.extractfile(member)
                started = time.perf_counter()
                _load_model(model, (json.loads(line) for line in stream), using)
                say(
                    _("  %(model)s: %(rows)s rows (%(seconds).1f s)")
                    % {
                        "model": entry["label"],
                        "rows": entry["rows"],
                        "seconds": time.perf_counter() - started,
                    }
                )
                remaining.discard(member.name)
                if not remaining:
                    break  # the media files that follow are read later
        connections[using].check_constraints()
    except BackupError:
        raise
    except (serializer_base.DeserializationError, DatabaseError, ValueError) as exc:
        raise BackupError(_("The data could not be loaded: %(error)s") % {"error": exc}) from exc


def _load_model(model: type[models.Model], records: Iterator[dict[str, Any]], using: str) -> None:
    columns = [model._meta.pk, *concrete_columns(model)]
    m2m = {f.name: f for f in many_to_many(model)}
    manager = model._base_manager.using(using)
    connection = connections[using]
    objects = Deserializer(records, using=using, handle_forward_references=False)
    for chunk in chunks(objects, CHUNK):
        instances = [item.object for item in chunk]
        batch = connection.ops.bulk_batch_size(columns, instances) or len(instances)
        for start in range(0, len(instances), batch):
            # raw=True writes the values as they are, as loaddata does: a bulk_create would
            # stamp auto_now fields with the time of the restore.
            manager._insert(instances[start : start + batch], fields=columns, raw=True, using=using)
        for name, f in m2m.items():
            through = f.remote_field.through
            source = through._meta.get_field(f.m2m_field_name()).attname
            target = through._meta.get_field(f.m2m_reverse_field_name()).attname
            links = [
                through(**{source: item.object.pk, target: related})
                for item in chunk
                for related in item.m2m_data.get(name, [])
            ]
            through._base_manager.using(using).bulk_create(links, batch_size=CHUNK)


def _verify(
    manifest: dict[str, Any],
    models_by_entry: list[tuple[dict[str, Any], type[models.Model]]],
    using: str,
) -> list[ModelCount]:
    counts = []
    natural = NaturalKeys(using)
    for entry, model in models_by_entry:
        rows, sha = checksum(model, fields=entry["fields"], using=using, natural=natural)
        if rows != entry["rows"]:
            raise BackupError(
                _(
                    "After loading, %(model)s has %(found)s rows where the backup has "
                    "%(expected)s; nothing was restored."
                )
                % {"model": entry["label"], "found": rows, "expected": entry["rows"]}
            )
        if sha != entry["sha256"]:
            raise BackupError(
                _(
                    "After loading, the rows of %(model)s differ from the backup's (checksum); "
                    "nothing was restored."
                )
                % {"model": entry["label"]}
            )
        counts.append(ModelCount(entry["label"], rows, sha))
    return counts


def _reset_sequences(using: str) -> None:
    """What `sqlsequencereset` prints, run: PostgreSQL's sequences continue after the
    restored ids (SQLite's AUTOINCREMENT follows the largest id by itself)."""
    connection = connections[using]
    restored = [*backed_up_models(), *REBUILT]
    restored += [f.remote_field.through for model in restored for f in many_to_many(model)]
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _restore_media(
    path: Path, manifest: dict[str, Any], written: list[str], say: Progress
) -> tuple[int, int]:
    """Write every media file of the archive into the default storage, each checked once
    written; `written` collects the names so that a failure can remove them."""
    expected = {f"{MEDIA_DIR}/{entry['name']}": entry for entry in manifest["media"]}
    count = total = 0
    try:
        with open_archive(path) as archive:
            for member in archive:
                entry = expected.get(member.name)
                if entry is None:
                    continue
                name = safe_media_name(entry["name"])
                if default_storage.exists(name):
                    with default_storage.open(name, "rb") as current:
                        if sha256_of(current)[1] == entry["sha256"]:
                            count += 1
                            total += entry["size"]
                            continue
                    default_storage.delete(name)
                # A sized, forward-only reader: the archive is read as a stream.
                content = Hashing(archive.extractfile(member), size=entry["size"])
                saved = default_storage.save(name, File(content, name=name))
                written.append(saved)
                with default_storage.open(saved, "rb") as stored:
                    size, sha = sha256_of(stored)
                if saved != name or size != entry["size"] or sha != entry["sha256"]:
                    raise BackupError(
                        _("The media file %(name)s could not be written as it was saved.")
                        % {"name": name}
                    )
                count += 1
                total += size
                if count % 500 == 0:
                    say(_("  media: %(count)s files") % {"count": count})
    except BackupError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise damaged(path, exc) from exc
    say(_("  media: %(count)s files") % {"count": count})
    return count, total
