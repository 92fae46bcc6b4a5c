"""What one run knows while it works: its row, its clock, its counters and its progress."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from ..models import RetentionRun

# What counts as a record done, for the progress figures.
DONE_KEYS = ("destroyed", "anonymised", "listed")


@dataclass(frozen=True)
class Step:
    """One step of a run, for a progress display: what happened, and the running totals."""

    message: str
    done: int  # records destroyed, anonymised or listed so far
    total: int  # records due when the run started (more if the run found more)


Progress = Callable[[Step], None]


def _quiet(step: Step) -> None:
    """No display: the run row carries the progress all the same."""


@dataclass
class RunState:
    run: RetentionRun
    now: datetime
    today: date
    batch_size: int
    dry_run: bool = False
    report: Progress = _quiet
    total: int = 0
    done: int = 0
    policies: defaultdict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    other: defaultdict = field(default_factory=lambda: defaultdict(int))

    def count(self, tally) -> None:
        """Adds what a committed batch did: (policy code, what, how many)."""
        for code, key, n in tally:
            self.policies[code][key] += n
            if key in DONE_KEYS:
                self.done += n

    def counts(self) -> dict:
        return {
            "policies": {code: dict(counts) for code, counts in sorted(self.policies.items())},
            **dict(self.other),
        }

    def progress(self, message: str) -> None:
        """After a committed batch: tells the display, and writes the running totals on the
        run's row, where the operations page reads them while the run goes on (and where a
        run killed later still shows what it had done)."""
        self.total = max(self.total, self.done)
        self.report(Step(message=message, done=self.done, total=self.total))
        if self.dry_run:
            return
        RetentionRun.objects.filter(pk=self.run.pk).update(
            counts=self.counts(),
            progress_done=self.done,
            progress_total=self.total,
            progress_at=timezone.now(),
        )
