"""Requests per API client, counted in the default cache (Redis in production, shared by all
processes). The rate is `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["intake"]`, read per request
so that a settings override applies at once."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from ..models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    scope = "intake"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return None  # not authenticated: refused before throttling matters
        return self.cache_format % {"scope": self.scope, "ident": client.public_id}
