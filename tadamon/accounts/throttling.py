"""The client address that login throttling (django-axes) counts failures against."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or, behind `TADAMON_PROXY_COUNT` trusted proxies, the address the first of
    them saw: each proxy appends to X-Forwarded-For, so only the entries they added can be
    trusted, and a client cannot dodge the lock by sending its own header."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TADAMON_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def login_name(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The name django-axes counts failures for: what the person typed in the log-in field
    (a user name, an e-mail or a phone number; allauth passes it as `username` too)."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = getattr(request, "POST", {})
    return data.get("login") or data.get("username")


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' answer to a locked-out log-in: our page, in the user's language, saying
    how many minutes to wait (429, so that scripts see a rate limit)."""
    from tadamon.accounts.lockout import AddressAwareHandler  # axes' models need the apps

    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    address_limit = settings.TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT
    by_address = AddressAwareHandler().failures_by_address(request, credentials)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
        "address_locked": by_address >= address_limit,
        "address_limit": address_limit,
    }
    return render(request, "accounts/locked_out.html", context, status=429)
