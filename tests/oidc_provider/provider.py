"""A small OpenID Provider for development and the tests: a real process speaking HTTP, with
discovery, JWKS, the authorization endpoint (a login page with test accounts), the token
endpoint (client secret, single-use codes, PKCE S256) and RP-initiated logout. It stands in
for the municipality's DigiD broker; it is never part of the portal.

The login page lets you choose any BSN, the DigiD level, a represented person's BSN, and a
fault, so that the portal's checks can be tried end to end: a wrong nonce, an expired token,
a token signed with another key, for another audience or from another issuer, no BSN claim.

    python tests/oidc_provider/provider.py --port 8001 --client-id portal-dev \\
        --client-secret dev-secret --redirect-uri 'http://127.0.0.1:8000/digid/terug/' \\
        --post-logout-uri 'http://127.0.0.1:8000/digid/uitgelogd/'

Redirect addresses are patterns (fnmatch: `http://localhost:*/digid/terug/`). Prints
`READY <issuer>` once it listens. Standard library, cryptography and PyJWT only.
"""

import argparse
import base64
import contextlib
import fnmatch
import hashlib
import html
import json
import secrets
import sys
import threading
import time
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

KID = "test-key-1"
CODE_VALID = 60  # seconds
TOKEN_VALID = 300  # seconds
LEVELS = {
    "basis": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    "midden": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "substantieel": "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    "hoog": "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}
FAULTS = {
    "": "none",
    "wrong_nonce": "wrong nonce",
    "expired": "expired ID token",
    "wrong_signature": "signed with another key",
    "wrong_audience": "for another client (audience)",
    "wrong_issuer": "from another issuer",
    "no_bsn": "no BSN claim",
}


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class Provider:
    def __init__(self, *, issuer, client_id, client_secret, redirect_uris, logout_uris):
        self.issuer = issuer
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uris = redirect_uris
        self.logout_uris = logout_uris
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.wrong_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.lock = threading.Lock()
        self.pending: dict[str, dict] = {}  # login page id -> the authorization request
        self.codes: dict[str, dict] = {}
        self.sessions: dict[str, dict] = {}  # the provider's own login sessions
        self.logouts = 0

    def discovery(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "claims_supported": ["sub", "bsn", "acr", "name", "email", "represented_bsn"],
        }

    def jwks(self):
        public = self.key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "kid": KID,
                    "use": "sig",
                    "alg": "RS256",
                    "n": _b64(public.n),
                    "e": _b64(public.e),
                }
            ]
        }

    def issue_code(self, request: dict, account: dict) -> str:
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {**request, "account": account, "at": time.time(), "used": False}
        return code

    def id_token(self, grant: dict) -> str:
        account, fault = grant["account"], grant["account"].get("fault", "")
        now = int(time.time())
        claims = {
            "iss": "http://elsewhere.invalid" if fault == "wrong_issuer" else self.issuer,
            "sub": hashlib.sha256(f"{account['bsn']}:{self.client_id}".encode()).hexdigest(),
            "aud": "another-client" if fault == "wrong_audience" else self.client_id,
            "iat": now - 400 if fault == "expired" else now,
            "exp": now - 120 if fault == "expired" else now + TOKEN_VALID,
            "nonce": "not-your-nonce" if fault == "wrong_nonce" else grant["nonce"],
            "acr": LEVELS[account["level"]],
        }
        if fault != "no_bsn":
            claims["bsn"] = account["bsn"]
        if account.get("represented_bsn"):
            claims["represented_bsn"] = account["represented_bsn"]
        for name in ("name", "email"):
            if account.get(name):
                claims[name] = account[name]
        key = self.wrong_key if fault == "wrong_signature" else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})


LOGIN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Test DigiD: log in</title></head><body><main>
<h1>Test DigiD (development and tests only)</h1>
<form method="post" action="/login">
<input type="hidden" name="interaction" value="{interaction}">
<p><label for="bsn">BSN</label> <input id="bsn" name="bsn" value="999993653"></p>
<p><label for="level">Level</label> <select id="level" name="level">{levels}</select></p>
<p><label for="represented_bsn">Acting for (BSN, optional)</label>
<input id="represented_bsn" name="represented_bsn" value=""></p>
<p><label for="name">Name</label> <input id="name" name="name" value="Jan Jansen"></p>
<p><label for="email">E-mail</label> <input id="email" name="email" value=""></p>
<p><label for="fault">Fault</label> <select id="fault" name="fault">{faults}</select></p>
<p><button type="submit">Log in</button></p>
</form></main></body></html>"""


class Handler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, format, *args):  # quiet: the tests read no log
        return

    # --- helpers ---
    def _send(self, status, body, content_type="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status, value, headers=()):
        self._send(status, json.dumps(value), headers=headers)

    def _redirect(self, url, headers=()):
        self.send_response(302)
        self.send_header("Location", url)
        self.send_header("Content-Length", "0")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def _query(self):
        return {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def _form(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

    def _session_id(self):
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        return cookie["op_session"].value if "op_session" in cookie else ""

    # --- endpoints ---
    def do_GET(self):
        path = urlsplit(self.path).path
        op = self.provider
        if path == "/.well-known/openid-configuration":
            return self._json(200, op.discovery())
        if path == "/jwks":
            return self._json(200, op.jwks())
        if path == "/authorize":
            return self._authorize(self._query())
        if path == "/logout":
            return self._logout(self._query())
        if path == "/_test/state":
            return self._json(200, {"logouts": op.logouts, "sessions": len(op.sessions)})
        return self._send(404, "not found", "text/plain")

    def do_POST(self):
        path = urlsplit(self.path).path
        if path == "/login":
            return self._login(self._form())
        if path == "/token":
            return self._token(self._form())
        return self._send(404, "not found", "text/plain")

    def _authorize(self, q):
        op = self.provider
        redirect_uri = q.get("redirect_uri", "")
        if q.get("client_id") != op.client_id or not any(
            fnmatch.fnmatchcase(redirect_uri, p) for p in op.redirect_uris
        ):
            return self._send(400, "unknown client or redirect_uri", "text/plain")
        if q.get("response_type") != "code" or "openid" not in q.get("scope", "").split():
            return self._send(400, "unsupported request", "text/plain")
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return self._send(400, "PKCE with S256 is required", "text/plain")
        request = {
            "redirect_uri": redirect_uri,
            "state": q.get("state", ""),
            "nonce": q.get("nonce", ""),
            "code_challenge": q["code_challenge"],
        }
        session = op.sessions.get(self._session_id())
        if session and q.get("prompt") != "login":  # single sign-on
            code = op.issue_code(request, {**session, "fault": ""})
            return self._redirect(self._back(request, code))
        interaction = secrets.token_urlsafe(16)
        with op.lock:
            op.pending[interaction] = request
        wanted = next((k for k, v in LEVELS.items() if v == q.get("acr_values")), "midden")
        levels = "".join(
            f'<option value="{k}"{" selected" if k == wanted else ""}>{k}</option>' for k in LEVELS
        )
        faults = "".join(
            f'<option value="{k}">{html.escape(v)}</option>' for k, v in FAULTS.items()
        )
        page = LOGIN_PAGE.format(interaction=interaction, levels=levels, faults=faults)
        return self._send(200, page, "text/html; charset=utf-8")

    def _back(self, request, code):
        query = urlencode({"code": code, "state": request["state"], "iss": self.provider.issuer})
        return f"{request['redirect_uri']}?{query}"

    def _login(self, form):
        op = self.provider
        with op.lock:
            request = op.pending.pop(form.get("interaction", ""), None)
        if request is None or form.get("level") not in LEVELS:
            return self._send(400, "unknown login", "text/plain")
        account = {
            k: form.get(k, "").strip() for k in ("bsn", "level", "represented_bsn", "name", "email")
        }
        session_id = secrets.token_urlsafe(16)
        with op.lock:
            op.sessions[session_id] = account
        code = op.issue_code(request, {**account, "fault": form.get("fault", "")})
        cookie = f"op_session={session_id}; Path=/; HttpOnly; SameSite=Lax"
        return self._redirect(self._back(request, code), headers=[("Set-Cookie", cookie)])

    def _token(self, form):
        op = self.provider
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        if client_id != op.client_id or not secrets.compare_digest(secret, op.client_secret):
            return self._json(401, {"error": "invalid_client"})
        if form.get("grant_type") != "authorization_code":
            return self._json(400, {"error": "unsupported_grant_type"})
        with op.lock:
            grant = op.codes.get(form.get("code", ""))
            replayed = grant is not None and grant["used"]
            if grant is not None:
                grant["used"] = True
        if grant is None or replayed or time.time() - grant["at"] > CODE_VALID:
            return self._json(400, {"error": "invalid_grant"})
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(400, {"error": "invalid_grant", "error_description": "redirect"})
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if challenge.rstrip(b"=").decode() != grant["code_challenge"]:
            return self._json(400, {"error": "invalid_grant", "error_description": "PKCE"})
        return self._json(
            200,
            {
                "access_token": secrets.token_urlsafe(24),
                "token_type": "Bearer",
                "expires_in": TOKEN_VALID,
                "id_token": op.id_token(grant),
            },
        )

    def _logout(self, q):
        op = self.provider
        uri = q.get("post_logout_redirect_uri", "")
        if q.get("client_id") != op.client_id or not any(
            fnmatch.fnmatchcase(uri, p) for p in op.logout_uris
        ):
            return self._send(400, "unknown client or post_logout_redirect_uri", "text/plain")
        with op.lock:
            op.sessions.pop(self._session_id(), None)
            op.logouts += 1
        expired = "op_session=; Path=/; Max-Age=0"
        target = f"{uri}?{urlencode({'state': q['state']})}" if q.get("state") else uri
        return self._redirect(target, headers=[("Set-Cookie", expired)])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--client-id", default="portal-dev")
    parser.add_argument("--client-secret", default="dev-secret")
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-uri", action="append", default=[])
    args = parser.parse_args(argv)
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    issuer = f"http://{args.host}:{server.server_address[1]}"
    Handler.provider = Provider(
        issuer=issuer,
        client_id=args.client_id,
        client_secret=args.client_secret,
        redirect_uris=args.redirect_uri or ["http://127.0.0.1:8000/digid/terug/"],
        logout_uris=args.post_logout_uri or ["http://127.0.0.1:8000/digid/uitgelogd/"],
    )
    print(f"READY {issuer}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
