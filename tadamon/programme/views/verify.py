"""The public verification page of a certificate, opened from its QR code: /verify/<number>.

- 200 with what the certificate states (in Arabic and in French, whatever the page's
  language) when it exists and stands;
- 410 Gone, with a clear notice and the date, when it was revoked: the number was real
  but no longer certifies anything, and a machine reading the status alone learns it too;
- 404 for a number never issued (or mistyped: the check character is verified first).

Public, no login. The reason for a revocation stays with the event's managers. The page says
only what a check needs (issue 15): the kind, the holder's name as printed, the event and
the date of issue; not the holder's organization nor the sessions and communes attended,
which the holder shows on the paper if they wish. Look-ups are limited per client address
(TADAMON_VERIFY_LIMIT per TADAMON_VERIFY_WINDOW_MINUTES), found or not: otherwise the
numbers, sequential with a short check suffix, could be enumerated.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tadamon.accounts.throttling import client_ip
from tadamon.core import ratelimit
from tadamon.programme.certificates import pdf, selectors


def _too_many(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Too many certificate checks"),
        "minutes": settings.TADAMON_VERIFY_WINDOW_MINUTES,
    }
    response = render(request, "too_many_requests.html", context, status=429)
    response["Retry-After"] = str(settings.TADAMON_VERIFY_WINDOW_MINUTES * 60)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def verify_certificate(request: HttpRequest, number: str) -> HttpResponse:
    allowed = ratelimit.hit(
        "verify",
        client_ip(request),
        limit=settings.TADAMON_VERIFY_LIMIT,
        window_seconds=settings.TADAMON_VERIFY_WINDOW_MINUTES * 60,
    )
    if not allowed:
        return _too_many(request)
    certificate = selectors.by_number(number)
    if certificate is None:
        status = 404
    elif certificate.is_revoked:
        status = 410
    else:
        status = 200
    context = {"number": number[:40], "certificate": certificate, "statement": {}}
    if certificate is not None:
        # The certificate's own titles, as printed, in both languages.
        wording = pdf.WORDING[certificate.kind]
        context.update(
            statement=certificate.statement,
            kind_ar=wording["ar"]["title"],
            kind_fr=wording["fr"]["title"],
        )
    response = render(request, "programme/certificate_verify.html", context, status=status)
    # Holders' names are shown to whoever has the number, not to search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
