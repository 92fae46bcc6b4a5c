"""What the operations page says about a run that is going on: its running totals, as the
run writes them on its row after each batch, with the rate and the time left."""

from dataclasses import dataclass
from datetime import timedelta

from .models import RetentionRun


@dataclass(frozen=True)
class RunProgress:
    run: RetentionRun
    done: int
    total: int
    percent: int
    per_minute: int | None
    eta: timedelta | None


def run_progress(run: RetentionRun) -> RunProgress:
    """The rate is that of the run so far (from its start to its last written batch), and the
    time left is what remains at that rate; both unknown until a batch is done."""
    done, total = run.progress_done, max(run.progress_total, run.progress_done)
    percent = 100 * done // total if total else 0
    per_minute = eta = None
    if run.progress_at is not None and done:
        elapsed = (run.progress_at - run.started_at).total_seconds()
        if elapsed > 0:
            rate = done / elapsed
            per_minute = round(rate * 60)
            eta = timedelta(seconds=round((total - done) / rate))
    return RunProgress(run, done, total, percent, per_minute, eta)


def running_progress() -> RunProgress | None:
    """The progress of the run going on now, if any (the newest one marked running)."""
    run = (
        RetentionRun.objects.filter(status=RetentionRun.Status.RUNNING, dry_run=False)
        .order_by("-started_at")
        .first()
    )
    return None if run is None else run_progress(run)
