"""Where uploaded media go (photos, logos, certificate ZIPs), chosen by TADAMON_MEDIA_STORAGE.

`local` (the default) keeps them under MEDIA_ROOT on this machine; `s3` puts them in an
S3-compatible bucket through django-storages (the optional `s3` extra), so that several app
servers and the task worker share one copy. The package is only looked up, never imported,
here: settings must load on installations that do not have it.
"""

import os
from collections.abc import Mapping
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_BACKEND = "storages.backends.s3.S3Storage"


def media_storage(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """The STORAGES["default"] entry for TADAMON_MEDIA_STORAGE (`local` or `s3`)."""
    choice = environ.get("TADAMON_MEDIA_STORAGE", "").strip().lower() or "local"
    if choice == "local":
        return dict(LOCAL)
    if choice != "s3":
        raise ImproperlyConfigured(
            f"TADAMON_MEDIA_STORAGE must be 'local' or 's3', not {choice!r}."
        )
    if find_spec("storages") is None or find_spec("boto3") is None:
        raise ImproperlyConfigured(
            "TADAMON_MEDIA_STORAGE=s3 needs django-storages with boto3: "
            "install the project's s3 extra (pip install -e '.[s3]')."
        )
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        raise ImproperlyConfigured(
            "TADAMON_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME, the bucket for the media."
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        # Keep FileSystemStorage's behaviour: a second upload of the same name gets a new
        # name instead of replacing the first file.
        "file_overwrite": False,
        # The bucket stays private (certificate ZIPs hold names); pages get signed URLs.
        "default_acl": None,
        "querystring_auth": True,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        # Without keys boto3 finds its own (instance role, ~/.aws): pass them only if set.
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ):
        value = environ.get(variable, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_origins(storage: Mapping[str, Any]) -> list[str]:
    """Origins the browser loads media from besides this site (for the CSP's img-src)."""
    if storage.get("BACKEND") != S3_BACKEND:
        return []
    options = storage["OPTIONS"]
    endpoint = options.get("endpoint_url")
    bucket = options["bucket_name"]
    if endpoint:
        # Path-style URLs (the usual one for S3-compatible stores) or virtual-hosted ones.
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = options.get("region_name")
    # AWS itself: boto3 signs URLs on the bucket's own host, with or without the region.
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
