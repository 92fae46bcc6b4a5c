"""Progress of a run while it goes: the running totals on the run's row (written after each
committed batch, by the Celery task as by the command), the operations page and its polled
fragment, and the command's progress output with an ETA."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import call_command

from cases.models import DebtSignal
from retention.models import RetentionRun
from retention.progress import run_progress
from retention.purge.state import RunState
from tests.cases.factories import DebtSignalFactory
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAGE = "/en/beheer/retention/retentionrun/operations/"
FRAGMENT = f"{PAGE}progress/"


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_user("ops", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_retentionrun"))
    return user


def _running(**fields):
    started = dt.datetime(2026, 12, 1, 1, 30, tzinfo=AMSTERDAM)
    return RetentionRun.objects.create(
        started_at=started, today=started.date(), status=RetentionRun.Status.RUNNING, **fields
    )


def test_the_rate_and_time_left_follow_from_the_batches_written_so_far():
    run = _running(
        progress_done=600,
        progress_total=1800,
        progress_at=dt.datetime(2026, 12, 1, 1, 31, tzinfo=AMSTERDAM),
    )
    progress = run_progress(run)
    assert (progress.done, progress.total, progress.percent) == (600, 1800, 33)
    assert progress.per_minute == 600
    assert progress.eta == dt.timedelta(minutes=2)
    before_the_first_batch = run_progress(_running(progress_total=1800))
    assert (before_the_first_batch.eta, before_the_first_batch.per_minute) == (None, None)


def test_the_operations_page_and_its_fragment_show_a_run_going_on(client, staff):
    _running(
        progress_done=600,
        progress_total=1800,
        progress_at=dt.datetime(2026, 12, 1, 1, 31, tzinfo=AMSTERDAM),
    )
    otp_login(client, staff)
    page = client.get(PAGE).content.decode()
    assert "600 of 1800 records done" in page
    assert 'data-running="true"' in page
    assert "js/retention-progress" in page  # the poller, from this site
    fragment = client.get(FRAGMENT)
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert '<progress id="run-progress-bar" max="1800" value="600">' in html
    assert "about 0:02:00 left" in html
    assert "<html" not in html  # a fragment, not a page


def test_without_a_run_going_on_the_fragment_says_so_and_stops_the_polling(client, staff):
    otp_login(client, staff)
    html = client.get(FRAGMENT).content.decode()
    assert 'data-running="false"' in html
    assert "No run is going on." in html


def test_the_fragment_needs_the_view_permission(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x", is_staff=True)
    otp_login(client, user)
    assert client.get(FRAGMENT).status_code == 403


def test_the_celery_task_writes_its_progress_where_the_page_reads_it_while_it_runs(
    client, published, staff, monkeypatch
):
    from retention.tasks import retention_run_nightly

    for _ in range(5):
        DebtSignalFactory(closed=True, signal_received_on=dt.date(2020, 1, 1))
    otp_login(client, staff)
    seen = []
    original = RunState.step

    def look_at_the_page(self, message):  # after each step the display is told of
        original(self, message)
        seen.append(client.get(FRAGMENT).content.decode())

    monkeypatch.setattr(RunState, "step", look_at_the_page)
    retention_run_nightly.delay()
    assert "0 of 5 records done" in seen[0]
    assert "5 of 5 records done" in seen[-1]
    run = RetentionRun.objects.get()
    assert (run.status, run.progress_done, run.progress_total) == ("succeeded", 5, 5)
    assert 'data-running="false"' in client.get(FRAGMENT).content.decode()


def test_the_command_prints_running_totals_and_an_eta(published, capsys):
    for _ in range(3):
        DebtSignalFactory(closed=True, signal_received_on=dt.date(2020, 1, 1))
    with time_machine.travel(dt.datetime(2026, 12, 1, 1, 30, tzinfo=AMSTERDAM)):
        call_command("purge_expired", "--batch-size", "2")
    out = capsys.readouterr().out
    assert "start — 0/3 done, ETA ?" in out
    assert "debt_signal: 2 destroyed in a batch — 2/3 done, ETA " in out
    assert "debt_signal: 1 destroyed in a batch — 3/3 done, ETA 0:00:00" in out
    assert not DebtSignal.objects.exists()
