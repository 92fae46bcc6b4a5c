import datetime

import pytest

from statements.services import version_new_draft, version_publish

from .factories import VersionFactory

pytestmark = pytest.mark.django_db


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
    return published, version_publish(version=draft, user=None)


def test_index_lists_published_statements(client, published):
    html = client.get("/").content.decode()
    assert "Privacyverklaring Vroegsignalering schulden" in html
    assert 'href="/vroegsignalering-schulden/"' in html


def test_statement_page_shows_sections_and_retention_rules_in_dutch(client, published):
    html = client.get("/vroegsignalering-schulden/").content.decode()
    assert "<li>BSN</li>" in html
    assert "hoogstens 6 maanden" in html
    assert "Buurtteams Heerlen" in html
    assert "Wet gemeentelijke schuldhulpverlening, artikel 3" in html
    assert '<a href="mailto:gemeente@heerlen.nl">gemeente@heerlen.nl</a>' in html


def test_statement_page_in_english(client, published):
    html = client.get("/en/vroegsignalering-schulden/").content.decode()
    assert '<html lang="en"' in html
    assert "What personal data do we use?" in html
    assert "at most 6 months" in html


def test_archive_lists_versions_with_effective_dates(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/").content.decode()
    assert "Versie 1" in html and "Versie 2" in html
    assert "1 januari 2026" in html and "1 maart 2026" in html


def test_an_earlier_version_stays_readable_and_says_so(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/1/").content.decode()
    assert "hoogstens 6 maanden" in html
    assert "eerdere versie" in html


def test_changes_page_shows_what_changed_section_by_section(client, two_versions):
    html = client.get("/vroegsignalering-schulden/versies/2/wijzigingen/").content.decode()
    assert "Telefoonnummer" in html
    assert "<del>" in html and "<ins>" in html
    assert "6 maanden" in html and "3 maanden" in html
    assert "Bewaartermijn korter" in html


def test_publishing_invalidates_the_cached_current_page(
    client, published, django_capture_on_commit_callbacks
):
    assert "hoogstens 6 maanden" in client.get("/vroegsignalering-schulden/").content.decode()
    draft = version_new_draft(source=published)
    draft.change_summary_nl = draft.change_summary_en = "x"
    draft.effective_date = published.effective_date
    draft.save()
    draft.retention_rules.update(period="P2M")
    cached = client.get("/vroegsignalering-schulden/").content.decode()
    assert "hoogstens 6 maanden" in cached  # still the cached page: nothing published yet
    with django_capture_on_commit_callbacks(execute=True):
        version_publish(version=draft, user=None)
    html = client.get("/vroegsignalering-schulden/").content.decode()
    assert "hoogstens 2 maanden" in html


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
