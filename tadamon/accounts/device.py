"""Whose data a phone holds: an opaque key per account, for what the browser keeps offline.

The service worker keeps each account's field pages in a cache of its own, and the offline
queue marks each item with its owner; both go by this key, so that on a phone shared by two
gate agents the second never sees the first's pages or sends the first's items under their own
name. The key reveals nothing (an HMAC of the account's id) and changes with the password (the
session hash is part of it), which empties what the phone kept of the old one.
"""

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.views.decorators.gzip import gzip_page

SALT = "tadamon.accounts.device_key"


def device_key(user) -> str:
    """The key of `user`'s data on a device; "" for a visitor who is not signed in."""
    if not getattr(user, "is_authenticated", False):
        return ""
    value = f"{user.pk}:{user.get_session_auth_hash()}"
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:32]


def device(request: HttpRequest) -> dict:
    """Template context: `device_key`, read by the pages' scripts (tadamon/queue.js)."""
    return {"device_key": device_key(getattr(request, "user", None))}


# The header by which a page asks the service worker (tadamon/pwa) to keep it for use
# without a network, naming whose it is.
KEEP_HEADER = "X-Tadamon-Keep"
PUBLIC_OWNER = "public"


def keep_offline(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a field page (the gate's tally, check-in, a sales declaration, an agenda, a badge)
    to be kept on the phone, in the cache of the account that opened it.

    Field pages are also sent compressed: phones open them on 3G, and the check-in page
    carries its registered people for the search without a network (174 KB for 200 people,
    17 KB compressed). Only these: compressing every page would cost the public pages, served
    from the cache, a good part of their throughput. Django pads compressed answers against
    BREACH, and CSRF tokens are masked per answer.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            owner = device_key(getattr(request, "user", None)) or PUBLIC_OWNER
            response[KEEP_HEADER] = owner
        return response

    return gzip_page(wrapper)
