"""The base look: languages, security headers, no cookies for anonymous readers."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/en/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_reading_sets_no_cookie(client, path):
    response = client.get(path)
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_reference_nothing_on_another_host(client, path):
    html = client.get(path).content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not re.match(r"^(https?:)?//", url), url
    assert "<style" not in html
    assert " style=" not in html
    assert "<script" not in html or 'src="/static/' in html


def test_dutch_is_the_default_language_without_prefix(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html
    assert "Privacy bij de gemeente Heerlen" in html


def test_english_lives_under_en(client):
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert "Privacy at the Municipality of Heerlen" in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    dutch = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert 'href="/en/" hreflang="en" lang="en">English</a>' in dutch
    assert 'href="/" hreflang="nl" lang="nl">Nederlands</a>' in english


def test_page_has_skip_link_and_landmarks(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert "<nav" in html
    assert html.count("<h1") == 1


def test_unknown_page_is_a_404(client):
    assert client.get("/bestaat-niet/").status_code == 404
