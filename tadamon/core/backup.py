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

import datetime
import decimal
import hashlib
import io
import json
import logging
import tarfile
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.serializers import base as serializer_base
from django.core.serializers.python import Deserializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.encoding import is_protected_type
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from tadamon.core.models import SearchEntry

logger = logging.getLogger("tadamon.backup")

FORMAT = "tadamon-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"
CHUNK = 2000  # rows read or written at a time: memory stays bounded whatever the table size
COPY_BUFFER = 1024 * 1024

# Rows that `migrate` creates itself: backed up as references only (natural keys), never
# loaded, because the target database already has them under ids of its own.
RECREATED_BY_MIGRATE = (ContentType, Permission)
# Derived data, rebuilt after a restore (manage.py search_index) instead of being copied:
# on PostgreSQL it also has a generated column the ORM does not know.
REBUILT = (SearchEntry,)
# Reference rows that data migrations write into every new database (regions, provinces,
# communes, sectors, kinds of organizations, training topics). A database holding only
# these is still empty for `restore`, which replaces them with the backup's own.
SEEDED_BY_MIGRATIONS = frozenset(
    {
        "registry.region",
        "registry.province",
        "registry.commune",
        "registry.sector",
        "registry.organizationkind",
        "programme.topic",
    }
)

Progress = Callable[[str], None]


class BackupError(Exception):
    """The backup or the restore cannot be done; the message is for the operator."""


@dataclass
class ModelCount:
    label: str
    rows: int
    sha256: str


@dataclass
class Outcome:
    """What a backup or a restore handled."""

    path: Path
    models: list[ModelCount] = field(default_factory=list)
    media_files: int = 0
    media_bytes: int = 0
    archive_bytes: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(model.rows for model in self.models)


# Which models, which fields ----------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model whose rows a backup holds, in a stable order."""
    skipped = {model._meta.label_lower for model in (*RECREATED_BY_MIGRATE, *REBUILT)}
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in skipped
    ]


def _columns(model: type[models.Model]) -> list[models.Field]:
    # Local fields only, as Django's serialisers do: a multi-table child's parent has its own
    # file. Generated columns are computed by the database, never written.
    return [f for f in model._meta.local_concrete_fields if not f.primary_key and not f.generated]


def _many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    # A many-to-many with an explicit `through` model is that model's rows, saved as such.
    return [f for f in model._meta.local_many_to_many if f.remote_field.through._meta.auto_created]


def field_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in _columns(model)] + [f.name for f in _many_to_many(model)]


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database holds nothing but what `migrate` writes by itself."""
    return not any(
        model._base_manager.using(using).exists()
        for model in backed_up_models()
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS
    )


# Canonical serialisation -------------------------------------------------------------------


class _Encoder(json.JSONEncoder):
    """JSON for field values; unlike DjangoJSONEncoder, datetimes keep their microseconds
    (a backup must give back the same instants) and are written in UTC so that SQLite and
    PostgreSQL give the same text."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            if timezone.is_aware(o):
                o = o.astimezone(datetime.UTC)
            return o.isoformat()
        if isinstance(o, datetime.date | datetime.time):
            return o.isoformat()
        if isinstance(o, datetime.timedelta):
            return duration_iso_string(o)
        if isinstance(o, decimal.Decimal | uuid.UUID | Promise):
            return str(o)
        return super().default(o)


def _line(label: str, pk: Any, fields: dict[str, Any]) -> bytes:
    record = {"model": label, "pk": pk, "fields": fields}
    text = json.dumps(
        record, cls=_Encoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return (text + "\n").encode("utf-8")


def _value(obj: models.Model, f: models.Field) -> Any:
    # As django.core.serializers.python does: primitives as they are, the rest as text.
    value = f.value_from_object(obj)
    if is_protected_type(value):
        return value
    return f.value_to_string(obj)


class _NaturalKeys:
    """Natural keys of the rows `migrate` recreates, read once per backup or check."""

    def __init__(self, using: str) -> None:
        self.using = using
        self._maps: dict[type[models.Model], dict[Any, list]] = {}

    def handles(self, model: type[models.Model]) -> bool:
        return model in RECREATED_BY_MIGRATE

    def of(self, model: type[models.Model], pk: Any) -> list | None:
        if pk is None:
            return None
        if model not in self._maps:
            rows = model._base_manager.using(self.using)
            if model is Permission:
                rows = rows.select_related("content_type")
            self._maps[model] = {row.pk: list(row.natural_key()) for row in rows}
        return self._maps[model][pk]


def serialize_rows(
    model: type[models.Model],
    *,
    fields: Sequence[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    natural: _NaturalKeys | None = None,
) -> Iterator[bytes]:
    """The model's rows in canonical form, one line each, in primary-key order; only the
    named `fields` when given (a restore compares the fields the backup had)."""
    natural = natural or _NaturalKeys(using)
    columns = _columns(model)
    m2m = _many_to_many(model)
    if fields is not None:
        wanted = set(fields)
        columns = [f for f in columns if f.name in wanted]
        m2m = [f for f in m2m if f.name in wanted]
    label = model._meta.label_lower
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows, CHUNK):
        related = {f.name: _m2m_values(f, [obj.pk for obj in chunk], using, natural) for f in m2m}
        for obj in chunk:
            values: dict[str, Any] = {}
            for f in columns:
                if f.is_relation and natural.handles(f.related_model):
                    values[f.name] = natural.of(f.related_model, f.value_from_object(obj))
                else:
                    values[f.name] = _value(obj, f)
            for f in m2m:
                values[f.name] = related[f.name].get(obj.pk, [])
            yield _line(label, _value(obj, model._meta.pk), values)


def _m2m_values(
    f: models.ManyToManyField, pks: list[Any], using: str, natural: _NaturalKeys
) -> dict[Any, list]:
    """{source pk: sorted target pks (or natural keys)} for one chunk, in one query rather
    than one per row as Django's serialiser does."""
    through = f.remote_field.through
    source = through._meta.get_field(f.m2m_field_name()).attname
    target = through._meta.get_field(f.m2m_reverse_field_name()).attname
    found: dict[Any, list] = {}
    pairs = through._base_manager.using(using).filter(**{f"{source}__in": pks})
    for source_pk, target_pk in pairs.values_list(source, target):
        if natural.handles(f.related_model):
            found.setdefault(source_pk, []).append(natural.of(f.related_model, target_pk))
        else:
            found.setdefault(source_pk, []).append(target_pk)
    return {pk: sorted(values) for pk, values in found.items()}


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def checksum(
    model: type[models.Model],
    *,
    fields: Sequence[str] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    natural: _NaturalKeys | None = None,
) -> tuple[int, str]:
    """(rows, SHA-256 of their canonical serialisation) of one model as the database has it."""
    digest = hashlib.sha256()
    rows = 0
    for line in serialize_rows(model, fields=fields, using=using, natural=natural):
        digest.update(line)
        rows += 1
    return rows, digest.hexdigest()


# Media -------------------------------------------------------------------------------------


def media_names(storage: Storage | None = None, directory: str = "") -> Iterator[str]:
    """Every file name of the storage, depth first, sorted."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # no upload yet: MEDIA_ROOT does not exist
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from media_names(storage, f"{directory}/{name}" if directory else name)


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(
            _("The archive holds a file with an unsafe name: %(name)s.") % {"name": name}
        )
    return path.as_posix()


class _Hashing(io.RawIOBase):
    """Reads through to `raw`, hashing and counting what passes."""

    def __init__(self, raw: IO[bytes], size: int | None = None) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.read_bytes = 0
        if size is not None:
            self.size = size  # what Django's File asks for

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.read_bytes += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _sha256_of(stream: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while data := stream.read(COPY_BUFFER):
        digest.update(data)
        size += len(data)
    return size, digest.hexdigest()


# Backup ------------------------------------------------------------------------------------


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
    connection = connections[using]
    try:
        # Personal data and password hashes: readable by the owner only.
        with partial.open("wb") as raw:
            partial.chmod(0o600)
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive:
                # Every table read in one snapshot, so that the rows refer to each other even
                # while the application keeps writing.
                snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
                with transaction.atomic(using=using):
                    if snapshot:
                        with connection.cursor() as cursor:
                            cursor.execute(
                                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                            )
                    manifest = _manifest_head(using)
                    natural = _NaturalKeys(using)
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
    archive: tarfile.TarFile, model: type[models.Model], using: str, natural: _NaturalKeys
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
            hashing = _Hashing(stored)
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


# Reading an archive ------------------------------------------------------------------------


def _open(path: Path) -> tarfile.TarFile:
    try:
        # Stream mode: members are read in order, never all held in memory.
        return tarfile.open(path, mode="r|gz")
    except FileNotFoundError:
        raise BackupError(_("There is no file %(path)s.") % {"path": path}) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(
            _("%(path)s is not a Tadamon backup (%(error)s).") % {"path": path, "error": exc}
        ) from exc


def _damaged(path: Path, error: Exception) -> BackupError:
    return BackupError(
        _("The archive %(path)s is damaged or incomplete (%(error)s); nothing was restored.")
        % {"path": path, "error": error}
    )


def check_archive(path: Path | str, *, progress: Progress | None = None) -> dict[str, Any]:
    """Read the whole archive and compare every file with its manifest; answer the manifest,
    or raise BackupError saying what differs."""
    path = Path(path)
    say = progress or (lambda message: None)
    found: dict[str, tuple[int, str, int]] = {}  # member: size, sha256, lines
    manifest: dict[str, Any] | None = None
    try:
        with _open(path) as archive:
            for member in archive:
                if not member.isfile():
                    raise BackupError(
                        _("The archive holds something other than files: %(name)s.")
                        % {"name": member.name}
                    )
                stream = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest = _parse_manifest(stream.read())
                    continue
                digest = hashlib.sha256()
                size = lines = 0
                while data := stream.read(COPY_BUFFER):
                    digest.update(data)
                    size += len(data)
                    lines += data.count(b"\n")
                found[member.name] = (size, digest.hexdigest(), lines)
    except BackupError:
        raise
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _damaged(path, exc) from exc
    if manifest is None:
        raise _damaged(path, ValueError(_("no manifest")))
    _compare(manifest, found)
    say(
        _("Archive checked: %(models)s models, %(media)s media files.")
        % {"models": len(manifest["models"]), "media": len(manifest["media"])}
    )
    return manifest


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BackupError(_("The manifest of the archive cannot be read.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This file is not a Tadamon backup."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _(
                "This backup has format version %(found)s; this version of Tadamon reads "
                "version %(known)s."
            )
            % {"found": manifest.get("version"), "known": VERSION}
        )
    return manifest


def _compare(manifest: dict[str, Any], found: dict[str, tuple[int, str, int]]) -> None:
    expected: set[str] = set()
    for entry in manifest["models"]:
        expected.add(entry["file"])
        size_sha_lines = found.get(entry["file"])
        if size_sha_lines is None:
            raise BackupError(
                _("The archive lacks the data of %(model)s.") % {"model": entry["label"]}
            )
        _size, sha, lines = size_sha_lines
        if sha != entry["sha256"] or lines != entry["rows"]:
            raise BackupError(
                _(
                    "The data of %(model)s do not match the manifest (checksum or row count): "
                    "the archive was altered or damaged."
                )
                % {"model": entry["label"]}
            )
    for entry in manifest["media"]:
        name = f"{MEDIA_DIR}/{_safe_media_name(entry['name'])}"
        expected.add(name)
        size_sha_lines = found.get(name)
        if size_sha_lines is None:
            raise BackupError(
                _("The archive lacks the media file %(name)s.") % {"name": entry["name"]}
            )
        size, sha, _lines = size_sha_lines
        if size != entry["size"] or sha != entry["sha256"]:
            raise BackupError(
                _(
                    "The media file %(name)s does not match the manifest: the archive was "
                    "altered or damaged."
                )
                % {"name": entry["name"]}
            )
    unexpected = sorted(set(found) - expected)
    if unexpected:
        raise BackupError(
            _("The archive holds a file its manifest does not list: %(name)s.")
            % {"name": unexpected[0]}
        )


# Restore -----------------------------------------------------------------------------------


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
            _rebuild_search_index()
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
        tables += [f.remote_field.through._meta.db_table for f in _many_to_many(model)]
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
        with _open(path) as archive:
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
    columns = [model._meta.pk, *_columns(model)]
    m2m = {f.name: f for f in _many_to_many(model)}
    manager = model._base_manager.using(using)
    connection = connections[using]
    objects = Deserializer(records, using=using, handle_forward_references=False)
    for chunk in _chunks(objects, CHUNK):
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
    natural = _NaturalKeys(using)
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
    restored += [f.remote_field.through for model in restored for f in _many_to_many(model)]
    statements = connection.ops.sequence_reset_sql(no_style(), restored)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _rebuild_search_index() -> None:
    from tadamon.core.management.commands.search_index import rebuild

    rebuild()


def _restore_media(
    path: Path, manifest: dict[str, Any], written: list[str], say: Progress
) -> tuple[int, int]:
    """Write every media file of the archive into the default storage, each checked once
    written; `written` collects the names so that a failure can remove them."""
    expected = {f"{MEDIA_DIR}/{entry['name']}": entry for entry in manifest["media"]}
    count = total = 0
    try:
        with _open(path) as archive:
            for member in archive:
                entry = expected.get(member.name)
                if entry is None:
                    continue
                name = _safe_media_name(entry["name"])
                if default_storage.exists(name):
                    with default_storage.open(name, "rb") as current:
                        if _sha256_of(current)[1] == entry["sha256"]:
                            count += 1
                            total += entry["size"]
                            continue
                    default_storage.delete(name)
                # A sized, forward-only reader: the archive is read as a stream.
                content = _Hashing(archive.extractfile(member), size=entry["size"])
                saved = default_storage.save(name, File(content, name=name))
                written.append(saved)
                with default_storage.open(saved, "rb") as stored:
                    size, sha = _sha256_of(stored)
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
        raise _damaged(path, exc) from exc
    say(_("  media: %(count)s files") % {"count": count})
    return count, total
