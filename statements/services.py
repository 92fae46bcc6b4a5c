"""Writes on statements: publishing a version and starting a new draft.

A published version is immutable: its texts, sections, recipients, legal bases and retention
rules are frozen with it (enforced in `StatementVersion.save` callers here and in the admin).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from . import cache as statement_cache
from .models import VERSION_PARTS, Section, Statement, StatementVersion
from .periods import parse_period
from .signals import version_published, version_publishing


def version_problems(version, *, today=None):  # noqa: C901 (one check per line)
    """What stops a version from being published, in words for the DPO's staff."""
    problems = []
    today = today or timezone.localdate()
    latest = version.statement.versions.published().order_by("-number").first()
    if not version.effective_date:
        problems.append(_("The effective date is missing."))
    elif version.effective_date < today and latest is not None:
        # Backdating would rewrite what residents were told was in force (the first version
        # of a statement may record the date it already took effect).
        problems.append(_("The effective date cannot lie in the past."))
    elif latest is not None and version.effective_date < latest.effective_date:
        problems.append(
            _("The effective date cannot lie before that of version %(number)s (%(date)s).")
            % {"number": latest.number, "date": latest.effective_date}
        )
    if not version.title_nl or not version.title_en:
        problems.append(_("The title must be given in Dutch and English."))
    if not version.change_summary_nl or not version.change_summary_en:
        problems.append(_("The change summary must be given in Dutch and English."))
    sections = list(version.sections.all())
    if not sections:
        problems.append(_("A statement needs at least one section."))
    for section in sections:
        if not section.heading_en or (section.body_nl and not section.body_en):
            problems.append(
                _("Section “%(heading)s” has no English text.") % {"heading": section.heading_nl}
            )
    kinds = {section.kind for section in sections}
    for rows, kind in (
        (version.recipients, "recipients"),
        (version.legal_bases, "legal_basis"),
        (version.retention_rules, "retention"),
    ):
        if rows.exists() and kind not in kinds:
            problems.append(
                _("There are %(rows)s but no section of the kind “%(kind)s” to show them in.")
                % {"rows": rows.model._meta.verbose_name_plural, "kind": Section.Kind(kind).label}
            )
    for rule in version.retention_rules.all():
        if not rule.period:
            problems.append(_("Retention rule “%(code)s” has no period.") % {"code": rule.code})
        else:
            try:
                parse_period(rule.period)
            except ValueError as exc:
                problems.append(f"{rule.code}: {exc}")
        if not rule.legal_basis_nl or not rule.legal_basis_en:
            problems.append(
                _("Retention rule “%(code)s” has no legal basis in Dutch and English.")
                % {"code": rule.code}
            )
        if not rule.condition_en:
            problems.append(
                _("Retention rule “%(code)s” has no English condition.") % {"code": rule.code}
            )
    for basis in version.legal_bases.all():
        if not basis.law_en:
            problems.append(_("Legal basis “%(law)s” has no English name.") % {"law": basis.law_nl})
    # What the apps that enforce the statement say (the retention engine: every rule needs a
    # policy that enforces it); see `signals`.
    for _receiver, found in version_publishing.send(
        sender=StatementVersion, version=version, today=today
    ):
        problems += list(found or ())
    return problems


@transaction.atomic
def version_publish(*, version, user, now=None):
    """Publishes a draft: gives it the next number and freezes it. Refuses an incomplete one,
    and one the apps that enforce it disagree with (`signals.version_publishing`: a retention
    rule without a policy); tells them once it is published (`signals.version_published`)."""
    # Lock the statement: two drafts published at once must not get the same number.
    Statement.objects.select_for_update().get(pk=version.statement_id)
    version = StatementVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(_("This version has already been published."))
    today = timezone.localdate(now)
    problems = version_problems(version, today=today)
    if problems:
        raise ValidationError(problems)
    last = version.statement.versions.published().aggregate(n=Max("number"))["n"] or 0
    version.number = last + 1
    version.status = StatementVersion.Status.PUBLISHED
    version.published_at = now or timezone.now()
    version.published_by = user
    version.full_clean()
    version.save()
    version_published.send(sender=StatementVersion, version=version, today=today)
    transaction.on_commit(lambda: statement_cache.invalidate(version.statement))
    return version


@transaction.atomic
def version_new_draft(*, source):
    """A new draft with a copy of everything in `source`, to edit and publish later."""
    draft = StatementVersion.objects.get(pk=source.pk)
    draft.pk = None
    draft._state.adding = True
    draft.number = None
    draft.status = StatementVersion.Status.DRAFT
    draft.published_at = None
    draft.published_by = None
    draft.effective_date = None
    draft.change_summary_nl = draft.change_summary_en = ""
    draft.save()
    for part in VERSION_PARTS:
        for row in getattr(source, part).all():
            row.pk = None
            row._state.adding = True
            row.version = draft
            row.save()
    return draft
