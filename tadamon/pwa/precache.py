"""What a phone takes when it installs a release: the shell and the field pages' files.

The service worker stores these in one go when a release is installed (all or nothing, so a
release is never half applied); other static files are kept as pages ask for them.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from tadamon.pwa import webfont

# The files the field pages load (tadamon/templates/base.html and the pages' own scripts).
STATIC_FILES = (
    "bootstrap/css/bootstrap.rtl.min.css",
    "bootstrap/css/bootstrap.min.css",
    "bootstrap/js/bootstrap.bundle.min.js",
    "htmx/htmx.min.js",
    "tadamon/tadamon.css",
    "tadamon/ui.js",
    "tadamon/queue.js",
    "tadamon/queue-list.js",
    "tadamon/app.js",
    "tadamon/favicon.svg",
    webfont.STATIC_PATH,
    "visitors/tally.js",
    "programme/checkin.js",
    "sales/declare.js",
)


def offline_pages() -> dict[str, str]:
    """The offline page's address in each language (the worker answers with the phone's)."""
    page = reverse("pwa:offline")
    return {code: f"{page}?lang={code}" for code, _name in settings.LANGUAGES}


def precache() -> list[str]:
    """Every address the worker stores when it installs."""
    return [static(name) for name in STATIC_FILES] + list(offline_pages().values())
