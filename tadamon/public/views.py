from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tadamon.public import selectors
from tadamon.registry.selectors import registry_figures


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
