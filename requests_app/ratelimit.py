"""Rate limits on the public forms, counted in the cache (Redis in production, so all web
processes share the counts). Keys hold a keyed hash of the address, never the address.

A form asks `wait_seconds` before it validates and counts with `hit` only a send that was
valid, so a resident correcting their mistakes is never slowed down; a limited send gets its
form back, with what was typed and the true wait. The numbers and their reasons are in the
README ("Rate limits on the forms")."""

import datetime

from django.core.cache import cache

from core.crypto import Purpose, keyed_hash

HOUR, DAY = 3600, 24 * 3600
# (limit, window in seconds). Requests filed from one connection: a service counter (KCC)
# helping a resident every few minutes, a library PC, or a parent filing for four children
# all stay well below; a script filing hundreds does not.
PER_ADDRESS = ((20, HOUR), (100, DAY))
# Acknowledgements to one e-mail address: a family with several children fits. Beyond it the
# request is still stored and the page is the same, but no e-mail goes out, so nobody learns
# from the answer whether an address filed before, and nobody can flood a mailbox.
PER_EMAIL = ((10, DAY),)
PER_STATUS_ADDRESS = ((60, 60),)
# New confirmation codes per request (see verification.CODE_REQUESTS_PER_HOUR).
PER_CODE_REQUEST = ((3, HOUR), (10, DAY))


def _key(scope, value, window):
    digest = keyed_hash(value, purpose=Purpose.RATE_LIMIT)
    return f"ratelimit:{scope}:{window}:{digest[:32]}"


def wait_seconds(scope: str, value: str, limits, *, now: datetime.datetime) -> int:
    """Seconds until one more attempt fits every limit; 0 when it fits now. Counts nothing."""
    wait = 0
    for limit, window in limits:
        key = _key(scope, value, window)
        if (cache.get(key) or 0) >= limit:
            until = cache.get(key + ":until")
            left = int(until - now.timestamp()) + 1 if until else window
            wait = max(wait, min(max(left, 1), window))
    return wait


def hit(scope: str, value: str, limits, *, now: datetime.datetime) -> None:
    """Counts one attempt in every window; a window starts with its first attempt."""
    for _limit, window in limits:
        key = _key(scope, value, window)
        if cache.add(key, 0, timeout=window):
            cache.set(key + ":until", now.timestamp() + window, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            cache.set(key + ":until", now.timestamp() + window, timeout=window)


def attempt(scope: str, value: str, limits, *, now: datetime.datetime) -> int:
    """Counts one attempt that counts whatever its outcome (opening a status link); returns
    the wait as `wait_seconds` did before it, 0 when allowed."""
    wait = wait_seconds(scope, value, limits, now=now)
    if not wait:
        hit(scope, value, limits, now=now)
    return wait
