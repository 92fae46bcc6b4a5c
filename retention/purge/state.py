"""What one run knows while it works: its row, its clock and its counters."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ..models import RetentionRun

Progress = Callable[[str], None]


@dataclass
class RunState:
    run: RetentionRun
    now: datetime
    today: date
    batch_size: int
    dry_run: bool = False
    progress: Progress = lambda message: None
    policies: defaultdict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    other: defaultdict = field(default_factory=lambda: defaultdict(int))

    def count(self, tally) -> None:
        """Adds what a committed batch did: (policy code, what, how many)."""
        for code, key, n in tally:
            self.policies[code][key] += n

    def counts(self) -> dict:
        return {
            "policies": {code: dict(counts) for code, counts in sorted(self.policies.items())},
            **dict(self.other),
        }
