"""Hostile input on every public form and link: whatever arrives, the answer is a page with
a message (2xx, 3xx or 4xx), never a server error, and nothing half-stored."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from requests_app.models import SubjectRequest
from requests_app.views import KIND_SLUGS

pytestmark = pytest.mark.django_db

FIELDS = ("name", "email", "domain", "details", "capacity", "subject_name", "website", "started")
# Text as attackers send it: control characters, null bytes, surrogates escaped, markup, SQL.
NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\u202e\u200b",
            "x" * 100_000,
            "%00",
            "../../etc/passwd",
            "{{ settings.SECRET_KEY }}",
            "1e309",
            "-99999999999999999999999",
        ]
    ),
)
# The test client is reused across examples; each example comes from its own address, so
# the rate limits do not hide what the form would do.
FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
_addresses = (f"10.{a}.{b}.1" for a, b in itertools.product(range(256), repeat=2))


def _ok(response):
    assert response.status_code < 500, response.status_code
    return response


@settings(max_examples=60, **FUZZ)
@given(
    kind=st.sampled_from(sorted(KIND_SLUGS)),
    data=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=len(FIELDS)),
)
def test_any_form_input_gets_a_page_not_an_error(client, kind, data):
    before = SubjectRequest.objects.count()
    response = _ok(client.post(f"/verzoek/{kind}/", data, REMOTE_ADDR=next(_addresses)))
    # Without a valid signed start token nothing random can be stored.
    assert SubjectRequest.objects.count() == before
    assert response.status_code in (200, 400, 429)


@settings(max_examples=40, **FUZZ)
@given(secret=st.text(min_size=1, max_size=300).filter(lambda s: "/" not in s))
def test_any_status_link_gets_a_page_not_an_error(client, secret):
    from urllib.parse import quote

    path = f"/verzoek/status/{quote(secret, safe='')}/"
    _ok(client.get(path, REMOTE_ADDR=next(_addresses)))
    _ok(client.post(path + "bevestigen/", {"code": secret}, REMOTE_ADDR=next(_addresses)))


@pytest.mark.parametrize(
    "body",
    [
        b"\xff\xfe\xfa name=\xc3\x28",  # invalid UTF-8
        b"name=" + b"\x00" * 10 + b"&email=a%00b",
        b"&" * 20_000,  # too many fields
        b"name=" + b"x" * 3_000_000,  # larger than the upload limit
        b"name=%E0%A4%A",  # broken percent-encoding
    ],
)
def test_malformed_bodies_are_refused_cleanly(client, body):
    response = _ok(
        client.generic(
            "POST",
            "/verzoek/inzage/",
            body,
            content_type="application/x-www-form-urlencoded",
            REMOTE_ADDR=next(_addresses),
        )
    )
    assert response.status_code in (200, 400, 413)
    assert SubjectRequest.objects.count() == 0
