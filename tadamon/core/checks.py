"""Deployment checks of Tadamon's own settings (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils.module_loading import import_string

from tadamon.core.sms import DEFAULT_GATEWAY
from tadamon.core.sms_http import HttpSmsGateway

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


@register(Tags.compatibility, deploy=True)
def check_sms_provider(app_configs, **kwargs) -> list[Warning]:
    """An HTTP provider without its address or key would fail every SMS at the first send."""
    gateway = import_string(settings.TADAMON_SMS_GATEWAY or DEFAULT_GATEWAY)
    if not issubclass(gateway, HttpSmsGateway):
        return []
    missing = [
        name for name in ("TADAMON_SMS_URL", "TADAMON_SMS_TOKEN") if not getattr(settings, name)
    ]
    if not missing:
        return []
    return [
        Warning(
            f"{settings.TADAMON_SMS_GATEWAY} is chosen but {', '.join(missing)} is not set.",
            hint="Set the provider's base address and key, or choose "
            "tadamon.core.sms.LoggingSmsGateway.",
            id="tadamon.W002",
        )
    ]
