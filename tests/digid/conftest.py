"""The test OpenID Provider (tests/oidc_provider/provider.py) as a real process on localhost,
started once per run, and helpers that log in through it as a resident's browser would.

In CI (CI=true) a provider that cannot start fails the tests that need it; locally they skip
with the reason (marker `oidc_provider`, tests/conftest.py)."""

import datetime
import re
import selectors
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils import timezone

from digid import provider as digid_provider
from requests_app.forms import form_started_token
from tests.conftest import IN_CI

PROVIDER = Path(__file__).resolve().parent.parent / "oidc_provider" / "provider.py"
CLIENT_ID, CLIENT_SECRET = "heerlen-portal-test", "test-secret-0123456789"
OWN_BSN, OTHER_BSN = "111222333", "123456782"  # tests/personal_data.py: never in a log


@pytest.fixture(scope="session")
def oidc_issuer():
    """Starts the provider on a free port; its address, once it listens."""
    command = [sys.executable, str(PROVIDER), "--port", "0", "--client-id", CLIENT_ID]
    command += ["--client-secret", CLIENT_SECRET]
    for host in ("http://testserver", "http://localhost:*", "http://127.0.0.1:*"):
        command += ["--redirect-uri", f"{host}/digid/terug/"]
        command += ["--post-logout-uri", f"{host}/digid/uitgelogd/"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch = selectors.DefaultSelector()
    watch.register(process.stdout, selectors.EVENT_READ)
    line = process.stdout.readline() if watch.select(timeout=30) else ""
    if not line.startswith("READY "):
        process.kill()
        reason = f"the test OpenID Provider did not start: {line!r} {process.stderr.read()[:500]}"
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        pytest.skip(reason)
    yield line.split()[1]
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def digid_on(settings, oidc_issuer):
    """DigiD configured against the test provider."""
    settings.DIGID_OIDC_ISSUER = oidc_issuer
    settings.DIGID_OIDC_DISCOVERY_URL = ""
    settings.DIGID_OIDC_CLIENT_ID = CLIENT_ID
    settings.DIGID_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.DIGID_REPRESENTED_BSN_CLAIM = "represented_bsn"
    digid_provider._discovered.clear()
    yield oidc_issuer
    digid_provider._discovered.clear()


class ProviderBrowser:
    """The resident's browser at the provider: its own cookies (the provider's session)."""

    def __init__(self, issuer):
        self.issuer = issuer
        self.http = requests.Session()

    def login_answer(self, authorize_url, **account):
        """Opens the provider's login page, logs in with `account`, and returns the path
        and query of the answer the provider sends back to the portal."""
        page = self.http.get(authorize_url, allow_redirects=False, timeout=10)
        if page.status_code == 302:  # single sign-on: already logged in at the provider
            return _path(page.headers["Location"])
        assert page.status_code == 200, page.text
        interaction = re.search(r'name="interaction" value="([^"]+)"', page.text).group(1)
        form = {"bsn": OWN_BSN, "level": "midden", "represented_bsn": "", "name": "Jan Jansen"}
        form |= {"email": "", "fault": "", "interaction": interaction, **account}
        answer = self.http.post(f"{self.issuer}/login", data=form, allow_redirects=False)
        assert answer.status_code == 302, answer.text
        return _path(answer.headers["Location"])

    def state(self):
        return self.http.get(f"{self.issuer}/_test/state", timeout=10).json()


def _path(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def op_browser(digid_on):
    return ProviderBrowser(digid_on)


def start_login(client, next_path="/mijn-verzoeken/", **query):
    """The portal's "Log in with DigiD": the redirect to the provider."""
    response = client.get("/digid/inloggen/", {"next": next_path, **query})
    assert response.status_code == 302, response.content
    return response["Location"]


def log_in(client, op_browser, next_path="/mijn-verzoeken/", **account):
    """A whole login; returns the portal's answer to the callback."""
    answer = op_browser.login_answer(start_login(client, next_path), **account)
    return client.get(answer)


def query_of(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def form_data(**fields):
    """A filled-in request form, shown long enough ago to count as a person's."""
    started = form_started_token(timezone.now() - datetime.timedelta(seconds=10))
    return {
        "name": "Jan Jansen",
        "email": "jan@example.nl",
        "domain": "other",
        "details": "",
        "capacity": "",
        "subject_name": "",
        "website": "",
        "started": started,
        **fields,
    }
