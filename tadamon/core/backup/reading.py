"""Reading an archive and checking it against its manifest before anything is restored."""

import hashlib
import json
import tarfile
import zlib
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from tadamon.core.backup.contents import (
    COPY_BUFFER,
    FORMAT,
    MANIFEST,
    MEDIA_DIR,
    VERSION,
    BackupError,
    Progress,
)
from tadamon.core.backup.media import safe_media_name


def open_archive(path: Path) -> tarfile.TarFile:
    try:
        # Stream mode: members are read in order, never all held in memory.
        return tarfile.open(path, mode="r|gz")
    except FileNotFoundError:
        raise BackupError(_("There is no file %(path)s.") % {"path": path}) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(
            _("%(path)s is not a Tadamon backup (%(error)s).") % {"path": path, "error": exc}
        ) from exc


def damaged(path: Path, error: Exception) -> BackupError:
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
        with open_archive(path) as archive:
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
        raise damaged(path, exc) from exc
    if manifest is None:
        raise damaged(path, ValueError(_("no manifest")))
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
        name = f"{MEDIA_DIR}/{safe_media_name(entry['name'])}"
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
