"""The portal's own case records as a data source: early signs of debt and youth cases.

Found through the BSN's blind index (`bsn_index__in=blind_indexes(bsn)`, so a lookup works
during a key change), as the subject of a record or, in a youth case, as a custodial parent or
legal representative (`cases.YouthRepresentative`). What art. 15(1) asks beyond the data
comes from the statement version in force on the day the record came in: its purposes
(section "why we use"), categories (section "what data"), recipients; the retention period
and destruction date come from the record's copied policy (`RetainedRecord`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import DebtSignal, YouthCase, YouthRepresentative
from core.crypto import blind_indexes
from statements.models import Section, StatementVersion

from .sources import Erasure, FoundRecord, Line, Role, SourceRefused

DEBT, YOUTH = "debt", "youth"  # requests_app.Domain values
STATEMENTS = {DEBT: "vroegsignalering-schulden", YOUTH: "toegang-jeugdhulp"}
# The fields a reporting party or the resident provided: what portability carries (art. 20).
DEBT_LINES = (
    ("name", True),
    ("address", True),
    ("date_of_birth", True),
    ("gender", True),
    ("phone", True),
    ("administration_number", True),
    ("arrears_type", True),
    ("arrears_amount", True),
    ("arrears_since", True),
    ("signal_received_on", False),
    ("offer", False),
    ("outcome", False),
    ("closed_on", False),
    ("debt_relief_programme", False),
    ("caregiver_reports", False),
)
YOUTH_LINES = (
    ("youth_name", True),
    ("youth_date_of_birth", True),
    ("representatives", True),
    ("contact_details", True),
    ("social_network", True),
    ("living_situation", True),
    ("family_composition", True),
    ("assistance_requested", True),
    ("safety_risks", False),
    ("development_notes", False),
    ("counselling_history", False),
    ("involved_professionals", False),
    ("health_data", False),
    ("request_received_on", False),
    ("referrer", False),
    ("decision", False),
    ("decision_on", False),
    ("assistance_delivered", False),
    ("objection", False),
    ("end_reason", False),
    ("outcome", False),
    ("closed_on", False),
)


# What a youth case says about the young person's care. From 16 the young person decides who
# reads it: a parent or guardian gets it only with their consent (Jeugdwet art. 7.3.10 and
# 7.3.11, as WGBO art. 7:457), so a representative's answer leaves it out; below 16 the handler
# weighs it line by line (art. 15(4)).
CARE_CONTENT = frozenset(
    {
        "social_network", "living_situation", "family_composition", "assistance_requested",
        "safety_risks", "development_notes", "counselling_history", "involved_professionals",
        "health_data", "assistance_delivered", "decision", "objection", "end_reason", "outcome",
    }
)  # fmt: skip
DECIDES_FROM_AGE = 16


def _decides_alone(case, today) -> bool:
    born = case.youth_date_of_birth
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age >= DECIDES_FROM_AGE


def _display(record, name) -> str:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(getattr(record, f"get_{name}_display")())
    if name == "outcome":
        return str(record.Outcome(value).label) if value in record.Outcome.values else value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _lines(record, spec) -> tuple[Line, ...]:
    lines = []
    for name, provided in spec:
        value = _display(record, name)
        if value:
            label = str(record._meta.get_field(name).verbose_name)
            label = label[:1].upper() + label[1:]
            lines.append(Line(key=name, label=label, value=value, provided=provided))
    return tuple(lines)


def _items(text: str) -> tuple[str, ...]:
    """A section's text as its items: one per non-empty line, bullets removed."""
    return tuple(line.strip().lstrip("-*• ").strip() for line in text.splitlines() if line.strip())


class _Statements:
    """The published versions of each domain's statement, read once per lookup (three
    queries for all domains), and what art. 15 needs of the one in force on a given day."""

    def __init__(self):
        self._versions = None
        self._cache = {}

    def _load(self):
        versions = (
            StatementVersion.objects.published()
            .filter(statement__slug__in=STATEMENTS.values())
            .select_related("statement")
            .prefetch_related("sections", "recipients")
            .order_by("-number")
        )
        self._versions = list(versions)

    def __call__(self, domain, received_on):
        key = (domain, received_on)
        if key not in self._cache:
            if self._versions is None:
                self._load()
            in_force = [
                version
                for version in self._versions
                if version.statement.slug == STATEMENTS[domain]
                and version.effective_date <= received_on
            ]
            self._cache[key] = self._describe(in_force[0] if in_force else None)
        return self._cache[key]

    @staticmethod
    def _describe(version):
        if version is None:
            return "", (), (), ()
        sections = {s.kind: s.body for s in version.sections.all()}
        return (
            _("%(title)s, version %(number)s (in force from %(date)s)")
            % {
                "title": version.title,
                "number": version.number,
                "date": version.effective_date.isoformat(),
            },
            _items(sections.get(Section.Kind.USES, "")),
            _items(sections.get(Section.Kind.DATA, "")),
            tuple(recipient.name for recipient in version.recipients.all()),
        )


class CaseRecordsSource:
    """The `DataSource` of the case records in this database."""

    key = "cases"
    label = _("Case records of this portal")

    def find_by_bsn(self, bsn, *, domains):
        indexes = blind_indexes(bsn)
        statements = _Statements()
        found = []
        if DEBT in domains:
            signals = DebtSignal.objects.filter(bsn_index__in=indexes).select_related(
                "reporting_organisation"
            )
            found += [self._debt(signal, statements) for signal in signals]
        if YOUTH in domains:
            as_parent = YouthRepresentative.objects.filter(bsn_index__in=indexes).values(
                "youth_case_id"
            )
            # Two index lookups; one query with OR over both would scan every youth case.
            own = list(YouthCase.objects.filter(bsn_index__in=indexes))
            as_parent = YouthCase.objects.filter(pk__in=as_parent).exclude(
                pk__in=[case.pk for case in own]
            )
            found += [self._youth(case, statements, role=Role.SUBJECT) for case in own]
            found += [self._youth(case, statements, role=Role.REPRESENTATIVE) for case in as_parent]
        return found

    def export(self, record_id):
        statements = _Statements()
        signal = DebtSignal.objects.filter(public_id=record_id).first()
        if signal is not None:
            return self._debt(signal, statements)
        case = YouthCase.objects.filter(public_id=record_id).first()
        return self._youth(case, statements, role=Role.SUBJECT) if case else None

    def erase(self, record_id, *, reason, now):
        from .erasure import debt_signal_erase

        signal = DebtSignal.objects.filter(public_id=record_id).first()
        if signal is None:
            raise SourceRefused(_("Only an early sign of debt can be erased."))
        debt_signal_erase(signal=signal, now=now)

    @transaction.atomic
    def restrict(self, record_id, *, reason, now):
        for model in (DebtSignal, YouthCase):
            record = (
                model.objects.select_for_update()
                .filter(public_id=record_id, restricted_since=None)
                .first()
            )
            if record is not None:
                # Saved, not updated: the retention fields are recomputed, and a restricted
                # record is kept like one on legal hold (`rules.record_refresh_retention`).
                record.restricted_since = now.date()
                record.save()
                return
        raise SourceRefused(_("The record is restricted already, or no longer exists."))

    # --- one record as a FoundRecord ---------------------------------------------------

    def _common(self, record, statements, *, domain, received_on):
        version, purposes, categories, recipients = statements(domain, received_on)
        return {
            "source": self.key,
            "record_id": str(record.public_id),
            "domain": domain,
            "received_on": received_on,
            "purposes": purposes,
            "categories": categories,
            "recipients": recipients,
            "retention_period": record.retention_period,
            "destruction_date": record.archiefactiedatum,
            "statement_version": version,
            "restricted": record.restricted_since is not None,
            "obj": record,
        }

    def _debt(self, signal, statements):
        return FoundRecord(
            record_type=signal.record_type,
            title=_("Early sign of debt of %(date)s")
            % {"date": signal.signal_received_on.isoformat()},
            role=Role.SUBJECT,
            lines=_lines(signal, DEBT_LINES),
            reporting_party=signal.reporting_organisation.name,
            erasure=Erasure(allowed=True),
            **self._common(signal, statements, domain=DEBT, received_on=signal.signal_received_on),
        )

    def _youth(self, case, statements, *, role):
        return FoundRecord(
            record_type=case.record_type,
            title=_("Youth assistance case of %(date)s")
            % {"date": case.request_received_on.isoformat()},
            role=role,
            lines=tuple(
                line
                for line in _lines(case, YOUTH_LINES)
                if not (
                    role == Role.REPRESENTATIVE
                    and line.key in CARE_CONTENT
                    and _decides_alone(case, timezone.localdate())
                )
            ),
            reporting_party=case.get_referrer_display() if case.referrer else "",
            # Jeugdwet art. 7.3.8 ff.: records kept 20 years by law.
            erasure=Erasure(
                allowed=False,
                ground="gdpr_17_3",
                reason=_("The Youth Act obliges the municipality to keep these records."),
            ),
            **self._common(case, statements, domain=YOUTH, received_on=case.request_received_on),
        )
