import datetime

import pytest

from statements.services import version_new_draft, version_publish

from .factories import VersionFactory

pytestmark = pytest.mark.django_db

JAN_1 = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
FEB_1 = datetime.datetime(2026, 2, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def published():
    return VersionFactory(published=True, statement__slug="vroegsignalering-schulden")


@pytest.fixture
def two_versions(published):
    draft = version_new_draft(source=published)
    draft.effective_date = datetime.date(2026, 3, 1)
    draft.change_summary_nl, draft.change_summary_en = "Bewaartermijn korter", "Shorter retention"
    draft.save()
    rule = draft.retention_rules.get()
    rule.period = "P3M"
    rule.save()
    draft.sections.filter(kind="data").update(body_nl="Dit zijn:\n\n- Naam\n- Telefoonnummer")
    return published, version_publish(version=draft, user=None, now=FEB_1)


def test_index_lists_published_statements(client, published):
    html = client.get("/").content.decode()
    assert "Privacyverklaring Vroegsignalering schulden" in html
    assert 'href="/vroegsignalering-schulden/"' in html


def test_statement_page_shows_sections_and_retention_rules_in_dutch(client, published):
    html = client.get("/vroegsignalering-schulden/").content.decode()
    assert "<li>BSN</li>" in html
    assert '">6 maanden</td>' in html
    assert "Buurtteams Heerlen" in html
    assert "Wet gemeentelijke schuldhulpverlening, artikel 3" in html
    assert '<a href="mailto:gemeente@heerlen.nl">gemeente@heerlen.nl</a>' in html


def test_statement_page_in_english(client, published):
    html = client.get("/en/vroegsignalering-schulden/").content.decode()
    assert '<html lang="en"' in html
    assert "What personal data do we use?" in html
    assert '">6 months</td>' in html


def test_archive_lists_versions_with_effective_dates(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/").content.decode()
    assert "Versie 1" in html
    assert "Versie 2" in html
    assert "1 januari 2026" in html
    assert "1 maart 2026" in html


def test_an_earlier_version_stays_readable_and_says_so(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/1/").content.decode()
    assert '">6 maanden</td>' in html
    assert "eerdere versie" in html


def test_changes_page_shows_what_changed_section_by_section(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/2/wijzigingen/").content.decode()
    assert "Telefoonnummer" in html
    assert "<del>" in html
    assert "<ins>" in html
    assert "6 maanden" in html
    assert "3 maanden" in html
    assert "Bewaartermijn korter" in html


def test_publishing_invalidates_the_cached_current_page(
    client, published, django_capture_on_commit_callbacks
):
    assert '">6 maanden</td>' in client.get("/vroegsignalering-schulden/").content.decode()
    draft = version_new_draft(source=published)
    draft.change_summary_nl = draft.change_summary_en = "x"
    draft.effective_date = published.effective_date
    draft.save()
    draft.retention_rules.update(period="P2M")
    cached = client.get("/vroegsignalering-schulden/").content.decode()
    assert '">6 maanden</td>' in cached  # still the cached page: nothing published yet
    with django_capture_on_commit_callbacks(execute=True):
        version_publish(version=draft, user=None, now=JAN_1)
    html = client.get("/vroegsignalering-schulden/").content.decode()
    assert '">2 maanden</td>' in html


@pytest.mark.parametrize(
    "path",
    [
        "/bestaat-niet/",
        "/vroegsignalering-schulden/versies/9/",
        "/vroegsignalering-schulden/versies/1/wijzigingen/",
        "/vroegsignalering-schulden/versies/9/pdf/",
    ],
)
def test_unknown_statement_or_version_is_a_404_in_the_readers_language(client, published, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    english = client.get("/en" + path)
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()


def test_drafts_are_not_public(client):
    VersionFactory(statement__slug="concept")
    assert client.get("/concept/").status_code == 404


def test_statement_pages_set_no_cookie(client, two_versions):
    for path in ["/", "/vroegsignalering-schulden/", "/vroegsignalering-schulden/versies/"]:
        assert not client.get(path).cookies


def test_a_version_not_yet_in_force_says_when_it_takes_effect(client, published):
    draft = version_new_draft(source=published)
    draft.effective_date = datetime.date(2099, 1, 1)
    draft.change_summary_nl = draft.change_summary_en = "x"
    draft.save()
    version_publish(version=draft, user=None)
    html = client.get("/vroegsignalering-schulden/versies/2/").content.decode()
    assert "gaat in op 1 januari 2099" in html
    assert "eerdere versie" not in html
    assert "Versie 1, geldt sinds" in client.get("/vroegsignalering-schulden/").content.decode()


def test_a_page_rendered_before_a_publish_is_not_served_after_it(client, published):
    from statements import cache as page_cache

    path = "/vroegsignalering-schulden/"
    stamp_before = page_cache.cache.get(page_cache.stamp_key(path))
    client.get(path)  # stored under the stamp it was rendered with
    page_cache.invalidate(published.statement)  # a publish committed meanwhile
    assert page_cache.cache.get(page_cache.stamp_key(path)) != stamp_before
    stored = page_cache.cache.get(page_cache.page_key(path))
    assert stored is not None
    assert stored[2] == stamp_before
    calls = []
    from statements import views

    original = views._page
    views._page = lambda *a: calls.append(1) or original(*a)
    try:
        assert client.get(path).status_code == 200
    finally:
        views._page = original
    assert calls == [1]  # rendered anew, not served from the stale entry


def test_cached_pages_still_check_the_host(client, published):
    client.get("/vroegsignalering-schulden/")
    assert client.get("/vroegsignalering-schulden/", HTTP_HOST="evil.example").status_code == 400


def test_a_query_string_bypasses_the_page_cache(client, published):
    from statements import cache as page_cache

    client.get("/vroegsignalering-schulden/?&&&")
    assert page_cache.cache.get(page_cache.page_key("/vroegsignalering-schulden/")) is None


def test_preview_of_a_draft_with_an_unfinished_period_does_not_fail(verified_admin_client):
    draft = VersionFactory(statement__slug="concept")
    draft.retention_rules.update(period="P6")
    response = verified_admin_client.get(f"/beheer/statements/statementversion/{draft.pk}/preview/")
    assert response.status_code == 200
    assert "P6" in response.content.decode()


def test_another_process_shows_a_publish_within_a_second(client, published, monkeypatch):
    from statements import cache as page_cache

    path = "/vroegsignalering-schulden/"
    client.get(path)
    client.get(path)  # now also in this process's own copy
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    page_cache.forget_local()
    client.get(path)  # fetched at t=1000
    # Another process publishes: new stamps in the shared cache, our copy untouched.
    page_cache.cache.set(page_cache.stamp_key(path), "published-elsewhere", None)
    renders = []
    from statements import views

    monkeypatch.setattr(views, "render", lambda *a, **k: renders.append(1) or _render(*a, **k))
    client.get(path)
    assert renders == []  # within LOCAL_SECONDS: still this process's copy
    clock[0] += page_cache.LOCAL_SECONDS
    client.get(path)
    assert renders == [1]  # then the new stamp is seen and the page rendered anew


def _render(*args, **kwargs):
    from django.shortcuts import render

    return render(*args, **kwargs)
