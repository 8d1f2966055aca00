from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from tadamon.public import selectors
from tadamon.registry.selectors import registry_figures


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (the Django admin, an htmx
    fragment opened alone): they get the site's icon rather than a 404 in their console."""
    return HttpResponsePermanentRedirect(static("tadamon/favicon.svg"))


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness only: no database work, so it measures the server's own ceiling."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "figures": registry_figures(),
        "events": selectors.current_and_upcoming(today)[:6],
        "today": today,
    }
    return render(request, "public/home.html", context)
