import datetime

import pytest
from django.core.exceptions import ValidationError

from statements.models import RetentionRule, Section, StatementVersion
from statements.periods import describe_period, parse_period
from statements.services import version_new_draft, version_publish

from .factories import VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_publishing_numbers_the_version_and_records_who_and_when(admin_user):
    draft = VersionFactory()
    now = datetime.datetime(2026, 1, 2, 9, 0, tzinfo=datetime.UTC)
    version = version_publish(version=draft, user=admin_user, now=now)
    assert version.number == 1
    assert version.status == StatementVersion.Status.PUBLISHED
    assert version.published_by == admin_user
    assert version.published_at == now


def test_a_published_version_cannot_be_changed_or_deleted():
    version = VersionFactory(published=True)
    version.title_nl = "Anders"
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    section = version.sections.first()
    section.body_nl = "Iets anders"
    with pytest.raises(ValidationError):
        section.save()
    with pytest.raises(ValidationError):
        Section.objects.create(version=version, kind="text", heading_nl="Nieuw")
    version.refresh_from_db()
    assert version.title_nl != "Anders"


def test_publishing_refuses_a_retention_rule_without_period_or_legal_basis():
    draft = VersionFactory()
    RetentionRule.objects.filter(version=draft).update(period="", legal_basis_nl="")
    with pytest.raises(ValidationError) as refused:
        version_publish(version=draft, user=None)
    text = " ".join(refused.value.messages)
    assert "has no period" in text
    assert "has no legal basis" in text
    draft.refresh_from_db()
    assert draft.status == StatementVersion.Status.DRAFT
    assert draft.number is None


def test_publishing_refuses_missing_english_and_effective_date():
    draft = VersionFactory(title_en="", effective_date=None)
    with pytest.raises(ValidationError) as refused:
        version_publish(version=draft, user=None)
    assert any("effective date" in m for m in refused.value.messages)
    assert any("Dutch and English" in m for m in refused.value.messages)


def test_publishing_twice_is_refused():
    version = VersionFactory(published=True)
    with pytest.raises(ValidationError, match="already been published"):
        version_publish(version=version, user=None)


def test_new_draft_copies_every_part_and_the_next_publish_is_version_two():
    first = VersionFactory(published=True)
    draft = version_new_draft(source=first)
    assert draft.status == StatementVersion.Status.DRAFT
    assert draft.sections.count() == first.sections.count()
    assert draft.retention_rules.get().code == "debt-signal-no-help"
    assert draft.recipients.count() == 1
    assert draft.legal_bases.count() == 1
    draft.effective_date = datetime.date(2026, 6, 1)
    draft.change_summary_nl, draft.change_summary_en = "Nieuw", "New"
    draft.save()
    may = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    assert version_publish(version=draft, user=None, now=may).number == 2


def test_current_version_waits_for_its_effective_date():
    first = VersionFactory(published=True)
    second = version_new_draft(source=first)
    second.effective_date = datetime.date(2027, 1, 1)
    second.change_summary_nl = second.change_summary_en = "x"
    second.save()
    version_publish(
        version=second, user=None, now=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    )
    statement = first.statement
    assert statement.current_version(today=datetime.date(2026, 12, 31)).number == 1
    assert statement.current_version(today=datetime.date(2027, 1, 1)).number == 2


@pytest.mark.parametrize(
    ("period", "nl", "en"),
    [
        ("P6M", "6 maanden", "6 months"),
        ("P6W", "6 weken", "6 weeks"),
        ("P20Y", "20 jaar", "20 years"),
    ],
)
def test_periods_are_described_in_both_languages(period, nl, en):
    from django.utils import translation

    with translation.override("nl"):
        assert describe_period(period) == nl
    with translation.override("en"):
        assert describe_period(period) == en


@pytest.mark.parametrize("bad", ["", "P", "6M", "P0M", "P6X", "PT6H", "P-1M"])
def test_malformed_periods_are_refused(bad):
    with pytest.raises(ValueError, match="period"):  # each says what is wrong
        parse_period(bad)


def test_a_new_version_cannot_be_backdated_or_dated_before_its_predecessor():
    first = VersionFactory(published=True, effective_date=datetime.date(2026, 3, 1))
    draft = version_new_draft(source=first)
    draft.change_summary_nl = draft.change_summary_en = "x"
    draft.effective_date = datetime.date(2026, 2, 1)
    draft.save()
    march = datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError, match="before that of version 1"):
        version_publish(version=draft, user=None, now=march)
    draft.effective_date = datetime.date(2026, 4, 1)
    draft.save()
    with pytest.raises(ValidationError, match="cannot lie in the past"):
        version_publish(
            version=draft, user=None, now=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
        )
    assert version_publish(version=draft, user=None, now=march).number == 2


def test_a_row_cannot_be_moved_out_of_a_published_version():
    published = VersionFactory(published=True)
    draft = VersionFactory()
    section = published.sections.first()
    section.version = draft
    with pytest.raises(ValidationError):
        section.save()
    assert published.sections.count() == 4
