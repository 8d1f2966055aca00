"""The service worker's script and the page a phone shows when it has no network."""

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import PrefixNode, static
from django.utils import translation
from django.views.decorators.http import require_GET

from tadamon.accounts.device import KEEP_HEADER, PUBLIC_OWNER
from tadamon.core.release import release
from tadamon.pwa.precache import offline_pages, precache


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js: the release's settings, then the worker itself and the offline queue.

    Served from the root so that its scope is the whole site. Browsers compare it with the
    installed one at each visit: the release and the hashed names of the scripts it imports
    change with every deployment, which installs the new worker.
    """
    config = {
        "version": release(),
        "precache": precache(),
        "offline": offline_pages(),
        "staticUrl": PrefixNode.handle_simple("STATIC_URL"),
        "keepHeader": KEEP_HEADER,
        "publicOwner": PUBLIC_OWNER,
    }
    # The queue only adds Background Sync: a queue script that fails here must not cost the
    # phone its kept pages.
    body = (
        f"// Tadamon {config['version']}\n"
        f"self.TADAMON_SW = {json.dumps(config)};\n"
        f"try {{ importScripts({json.dumps(static('tadamon/queue.js'))}); }}\n"
        f"catch (error) {{ console.error('tadamon/queue.js', error); }}\n"
        f"importScripts({json.dumps(static('pwa/worker.js'))});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Always asked of the server, so that a deployment reaches phones at their next visit.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What a phone shows when it opens a page it has not kept and the network is gone.

    The worker stores it once per language when it installs, for whoever is signed in then:
    so it names nobody, and the pages it lists are read from the phone's own cache.
    """
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    with translation.override(language):
        response = render(
            request,
            "pwa/offline.html",
            {"user": AnonymousUser(), "device_key": "", "messages": []},
        )
    response["Content-Language"] = language
    return response
