"""The public site's origin, for addresses that leave the site: certificates' QR codes, links
in e-mails. TADAMON_PUBLIC_BASE_URL in production (required there: config/settings.py); in
development, the host of the request being served, since the site is reached at whatever
address runserver or a tunnel gives it."""

from django.conf import settings
from django.http import HttpRequest

# Development without a request (a command, the demo loader): runserver's own address.
DEVELOPMENT_ORIGIN = "http://127.0.0.1:8000"


def public_base_url(request: HttpRequest | None = None) -> str:
    """The origin without a trailing slash, e.g. https://tadamon.example.ma."""
    configured = (settings.TADAMON_PUBLIC_BASE_URL or "").strip()
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_ORIGIN
