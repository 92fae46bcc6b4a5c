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
    # Queue entries whose files are unlinked; the next batch's transaction deletes them.
    unlinked: list = field(default_factory=list)

    def count(self, tally) -> None:
        """Adds what a committed batch did: (policy code, what, how many)."""
        for code, key, n in tally:
            self.policies[code][key] += n
            if key in DONE_KEYS:
                self.done += n

    def counts(self, pending=()) -> dict:
        policies = {code: dict(counts) for code, counts in self.policies.items()}
        for code, key, n in pending:
            policies.setdefault(code, {})
            policies[code][key] = policies[code].get(key, 0) + n
        return {"policies": dict(sorted(policies.items())), **dict(self.other)}

    def save_progress(self, pending=()) -> None:
        """Writes the running totals on the run's row, where the operations page reads them
        while the run goes on. Called inside a batch's transaction with that batch's tally
        (`pending`), the row and the batch commit together: a run killed at any moment
        shows exactly what it had committed."""
        if self.dry_run:
            return
        done = self.done + sum(n for _code, key, n in pending if key in DONE_KEYS)
        RetentionRun.objects.filter(pk=self.run.pk).update(
            counts=self.counts(pending),
            progress_done=done,
            progress_total=max(self.total, done),
            progress_at=timezone.now(),
        )

    def step(self, message: str) -> None:
        """Tells the display (the command's progress bar) what was done, with the totals."""
        self.total = max(self.total, self.done)
        self.report(Step(message=message, done=self.done, total=self.total))

    def progress(self, message: str) -> None:
        """After a committed step whose totals are not on the row yet: both."""
        self.save_progress()
        self.step(message)
