"""Bearer tokens of `ApiClient`s: `Authorization: Bearer hpi_<key id>_<secret>`.

The key id finds the row; the secret is checked by a constant-time comparison of its hash. A
missing, unknown, revoked or wrong token gets the same 401, so a caller learns nothing about
which part was wrong."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..models import ApiClient
from ..models.intake import TOKEN_PREFIX

# `last_used_at` is written at most once per this interval: not a database write per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return self.authenticate_token(token, now=timezone.now())

    def authenticate_token(self, token, *, now):
        prefix, _sep, rest = token.partition("_")
        key_id, _sep, _secret = rest.partition("_")
        client = None
        if prefix == TOKEN_PREFIX and key_id:
            client = (
                ApiClient.objects.active()
                .select_related("organisation")
                .filter(key_id=key_id)
                .first()
            )
        if client is None or not client.matches(token):
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
            client.last_used_at = now
        return (client, client)

    def authenticate_header(self, request):
        # A WWW-Authenticate header makes DRF answer 401, not 403.
        return f'{self.keyword} realm="intake"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "cases.api.authentication.ApiTokenAuthentication"
    name = "intakeToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A token of an API client of a reporting organisation, made by "
                "`manage.py create_api_client` and shown once."
            ),
        }
