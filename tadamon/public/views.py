from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from tadamon.public import selectors
from tadamon.public.cache import public_page
from tadamon.registry.selectors import registry_figures


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the Django admin, an htmx
    fragment opened alone): they get the site's icon rather than a 404 in their console."""
    return HttpResponsePermanentRedirect(static("tadamon/favicon.svg"))


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness only: no database work, so it measures the server's own ceiling."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def switch_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: a GET, so that the pages holding it carry no CSRF token and can
    be cached for every visitor. A language preference is no secret worth a token."""
    language = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    add_never_cache_headers(response)
    return response


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "figures": registry_figures(),
        "events": selectors.current_and_upcoming(today)[:6],
        "today": today,
    }
    return render(request, "public/home.html", context)
