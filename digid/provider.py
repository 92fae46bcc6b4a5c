"""The OpenID Connect provider DigiD is reached through (a broker), as the settings name it.

Without an issuer (or discovery URL), a client id and a client secret, DigiD is off: no button,
and the digid URLs answer 404. The provider's endpoints come from its discovery document,
fetched once an hour per process.
"""

import time
from dataclasses import dataclass

import requests
from django.conf import settings

DISCOVERY_KEPT = 3600  # seconds
TIMEOUT = 10  # seconds for every call to the provider
_discovered: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read or does not fit."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


def enabled() -> bool:
    return bool(
        (settings.DIGID_OIDC_ISSUER or settings.DIGID_OIDC_DISCOVERY_URL)
        and settings.DIGID_OIDC_CLIENT_ID
        and settings.DIGID_OIDC_CLIENT_SECRET
    )


def discovery_url() -> str:
    if settings.DIGID_OIDC_DISCOVERY_URL:
        return settings.DIGID_OIDC_DISCOVERY_URL
    return settings.DIGID_OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"


def provider(*, now: float | None = None) -> Provider:
    """The provider's endpoints. The document's issuer must be the configured one (OpenID
    Connect Discovery 1.0 §4.3), or tokens could be taken from another issuer."""
    now = time.monotonic() if now is None else now
    url = discovery_url()
    cached = _discovered.get(url)
    if cached is None or now - cached[0] > DISCOVERY_KEPT:
        try:
            response = requests.get(url, timeout=TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(str(exc)) from exc
        _discovered[url] = cached = (now, document)
    document = cached[1]
    expected = settings.DIGID_OIDC_ISSUER.rstrip("/")
    if expected and document.get("issuer", "").rstrip("/") != expected:
        raise ProviderUnavailable("The discovery document names another issuer.")
    try:
        return Provider(
            issuer=document["issuer"],
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
            end_session_endpoint=document.get("end_session_endpoint", ""),
        )
    except KeyError as exc:
        raise ProviderUnavailable(f"The discovery document lacks {exc}.") from exc
