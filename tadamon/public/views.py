from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness only: no database work, so it measures the server's own ceiling."""
    return HttpResponse("ok", content_type="text/plain")
