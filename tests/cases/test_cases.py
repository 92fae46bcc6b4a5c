"""Case records: protection at rest, the BSN, and retention dates that follow their inputs."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cases.models import DebtSignal, YouthCase
from retention.models import RetentionPolicy, RetentionStatus

from .factories import DebtSignalFactory, YouthCaseFactory

D = dt.date
pytestmark = pytest.mark.django_db


def _raw(model, pk, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_bsn_and_sensitive_text_are_encrypted_at_rest():
    youth = YouthCaseFactory()
    for column, plain in (
        ("bsn", "123456782"),
        ("youth_name", "Sanne de Vries"),
        ("safety_risks", "Zorgen over veiligheid thuis."),
        ("health_data", "ADHD-diagnose."),
    ):
        stored = _raw(YouthCase, youth.pk, column)
        assert plain not in stored
    assert YouthCase.objects.get(pk=youth.pk).health_data == "ADHD-diagnose."


def test_a_case_is_found_by_its_bsn_through_the_blind_index():
    signal = DebtSignalFactory(bsn="111222333")
    DebtSignalFactory(bsn="123456782")
    assert list(DebtSignal.objects.with_bsn("1112.22.333")) == [signal]
    assert "111222333" not in signal.bsn_index


@pytest.mark.parametrize("bsn", ["111222334", "12345678", "abcdefghi", "1234567890"])
def test_an_invalid_bsn_is_refused_without_repeating_it(bsn):
    signal = DebtSignalFactory.build(bsn=bsn)
    with pytest.raises(ValidationError) as excinfo:
        signal.full_clean(exclude=["reporting_organisation"])
    assert "bsn" in excinfo.value.message_dict
    assert bsn not in str(excinfo.value)


def test_a_valid_bsn_passes_the_eleven_test():
    signal = DebtSignalFactory.build(bsn="999999990")
    signal.full_clean(exclude=["reporting_organisation"])


def test_an_open_case_has_no_destruction_date(published):
    # A debt signal nobody closed has one unless help was accepted (tests/cases/
    # test_debt_start_events.py): open with accepted help, and an open youth case, have none.
    for case in (DebtSignalFactory(offer=DebtSignal.Offer.ACCEPTED), YouthCaseFactory()):
        assert case.retention_status == RetentionStatus.OPEN
        assert case.archiefactiedatum is None


def test_closing_copies_the_policy_and_computes_the_destruction_date(published):
    signal = DebtSignalFactory(signal_received_on=D(2026, 1, 31))
    signal.outcome, signal.closed_on = DebtSignal.Outcome.OFFER_DECLINED, D(2026, 3, 1)
    signal.save()
    signal.refresh_from_db()
    assert signal.retention_policy_code == "debt-signal-no-help"
    assert (signal.retention_period, signal.retention_clock_start) == ("P6M", "signal_received")
    assert signal.startdatum_bewaartermijn == D(2026, 1, 31)
    # kept until 31 July (6 months from the signal), destroyed from 1 August
    assert signal.archiefactiedatum == D(2026, 8, 1)
    assert signal.retention_status == RetentionStatus.SCHEDULED


def test_the_destruction_date_follows_a_corrected_input(published):
    signal = DebtSignalFactory(closed=True, signal_received_on=D(2026, 1, 15))
    assert signal.archiefactiedatum == D(2026, 7, 16)
    signal.signal_received_on = D(2026, 2, 15)
    signal.save(update_fields=["signal_received_on"])
    signal.refresh_from_db()
    assert signal.archiefactiedatum == D(2026, 8, 16)


def test_a_later_change_of_a_policy_does_not_touch_a_closed_case(published):
    signal = DebtSignalFactory(closed=True)
    policy = RetentionPolicy.objects.get(code="debt-signal-no-help")
    policy.action = "destroy"
    policy.needs_approval = True
    policy.save()
    signal.save()
    signal.refresh_from_db()
    assert signal.retention_action == "anonymise"
    assert signal.retention_needs_approval is False


def test_a_legal_hold_suspends_and_lifting_it_reschedules(published):
    signal = DebtSignalFactory(closed=True)
    signal.legal_hold_reason, signal.legal_hold_since = "objection", D(2026, 4, 1)
    signal.save()
    assert signal.retention_status == RetentionStatus.ON_HOLD
    assert not DebtSignal.objects.due(today=D(2030, 1, 1)).exists()
    signal.legal_hold_reason, signal.legal_hold_since = "", None
    signal.save()
    assert signal.retention_status == RetentionStatus.SCHEDULED
    assert DebtSignal.objects.due(today=D(2030, 1, 1)).get() == signal


def test_a_case_no_policy_covers_is_kept_and_listed(published):
    # A refused youth request is no longer such a case: issue 14 puts it under the 20-year
    # rule (tests/cases/test_start_events.py).
    relief = DebtSignalFactory(outcome=DebtSignal.Outcome.DEBT_RELIEF, closed_on=D(2026, 3, 1))
    assert relief.retention_status == RetentionStatus.UNCOVERED
    assert relief.archiefactiedatum is None
    assert list(DebtSignal.objects.uncovered()) == [relief]
    assert not YouthCase.objects.uncovered().exists()


def test_an_aborted_youth_request_counts_six_weeks_from_the_closing(published):
    # Issue 14: from the closing that aborts it, not from a decision recorded before it.
    case = YouthCaseFactory(aborted=True, decision_on=D(2026, 2, 10), closed_on=D(2026, 2, 12))
    assert case.retention_policy_code == "youth-request-aborted"
    assert case.archiefactiedatum == D(2026, 3, 27)  # 12 Feb + 42 days = 26 Mar, kept; 27th


def test_youth_records_count_twenty_years_from_closing_and_need_approval(published):
    case = YouthCaseFactory(ended=True, closed_on=D(2028, 2, 29))
    assert case.retention_policy_code == "youth-assistance-records"
    assert case.archiefactiedatum == D(2048, 3, 1)
    assert case.retention_needs_approval is True


def test_without_the_published_rule_a_case_is_not_scheduled(db):
    # No statement loaded: the policy exists, but nothing publishes its period.
    signal = DebtSignalFactory(closed=True)
    assert signal.retention_status == RetentionStatus.UNCOVERED


def test_a_closed_case_needs_an_outcome_and_a_date():
    signal = DebtSignalFactory.build(outcome="no_response", closed_on=None)
    with pytest.raises(ValidationError) as excinfo:
        signal.full_clean(exclude=["reporting_organisation"])
    assert "closed_on" in excinfo.value.message_dict
