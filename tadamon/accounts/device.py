"""Whose data a phone holds: an opaque key per account, for what the browser keeps offline.

The service worker keeps each account's field pages in a cache of its own, and the offline
queue marks each item with its owner; both go by this key, so that on a phone shared by two
gate agents the second never sees the first's pages or sends the first's items under their own
name. The key reveals nothing (an HMAC of the account's id) and changes with the password (the
session hash is part of it), which empties what the phone kept of the old one.
"""

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

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
