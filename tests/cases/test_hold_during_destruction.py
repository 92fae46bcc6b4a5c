"""A legal hold (or an objection) posted while the retention run holds the case's row: a 409
that says why, not a 500, and nothing changed. PostgreSQL, with the run's claim made on a
second connection exactly as the run makes it (`SELECT ... FOR UPDATE SKIP LOCKED`)."""

import contextlib
import datetime as dt

import psycopg
import pytest
from django.db import connection

from cases.models import CaseHistory, DebtSignal, IdempotencyRecord, YouthCase
from retention.models import RetentionStatus
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory
from tests.cases.test_intake_api import _post

D = dt.date
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@contextlib.contextmanager
def claimed_by_the_run(model, pk):
    """A second connection claims the row as a retention batch does, until the block ends;
    yields that connection, so a test may also destroy the row there."""
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"]
    ) as other:
        table = model._meta.db_table
        row = other.execute(
            f"SELECT id FROM {table} WHERE id = %s FOR UPDATE SKIP LOCKED",  # noqa: S608
            [pk],
        ).fetchone()
        assert row == (pk,), "the run could not claim the row"
        yield other


def test_a_hold_posted_while_the_run_destroys_the_signal_is_409_and_changes_nothing(
    client, published, debt_token
):
    signal = DebtSignalFactory(closed=True, signal_received_on=D(2020, 1, 15))
    assert signal.retention_status == RetentionStatus.SCHEDULED
    path = f"/debt-signals/{signal.public_id}/legal-hold/"
    body = {"reason": "litigation", "since": "2026-03-01"}

    with claimed_by_the_run(DebtSignal, signal.pk) as run:
        response = _post(client, path, body, debt_token, key="hold-1")
        assert response.status_code == 409, response.content
        detail = response.json()["detail"]  # in the portal's language, Dutch first
        assert "Er is niets veranderd" in detail or "Nothing was changed" in detail
        # nothing changed, and the key is free for a retry
        signal.refresh_from_db()
        assert (signal.legal_hold_reason, signal.retention_status) == ("", "scheduled")
        assert not CaseHistory.objects.filter(action="legal hold placed").exists()
        assert not IdempotencyRecord.objects.filter(key="hold-1").exists()
        run.execute("DELETE FROM retention_debtsignal WHERE id = %s", [signal.pk])
        run.commit()

    # destroyed meanwhile: the retry finds no case
    assert _post(client, path, body, debt_token, key="hold-1").status_code == 404


def test_a_hold_posted_after_the_run_let_go_of_a_case_it_did_not_destroy_is_placed(
    client, published, debt_token
):
    signal = DebtSignalFactory(closed=True, signal_received_on=D(2020, 1, 15))
    path = f"/debt-signals/{signal.public_id}/legal-hold/"
    body = {"reason": "litigation", "since": "2026-03-01"}
    with claimed_by_the_run(DebtSignal, signal.pk) as run:
        assert _post(client, path, body, debt_token, key="k").status_code == 409
        run.rollback()  # the batch rolled back: the case is still there
    response = _post(client, path, body, debt_token, key="k")
    assert response.status_code == 200, response.content
    assert response.json()["retention_status"] == RetentionStatus.ON_HOLD


def test_an_objection_posted_while_the_run_destroys_the_youth_case_is_409(
    client, published, youth_token
):
    case = YouthCaseFactory(aborted=True)
    with claimed_by_the_run(YouthCase, case.pk):
        response = _post(
            client,
            f"/youth-cases/{case.public_id}/objection/",
            {"received_on": "2026-02-20", "text": "Niet eens met de beslissing."},
            youth_token,
        )
    assert response.status_code == 409, response.content
    case.refresh_from_db()
    assert case.objection == ""
    assert case.legal_hold_reason == ""
