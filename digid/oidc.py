"""The OpenID Connect code flow for DigiD, on mozilla-django-oidc.

mozilla-django-oidc makes the authorization request (state, nonce and a PKCE S256 challenge,
kept in the session per state), exchanges the code (with the verifier) and checks the ID
token's signature against the provider's keys. We add what it leaves out: the audience, the
issuer, expiry and issue time are checked too (`_verify_jws`), and no Django user is ever made
(`login_complete` returns a `session.Resident`). Every refusal is a `LoginRefused` with one of
REASONS, shown to the resident and written to the security log.
"""

import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify
from mozilla_django_oidc.views import OIDCAuthenticationRequestView
from stdnum.nl import bsn as bsn_number

from requests_app.assurance import Level, level_from_claim

from .provider import provider
from .session import Resident

REASONS = (
    "state",  # no login of ours is waiting for this answer: tampered, or used already
    "cancelled",  # the provider answered with an error (the resident cancelled)
    "code",  # the provider refused the code: replayed, expired or not ours
    "nonce",  # the ID token was not made for this login
    "expired",  # the ID token has expired
    "signature",  # the ID token is not signed by the provider's key
    "audience",  # the ID token was made for another client
    "issuer",  # the ID token was made by another provider
    "token",  # the ID token is malformed otherwise
    "bsn_missing",  # no BSN in the claims
    "bsn_invalid",  # a BSN that fails the eleven-test
    "level_unknown",  # no assurance level we know
    "unavailable",  # the provider cannot be reached
)
LEEWAY = 30  # seconds of clock difference allowed with the provider


class LoginRefused(Exception):
    def __init__(self, reason: str, detail: str = ""):
        if reason not in REASONS:  # a programming error, not an answer to show
            raise ValueError(reason)
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


class DigidBackend(OIDCAuthenticationBackend):
    """Used directly by the callback, never listed in AUTHENTICATION_BACKENDS: it makes no
    user. Endpoints come from discovery, not from static settings."""

    def __init__(self, *args, **kwargs):
        found = provider()
        self.issuer = found.issuer
        self.OIDC_OP_TOKEN_ENDPOINT = found.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = ""
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.DIGID_OIDC_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.DIGID_OIDC_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def _verify_jws(self, payload, key):
        """The signature (by the provider's key, with the one algorithm we accept), and the
        claims OpenID Connect Core §3.1.3.7 requires the client to check."""
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as exc:
            raise LoginRefused("token", type(exc).__name__) from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise LoginRefused("signature", "algorithm")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=LEEWAY,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise LoginRefused("expired") from exc
        except jwt.InvalidAudienceError as exc:
            raise LoginRefused("audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise LoginRefused("issuer") from exc
        except jwt.InvalidSignatureError as exc:
            raise LoginRefused("signature") from exc
        except jwt.InvalidTokenError as exc:
            raise LoginRefused("token", type(exc).__name__) from exc

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except (jwt.InvalidTokenError, KeyError) as exc:  # no header, or no kid in it
            raise LoginRefused("token", type(exc).__name__) from exc

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation as exc:  # no key of the provider's has the token's kid
            raise LoginRefused("signature", "unknown key") from exc
        except requests.RequestException as exc:
            raise LoginRefused("unavailable", type(exc).__name__) from exc


class DigidLoginView(OIDCAuthenticationRequestView):
    """The authorization request. `?niveau=25` asks the provider for at least that level
    (after a login that was too low), and to ask the resident again (prompt=login)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.OIDC_OP_AUTH_ENDPOINT = provider().authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.DIGID_OIDC_CLIENT_ID

    def get_extra_params(self, request):
        wanted = _wanted_level(request.GET.get("niveau", ""))
        request.session["digid_wanted_level"] = int(wanted) if wanted else 0
        if wanted is None:
            return {}
        return {"acr_values": LEVEL_ACR[wanted], "prompt": "login"}


LEVEL_ACR = {
    Level.BASIS: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    Level.MIDDEN: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    Level.SUBSTANTIEEL: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    Level.HOOG: "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}


def _wanted_level(value: str) -> Level | None:
    return level_from_claim(value) if value else None


def login_complete(request) -> Resident:
    """The callback: the state must be one we handed out in this session (it is used up
    here, so a second use of the same answer fails), the provider must accept the code with
    our PKCE verifier, and the ID token must pass every check, nonce included. Returns who
    logged in; raises LoginRefused otherwise. Stores nothing."""
    state = request.GET.get("state", "")
    waiting = request.session.get("oidc_states", {})
    if not state or state not in waiting:
        raise LoginRefused("state")
    login = waiting.pop(state)
    request.session.modified = True
    if request.GET.get("error"):
        raise LoginRefused("cancelled", request.GET["error"][:40])
    code = request.GET.get("code", "")
    if not code:
        raise LoginRefused("code", "missing")
    try:
        backend = DigidBackend()
        token = backend.get_token(
            {
                "client_id": settings.DIGID_OIDC_CLIENT_ID,
                "client_secret": settings.DIGID_OIDC_CLIENT_SECRET,
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": absolutify(request, reverse("digid-callback")),
                "code_verifier": login["code_verifier"],
            }
        )
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else 0
        raise LoginRefused("code", str(status)) from exc
    except requests.RequestException as exc:
        raise LoginRefused("unavailable", type(exc).__name__) from exc
    try:
        claims = backend.verify_token(token.get("id_token", ""), nonce=login["nonce"])
    except SuspiciousOperation as exc:  # the nonce check of mozilla-django-oidc
        raise LoginRefused("nonce") from exc
    return resident_from_claims(claims)


def resident_from_claims(claims: dict) -> Resident:
    """The BSN (and a represented person's, where the provider sends one) must pass the
    eleven-test; the level must be one of DigiD's."""
    own = str(claims.get(settings.DIGID_BSN_CLAIM) or "").strip()
    if not own:
        raise LoginRefused("bsn_missing")
    represented = ""
    if settings.DIGID_REPRESENTED_BSN_CLAIM:
        represented = str(claims.get(settings.DIGID_REPRESENTED_BSN_CLAIM) or "").strip()
    for number in filter(None, (own, represented)):
        if not bsn_number.is_valid(number):
            raise LoginRefused("bsn_invalid")
    level = level_from_claim(claims.get(settings.DIGID_LEVEL_CLAIM))
    if level is None:
        raise LoginRefused("level_unknown")
    return Resident(
        bsn=own,
        level=level,
        represented_bsn=represented,
        name=str(claims.get(settings.DIGID_NAME_CLAIM) or "")[:200],
        email=str(claims.get(settings.DIGID_EMAIL_CLAIM) or "")[:254],
    )


def logout_url(request, *, now: float | None = None) -> str:
    """Where the browser goes to end the session at the provider too (OpenID Connect
    RP-Initiated Logout 1.0), or "" when the provider has no end_session_endpoint. The
    client_id names us, not id_token_hint: an ID token holds the BSN, and it would be in an
    address (RP-Initiated Logout §2 allows either)."""
    endpoint = provider().end_session_endpoint
    if not endpoint:
        return ""
    query = urlencode(
        {
            "client_id": settings.DIGID_OIDC_CLIENT_ID,
            "post_logout_redirect_uri": absolutify(request, reverse("digid-logged-out")),
            "state": str(int(time.time() if now is None else now)),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
