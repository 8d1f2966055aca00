"""The web app manifest and the address the installed app opens at (tadamon/pwa/views.py has
the service worker and the offline page)."""

import hashlib
import json

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tadamon.accounts.adapter import landing_url
from tadamon.core.middleware import chosen_language
from tadamon.pwa import icons

# The navigation bar's green (tadamon/static/tadamon/tadamon.css, .tadamon-bar): the phone's
# status bar takes it. base.html's <meta name="theme-color"> says the same.
THEME_COLOR = "#146c43"
# The pages' own background, behind the icon on the splash screen while the app starts.
BACKGROUND_COLOR = "#ffffff"
CONTENT_TYPE = "application/manifest+json"


def manifest_data(request: HttpRequest) -> dict:
    """The manifest in the language of the request's pages (the language cookie; Arabic by
    default), with the icons' static addresses (hashed after collectstatic)."""
    language = chosen_language(request)
    with translation.override(language):
        return {
            # Fixed apart from start_url: a phone knows an installed app by its id.
            "id": "/",
            "name": _("Tadamon — social and solidarity economy fairs"),
            "short_name": _("Tadamon"),
            "description": _(
                "Fairs of the social and solidarity economy: exhibitors, sales, visitors "
                "and programme, on the phone."
            ),
            "lang": language,
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "start_url": reverse("pwa:start"),
            "scope": "/",
            "display": "standalone",
            "background_color": BACKGROUND_COLOR,
            "theme_color": THEME_COLOR,
            "icons": [
                {
                    "src": static(icon.static_path),
                    "sizes": f"{icon.size}x{icon.size}",
                    "type": "image/png",
                    "purpose": icon.kind,
                }
                for icon in icons.ICONS
                if icon.in_manifest
            ],
        }


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """/manifest.webmanifest. Never a public page of the visitors' cache: it follows the
    language cookie (LanguageMiddleware adds Vary: Cookie). The browser asks again each time
    and gets a 304 while nothing changed."""
    body = json.dumps(manifest_data(request), ensure_ascii=False, indent=2).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type=CONTENT_TYPE
    )
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, private=True)
    return response


@require_GET
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Where the installed app opens: the page a person lands on after logging in (their
    organization, or the registry), the public home page for a visitor."""
    if request.user.is_authenticated:
        return HttpResponseRedirect(landing_url(request.user))
    return HttpResponseRedirect(reverse("public:home"))
