"""Rate limits on the public forms, counted in the cache (Redis in production, so all web
processes share the counts). Keys hold a keyed hash of the address, never the address."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

# (limit, window in seconds): enough for a person who makes mistakes, too few for a bot.
PER_ADDRESS = ((5, 60), (30, 24 * 3600))
PER_EMAIL = ((3, 24 * 3600),)
PER_STATUS_ADDRESS = ((60, 60),)


def _key(scope, value, window):
    digest = hmac.new(settings.BLIND_INDEX_KEY.encode(), value.encode(), hashlib.sha256)
    return f"ratelimit:{scope}:{window}:{digest.hexdigest()[:32]}"


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


def client_address(request):
    """The client's address as the proxy reports it: REMOTE_ADDR unless the portal is told
    it sits behind a proxy that sets X-Forwarded-For (its last hop is the trusted one)."""
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
