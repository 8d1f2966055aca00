"""The media files of the default storage, read and checked by streaming."""

import hashlib
import io
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from django.core.files.storage import Storage, default_storage
from django.utils.translation import gettext as _

from tadamon.core.backup.contents import COPY_BUFFER, BackupError


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


def safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(
            _("The archive holds a file with an unsafe name: %(name)s.") % {"name": name}
        )
    return path.as_posix()


class Hashing(io.RawIOBase):
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


def sha256_of(stream: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while data := stream.read(COPY_BUFFER):
        digest.update(data)
        size += len(data)
    return size, digest.hexdigest()
