"""Uploaded files: accepted for what they contain, never for their name or the content type
the browser announces, within a size limit, and stored under a name made up by the server.

A file called ``photo.png`` may hold a PHP script, and a client's file name may hold ``..``,
an executable extension or personal data: images are opened with Pillow, the stored name is a
random UUID with the extension of the format found inside, and the client's name is dropped.
"""

from collections.abc import Collection
from pathlib import PurePosixPath
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Pillow's format name: the extension a stored file of that format gets.
IMAGE_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Extensions kept from a client's file name when the content says nothing (never a script's).
SAFE_EXTENSIONS = {
    ".jpg": ".jpg",
    ".jpeg": ".jpg",
    ".png": ".png",
    ".webp": ".webp",
    ".pdf": ".pdf",
    ".zip": ".zip",
}
# A few kilobytes of PNG can decode into gigabytes (a "decompression bomb"); 40 megapixels is
# more than any phone camera sends at the photo size limit.
DEFAULT_MAX_PIXELS = 40_000_000


def max_photo_bytes() -> int:
    return int(settings.TADAMON_PHOTO_MAX_BYTES)


def max_pixels() -> int:
    return int(getattr(settings, "TADAMON_PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".rstrip("0").rstrip(".")


def _restoring_position(file: Any):
    """The file's read position, to put back once Pillow has read it."""
    return file.tell() if hasattr(file, "tell") else 0


def check_image(
    file: Any,
    *,
    field: str,
    formats: Collection[str] = tuple(IMAGE_EXTENSIONS),
    max_bytes: int | None = None,
) -> str:
    """The format (JPEG, PNG, WEBP) of an uploaded image once Pillow has read and verified it,
    within `max_bytes` (TADAMON_PHOTO_MAX_BYTES by default) and the pixel limit; otherwise a
    ValidationError whose message names `field` (its label, as the person sees it)."""
    limit = max_photo_bytes() if max_bytes is None else max_bytes
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("%(field)s: the file is %(size)s MB; the limit is %(limit)s MB."),
            code="file_size",
            params={"field": field, "size": _megabytes(size), "limit": _megabytes(limit)},
        )
    position = _restoring_position(file)
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            # verify() reads the whole file and checks its structure (PNG checksums...).
            image.verify()
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(field) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            _("%(field)s: the file is not an image."),
            code="file_type",
            params={"field": field},
        ) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if width * height > max_pixels():
        raise _too_many_pixels(field)
    if image_format not in formats:
        raise ValidationError(
            _("%(field)s: the image must be in one of these formats: %(formats)s."),
            code="file_type",
            params={"field": field, "formats": ", ".join(_format_names(formats))},
        )
    return image_format


def _format_names(formats: Collection[str]) -> list[str]:
    names = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
    return [names.get(name, name) for name in formats]


def _too_many_pixels(field: str) -> ValidationError:
    return ValidationError(
        _("%(field)s: the image has more than %(limit)s million pixels; send a smaller one."),
        code="file_pixels",
        params={"field": field, "limit": max_pixels() // 1_000_000},
    )


def image_extension(file: Any) -> str:
    """The extension for the image format found in `file`, or "" when it is not one (or
    when `file` is a file already stored, which is not read back)."""
    if not file or (isinstance(file, FieldFile) and file._committed):
        return ""
    try:
        position = _restoring_position(file)
    except (OSError, ValueError):  # a closed file
        return ""
    try:
        if hasattr(file, "seek"):
            file.seek(0)
        with Image.open(file) as image:
            return IMAGE_EXTENSIONS.get(image.format, "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return ""
    finally:
        if hasattr(file, "seek"):
            file.seek(position)


def safe_extension(filename: str) -> str:
    return SAFE_EXTENSIONS.get(PurePosixPath(filename or "").suffix.lower(), "")


def generated_name(directory: str, filename: str, content: Any = None) -> str:
    """`directory`/<random hex><extension>: the extension of the image format inside
    `content` when given, else a safe extension of `filename`, else none. Nothing else of
    the client's file name is kept."""
    extension = image_extension(content) if content is not None else ""
    extension = extension or safe_extension(filename)
    return f"{directory.rstrip('/')}/{uuid4().hex}{extension}"


@deconstructible
class UploadTo:
    """An `upload_to` that stores under `directory` with a generated name; `field` names the
    model's file field, whose content gives the extension."""

    def __init__(self, directory: str, field: str = "") -> None:
        self.directory = directory
        self.field = field

    def __call__(self, instance: Any, filename: str) -> str:
        # While the model is saved, its field holds the uploaded file not yet stored.
        content = getattr(instance, self.field, None) if self.field else None
        return generated_name(self.directory, filename, content)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadTo) and (self.directory, self.field) == (
            other.directory,
            other.field,
        )

    def __hash__(self) -> int:
        return hash((self.directory, self.field))
