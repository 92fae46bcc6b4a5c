"""Rate limits counted in the cache (Redis in production, so all web processes share the
counts). Keys hold a keyed hash of what is counted (an address, an e-mail address), never the
value itself. Each app names its limits, as (limit, window in seconds) pairs, and a scope."""

import datetime

from django.core.cache import cache

from core.crypto import Purpose, keyed_hash

HOUR, DAY = 3600, 24 * 3600


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
