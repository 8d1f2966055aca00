"""Product photos resized once for the public pages: a WebP of at most SIZE pixels a side,
written next to the media on first use and served as a file afterwards, so a cheap phone on a
weak connection downloads tens of kilobytes, not the camera's megabytes."""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger("tadamon.thumbnails")
SIZE = 480


def thumbnail_name(photo_name: str, size: int = SIZE) -> str:
    stem = PurePosixPath(photo_name).with_suffix("").as_posix()
    return f"thumbs/{size}/{stem}.webp"


def thumbnail_url(photo, size: int = SIZE) -> str:
    """The URL of the photo's thumbnail, made now if it does not exist yet; "" without a
    photo or when the file cannot be read as an image."""
    if not photo:
        return ""
    name = thumbnail_name(photo.name, size)
    if not default_storage.exists(name):
        try:
            with photo.open("rb") as source, Image.open(source) as image:
                picture = ImageOps.exif_transpose(image).convert("RGB")
                picture.thumbnail((size, size))
                buffer = io.BytesIO()
                picture.save(buffer, format="WEBP", quality=80)
        except (OSError, UnidentifiedImageError):
            logger.warning("Cannot make a thumbnail of %s", photo.name)
            return ""
        default_storage.save(name, ContentFile(buffer.getvalue()))
    return default_storage.url(name)
