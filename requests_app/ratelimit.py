"""Rate limits on the public forms, counted in the cache (Redis in production, so all web
processes share the counts). Keys hold a keyed hash of the address, never the address."""

from django.core.cache import cache

from core.crypto import Purpose, keyed_hash

# (limit, window in seconds): enough for a person who makes mistakes, too few for a bot.
PER_ADDRESS = ((5, 60), (30, 24 * 3600))
PER_EMAIL = ((3, 24 * 3600),)
PER_STATUS_ADDRESS = ((60, 60),)


def _key(scope, value, window):
    digest = keyed_hash(value, purpose=Purpose.RATE_LIMIT)
    return f"ratelimit:{scope}:{window}:{digest[:32]}"


def hit(scope, value, limits):
    """Counts one attempt; True while every limit holds."""
    allowed = True
    for limit, window in limits:
        key = _key(scope, value, window)
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        allowed = allowed and count <= limit
    return allowed
