"""The public pages' cache: whole pages for visitors who are not signed in (issue 18, item 1).

A cached page is found under a key made of everything that changes its HTML:

- the version of what the public pages show (PageVersion: a number bumped by every change,
  and an epoch new for each database);
- the release: a digest of the code, templates and translations, and of the settings that
  go into a page (a deploy never serves the previous release's pages);
- the day (the lists of current and upcoming fairs change at midnight);
- the language, the scheme and host (the canonical and og:url links), the address with its
  query string, and whether htmx asks for the part of the page it swaps in (HX-Request).

Every change goes through a service that writes the audit trail (tadamon/core/audit.py), so
the version is bumped from there, once the change is committed: no visitor sees a page older
than the last change, and no service has to remember the cache. Changes that no public page
shows (sales, visitor counts, attendance, B2B meetings, reviews, accounts), the bulk of a fair
day's writes, leave the version alone, so the cache keeps working while the fair runs. A
rebuild of the search index (after a bulk load, or a restore) bumps it too. A change made
outside the services (a Django shell) is seen after `bump()`.

A visitor who is signed in, or who carries a session or a pending message, always gets a
freshly rendered page and never writes one into the cache. Every cached answer carries an
ETag, so that a phone that already holds the page gets a 304 without the body. There is no
Last-Modified: to the second, it could not tell two versions of a page apart.

TADAMON_PUBLIC_CACHE=0 turns the cache off (the benchmark's "before").
"""

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from tadamon.core.middleware import chosen_language
from tadamon.core.models import AuditEntry
from tadamon.core.release import release
from tadamon.public.models import PageVersion

logger = logging.getLogger(__name__)

# Object types whose changes no public page shows (app_label.model, or app_label.* for all).
# Anything not listed bumps the version: a type forgotten here costs a few renders, never a
# stale page.
UNSEEN = frozenset(
    {
        "accounts.*",
        "sales.*",
        "visitors.*",
        "b2b.*",
        "calendars.*",
        "programme.attendance",
        "programme.registration",
        "programme.certificate",
        "programme.certificatebatch",
        "calls.score",
        "calls.reviewassignment",
        "awards.juryscore",
    }
)
# Long enough for the crowd of a fair day, short enough that addresses asked once (a crawler's
# searches) leave the cache soon.
TIMEOUT_S = 10 * 60
KEY_PREFIX = "public-page"
# What goes into a page besides the data and the code.


def enabled() -> bool:
    return getattr(settings, "TADAMON_PUBLIC_CACHE", True)


def shown_in_public(object_type: str) -> bool:
    app_label = object_type.split(".", 1)[0]
    return object_type not in UNSEEN and f"{app_label}.*" not in UNSEEN


# The version ------------------------------------------------------------------------------


_CURRENT = f"SELECT epoch, number FROM {PageVersion._meta.db_table} WHERE id = %s"  # noqa: S608


def current() -> PageVersion | None:
    """The version in force; None when the database has no row yet (no page is cached then:
    a read never writes). One plain query: it is asked for on every visitor's request."""
    with connection.cursor() as cursor:
        cursor.execute(_CURRENT, [PageVersion.ONLY])
        row = cursor.fetchone()
    if row is None:
        return None
    epoch, number = row
    return PageVersion(
        pk=PageVersion.ONLY,
        epoch=epoch if isinstance(epoch, uuid.UUID) else uuid.UUID(epoch),
        number=number,
    )


def bump() -> None:
    """Every public page changes from now on."""
    if PageVersion.objects.filter(pk=PageVersion.ONLY).update(number=F("number") + 1):
        return
    try:
        with transaction.atomic():
            PageVersion.objects.create(pk=PageVersion.ONLY, epoch=uuid.uuid4(), number=1)
    except IntegrityError:  # created meanwhile by another bump
        PageVersion.objects.filter(pk=PageVersion.ONLY).update(number=F("number") + 1)


# The bump each connection's open transaction waits for (connections are per thread).
_pending = threading.local()


def bump_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump once the current transaction commits (at once outside a transaction): pages
    rendered meanwhile, from the data before the change, are under the old version.
    Once per transaction, however many changes it holds (an import writes thousands)."""
    connection = transaction.get_connection(using)
    waiting = getattr(_pending, using, None)
    if connection.in_atomic_block and any(
        callback is waiting for _savepoints, callback, _robust in connection.run_on_commit
    ):
        return

    def bump_once() -> None:
        if getattr(_pending, using, None) is bump_once:
            setattr(_pending, using, None)
        bump()

    setattr(_pending, using, bump_once)
    transaction.on_commit(bump_once, using=using)


def follow(entry: AuditEntry) -> None:
    """The audit trail's listener (tadamon.core.audit.on_record)."""
    if shown_in_public(entry.object_type):
        bump_on_commit()


# The key ----------------------------------------------------------------------------------


def page_key(request: HttpRequest, version: PageVersion, language: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    # htmx asks the same address for the part of the page it swaps in.
    part = "part" if request.headers.get("HX-Request") else "page"
    return ":".join(
        (
            KEY_PREFIX,
            version.epoch.hex,
            str(version.number),
            release(),
            timezone.localdate().isoformat(),
            language,
            part,
            hashlib.sha256(address.encode()).hexdigest()[:32],
        )
    )


# Serving -------------------------------------------------------------------------------------
# Headers of a stored page that are not kept: its cookies (there are none: see _personal).
_NOT_KEPT = {"set-cookie"}


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark `view` as a public page: PublicPageMiddleware serves it from the cache to
    visitors who are not signed in."""
    view.public_page = True  # type: ignore[attr-defined]
    return view


def _is_public_page(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "public_page", False)


def _visitor(request: HttpRequest) -> bool:
    """Nobody signed in, no session, no pending message: the cookies say it before the session
    is read (a signed-in user always has the session cookie)."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _personal(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether the page holds something of this visitor's own: a cookie (the CSRF token's
    among them), a session, a signed-in user."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or (session is not None and session.modified)
        or (user is not None and user.is_authenticated)
    )


def _validated(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # The browser may keep the page but asks each time whether it changed (a 304 is cheap);
    # a shared cache on the way must not keep it (the key above is ours only).
    patch_cache_control(response, no_cache=True, private=True)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _answer(request: HttpRequest, entry: dict) -> HttpResponse:
    headers = entry["headers"]
    response = get_conditional_response(request, etag=entry["etag"])
    if response is None:
        return HttpResponse(entry["content"], headers=headers)
    for name in ("Cache-Control", "Vary", "Content-Language", "ETag"):
        if name in headers:
            response[name] = headers[name]
    return response


class PublicPageMiddleware:
    """Answers a visitor's public page from the cache, before the session, the user, the CSRF
    check and the rest of the stack: a cached page costs the version's query and one read
    of the cache. Placed after SecurityMiddleware and WhiteNoise, whose headers and static
    files still apply; the page stored is the one the whole stack answered, headers and all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method != "GET"
            or not enabled()
            or not _visitor(request)
            or not _is_public_page(request)
        ):
            return self.get_response(request)
        version = current()
        if version is None:
            return self.get_response(request)
        key = page_key(request, version, chosen_language(request))
        try:
            entry = cache.get(key)
        except Exception:  # Redis away: the page is rendered, the site stays up
            logger.exception("The public pages' cache cannot be read")
            return self.get_response(request)
        if entry is not None:
            return _answer(request, entry)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or _personal(request, response):
            return response
        content = response.content
        etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        _validated(response, etag)
        entry = {
            "content": content,
            "etag": etag,
            "headers": {
                name: value for name, value in response.items() if name.lower() not in _NOT_KEPT
            },
        }
        try:
            cache.set(key, entry, TIMEOUT_S)
        except Exception:
            logger.exception("The public pages' cache cannot be written")
        return response
