"""Deployment checks of Tadamon's own settings (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

_LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def check_public_base_url(app_configs, **kwargs) -> list[Warning]:
    """Certificates print TADAMON_PUBLIC_BASE_URL in their QR code, forever: it must be the
    public HTTPS origin, not empty nor this machine's loopback address."""
    value = (settings.TADAMON_PUBLIC_BASE_URL or "").strip()
    parts = urlsplit(value)
    if not value:
        problem = "TADAMON_PUBLIC_BASE_URL is not set"
    elif parts.scheme != "https" or not parts.hostname:
        problem = f"TADAMON_PUBLIC_BASE_URL ({value}) is not an https:// origin"
    elif parts.hostname in _LOOPBACK:
        problem = f"TADAMON_PUBLIC_BASE_URL ({value}) is this machine's loopback address"
    else:
        return []
    return [
        Warning(
            problem + ".",
            hint="Set it to the public address of the site, e.g. https://tadamon.example.ma: "
            "certificates' QR codes point there.",
            id="tadamon.W001",
        )
    ]
