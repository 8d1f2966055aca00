"""A fixed-window counter in Django's cache (Redis in production, locmem otherwise): N hits per
key per window. Cheap enough for public pages that must not be enumerated (certificate
checks): one `add` and one `incr` per hit."""

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit of `key` in `scope`; False once `limit` hits were counted in the current
    window. The window starts at the first hit and its counter expires with it."""
    name = f"ratelimit:{scope}:{key}"
    # add() sets only a missing key, so two workers starting a window do not reset each other.
    cache.add(name, 0, timeout=window_seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add() and incr(): a new window begins
        cache.add(name, 1, timeout=window_seconds)
        count = 1
    return count <= limit
