"""Writing a backup archive."""

import hashlib
import io
import json
import logging
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from tadamon.core.backup.canonical import NaturalKeys, serialize_rows
from tadamon.core.backup.contents import (
    DATA_DIR,
    FORMAT,
    MANIFEST,
    MEDIA_DIR,
    REBUILT,
    RECREATED_BY_MIGRATE,
    VERSION,
    BackupError,
    ModelCount,
    Outcome,
    Progress,
    backed_up_models,
    field_names,
)
from tadamon.core.backup.media import Hashing, media_names

logger = logging.getLogger("tadamon.backup")


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"tadamon-{stamp}.tar.gz"


def _applied_migrations(using: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _version() -> str:
    try:
        return metadata.version("tadamon")
    except metadata.PackageNotFoundError:
        return "unknown"


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time())
    info.mode = 0o600
    return info


def create_backup(
    output: Path | str | None = None,
    *,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> Outcome:
    """Write the database and the media files into one archive at `output` (by default
    var/backups/tadamon-<date>.tar.gz). The archive appears only once complete."""
    say = progress or (lambda message: None)
    started = time.perf_counter()
    path = Path(output) if output else default_output()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    outcome = Outcome(path=path)
    try:
        # Personal data and password hashes: readable by the owner only.
        with partial.open("wb") as raw:
            partial.chmod(0o600)
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive:
                with _snapshot(using):
                    manifest = _manifest_head(using)
                    natural = NaturalKeys(using)
                    for model in backed_up_models():
                        entry = _write_model(archive, model, using, natural)
                        manifest["models"].append(entry)
                        outcome.models.append(
                            ModelCount(entry["label"], entry["rows"], entry["sha256"])
                        )
                        say(
                            _("  %(model)s: %(rows)s rows")
                            % {"model": entry["label"], "rows": entry["rows"]}
                        )
                for entry in _write_media(archive, say):
                    manifest["media"].append(entry)
                    outcome.media_files += 1
                    outcome.media_bytes += entry["size"]
                body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
                body_bytes = body.encode("utf-8")
                archive.addfile(_member(MANIFEST, len(body_bytes)), io.BytesIO(body_bytes))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    outcome.archive_bytes = path.stat().st_size
    outcome.seconds = time.perf_counter() - started
    logger.info(
        "Backup written to %s: %s rows, %s media files", path, outcome.rows, outcome.media_files
    )
    return outcome


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """Every table read in one snapshot, so that the rows refer to each other even while the
    application keeps writing, and without holding its writers back."""
    connection = connections[using]
    nested = connection.in_atomic_block
    if connection.vendor == "sqlite" and not nested:
        # The settings begin SQLite's transactions IMMEDIATE, with the write lock: for the
        # whole backup every sale and check-in would wait, then fail. A deferred one reads
        # in WAL's snapshot and takes no lock.
        connection.ensure_connection()
        configured, connection.transaction_mode = connection.transaction_mode, "DEFERRED"
        try:
            with transaction.atomic(using=using):
                connection.transaction_mode = configured
                yield
        finally:
            connection.transaction_mode = configured
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and not nested:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _manifest_head(using: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "tadamon_version": _version(),
        "django_version": django.get_version(),
        "database": connections[using].vendor,
        "migrations": _applied_migrations(using),
        "not_copied": {
            **{
                model._meta.label_lower: "recreated by migrate; referred to by natural keys"
                for model in RECREATED_BY_MIGRATE
            },
            **{
                model._meta.label_lower: "derived; rebuilt by search_index after a restore"
                for model in REBUILT
            },
        },
        "models": [],
        "media": [],
    }


def _write_model(
    archive: tarfile.TarFile, model: type[models.Model], using: str, natural: NaturalKeys
) -> dict[str, Any]:
    label = model._meta.label_lower
    digest = hashlib.sha256()
    rows = 0
    # Spooled to disk: a tar member's size is written before its content.
    with tempfile.TemporaryFile() as spool:
        for line in serialize_rows(model, using=using, natural=natural):
            spool.write(line)
            digest.update(line)
            rows += 1
        size = spool.tell()
        spool.seek(0)
        name = f"{DATA_DIR}/{label}.jsonl"
        archive.addfile(_member(name, size), spool)
    return {
        "label": label,
        "file": name,
        "fields": field_names(model),
        "rows": rows,
        "sha256": digest.hexdigest(),
    }


def _write_media(archive: tarfile.TarFile, say: Progress) -> Iterator[dict[str, Any]]:
    count = 0
    for name in media_names():
        size = default_storage.size(name)
        with default_storage.open(name, "rb") as stored:
            hashing = Hashing(stored)
            archive.addfile(_member(f"{MEDIA_DIR}/{name}", size), hashing)
        if hashing.read_bytes != size:  # the file changed while it was read
            raise BackupError(
                _("The media file %(name)s changed during the backup; run it again.")
                % {"name": name}
            )
        count += 1
        if count % 500 == 0:
            say(_("  media: %(count)s files") % {"count": count})
        yield {"name": name, "size": size, "sha256": hashing.digest.hexdigest()}
    say(_("  media: %(count)s files") % {"count": count})
