"""A URL that fails, to see the server-error page (tests/core/test_refusal_pages.py)."""

from django.urls import include, path

from config.urls import handler500  # noqa: F401  (the project's last resort, as in production)


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
