"""Arabic first: the web interface is in Arabic until the user picks another language."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language of the web page answered to `request` (also read by the public pages'
    cache, which answers before this middleware runs)."""
    supported = {code for code, _name in settings.LANGUAGES}
    if request.path.startswith("/api/"):
        # API clients have no language switcher: they say what they want in Accept-Language.
        return translation.get_language_from_request(request)
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in supported else settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Like Django's LocaleMiddleware, but a browser's Accept-Language does not override
    the Arabic default of the web pages; the language switcher's cookie does."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
        else:
            patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
