"""`manage.py purge_expired [--dry-run]`: the nightly retention run, by hand (clearsessions'
shape: a thin command over one service), with a progress bar: records done of those due,
the rate, and the time left."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from retention.purge import DEFAULT_BATCH_SIZE, records_purge
from retention.purge.state import Step


class Command(BaseCommand):
    help = (
        "Destroy the records whose retention period has ended, list those that need the DPO's "
        "approval, and remove expired requests and sessions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would happen; change nothing."
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, dry_run=False, batch_size=DEFAULT_BATCH_SIZE, **options):
        # rich writes to the command's own stream (a terminal: a live bar; a file or a log:
        # a line per batch with the same running totals and ETA). The stream itself, not
        # Django's OutputWrapper, which would end each of rich's partial writes with a newline.
        stream = self.stdout._out  # noqa: SLF001
        console = Console(file=stream, highlight=False, soft_wrap=True)
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("records"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=options["verbosity"] == 0 or not console.is_terminal,
        )
        task = bar.add_task("retention run", total=None)

        def progress(step: Step) -> None:
            bar.update(task, completed=step.done, total=step.total or None)
            if options["verbosity"] >= 1 and not console.is_terminal:
                remaining = bar.tasks[0].time_remaining
                eta = "?" if remaining is None else str(timedelta(seconds=round(remaining)))
                console.print(f"{step.message} — {step.done}/{step.total} done, ETA {eta}")

        with bar:
            run = records_purge(
                now=timezone.now(), dry_run=dry_run, batch_size=batch_size, progress=progress
            )
        self.stdout.write(f"{'Dry run' if dry_run else 'Run'} {run.get_status_display()}.")
        for code, counts in run.counts.get("policies", {}).items():
            numbers = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
            self.stdout.write(f"  {code}: {numbers}")
        for key, value in sorted(run.counts.items()):
            if key != "policies":
                self.stdout.write(f"  {key}: {value}")
