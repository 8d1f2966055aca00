"""Which release of Tadamon this process serves, as a short digest.

The public pages' cache puts it in every key (a deploy never serves the previous release's
pages) and the service worker is versioned by it (a phone takes the new release's files on
its next visit). It covers the code, the templates, the compiled translations, the static
files' manifest, the settings that go into a page, and `TADAMON_RELEASE`, the name an operator
may give a deployment.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

_SETTINGS_IN_PAGES = (
    "STATIC_URL",
    "MEDIA_URL",
    "STORAGES",
    "LANGUAGES",
    "TIME_ZONE",
    "TADAMON_RELEASE",
)
_SUFFIXES = {".py", ".html", ".txt", ".mo", ".json", ".js"}


@functools.cache
def release() -> str:
    """The digest of what renders the pages in this process (computed once per process)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    files = sorted(
        path
        for folder in (base / "tadamon", base / "config", base / "locale")
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.suffix in _SUFFIXES and path.is_file()
    )
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for path in [*files, manifest]:
        if path.is_file():
            digest.update(str(path.relative_to(path.anchor)).encode())
            digest.update(path.read_bytes())
    for name in _SETTINGS_IN_PAGES:
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()[:16]
