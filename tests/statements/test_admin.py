import pytest

from statements.models import StatementVersion

from .factories import VersionFactory

pytestmark = pytest.mark.django_db


def url(version, action=""):
    base = f"/en/beheer/statements/statementversion/{version.pk}/"
    return base + (f"{action}/" if action else "change/")


def test_a_published_version_opens_read_only_with_the_reason(verified_admin_client):
    version = VersionFactory(published=True)
    response = verified_admin_client.get(url(version))
    html = response.content.decode()
    assert response.status_code == 200
    assert "A published version cannot be changed" in html
    assert 'name="_save"' not in html
    assert "New draft from this version" in html


def test_posting_changes_to_a_published_version_is_refused(verified_admin_client):
    version = VersionFactory(published=True)
    response = verified_admin_client.post(url(version), {"title_nl": "Gewijzigd"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.title_nl != "Gewijzigd"


def test_publishing_asks_for_confirmation_then_records_who(verified_admin_client, admin_user):
    draft = VersionFactory()
    confirm = verified_admin_client.get(url(draft, "publish"))
    assert "Yes, publish" in confirm.content.decode()
    draft.refresh_from_db()
    assert draft.status == StatementVersion.Status.DRAFT  # looking is not publishing
    verified_admin_client.post(url(draft, "publish"))
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.number == 1
    assert draft.published_by == admin_user


def test_an_incomplete_draft_shows_why_it_cannot_be_published(verified_admin_client):
    draft = VersionFactory()
    draft.retention_rules.update(period="")
    confirm = verified_admin_client.get(url(draft, "publish")).content.decode()
    assert "has no period" in confirm
    assert "Yes, publish" not in confirm
    response = verified_admin_client.post(url(draft, "publish"), follow=True)
    assert "has no period" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_new_draft_from_a_published_version(verified_admin_client):
    version = VersionFactory(published=True)
    response = verified_admin_client.post(url(version, "new-draft"))
    draft = StatementVersion.objects.exclude(pk=version.pk).get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{draft.pk}/change/")
    assert draft.status == StatementVersion.Status.DRAFT
    assert draft.sections.count() == version.sections.count()


def test_preview_shows_a_draft_as_residents_will_see_it(verified_admin_client):
    draft = VersionFactory(title_en="Draft title for preview")
    html = verified_admin_client.get(url(draft, "preview")).content.decode()
    assert "Draft title for preview" in html
    assert "What personal data do we use?" in html


def test_preview_and_publish_need_staff(client):
    draft = VersionFactory()
    assert client.get(url(draft, "preview")).status_code == 302  # to the login page
    client.post(url(draft, "publish"))
    draft.refresh_from_db()
    assert not draft.is_published
