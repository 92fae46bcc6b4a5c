"""`manage.py rotate_keys [--blind-index] [--batch-size N]`: every encrypted column re-encrypted
with the newest key of FIELD_ENCRYPTION_KEYS, or (--blind-index) every blind index recomputed
under BLIND_INDEX_KEY. Safe to interrupt and start again: rows already done are recognised and
skipped (core/keyrotation.py). The runbook: docs/key-rotation.md."""

from datetime import timedelta
from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from core.keyrotation import DEFAULT_BATCH_SIZE, blind_indexes_rebuild, encrypted_columns_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column with the newest key of FIELD_ENCRYPTION_KEYS, or "
        "with --blind-index recompute every blind index under BLIND_INDEX_KEY. Resumable: "
        "run it again after an interruption."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--blind-index",
            action="store_true",
            help="Re-key the blind indexes instead (after BLIND_INDEX_KEY was changed).",
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, blind_index=False, batch_size=DEFAULT_BATCH_SIZE, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        # rich on the command's own stream, as `purge_expired` does: a live bar on a terminal,
        # a line per table and at the end otherwise.
        stream = cast(IO[str], self.stdout._out)  # noqa: SLF001
        console = Console(file=stream, highlight=False, soft_wrap=True)
        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("rows"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            disable=options["verbosity"] == 0 or not console.is_terminal,
        )
        task = bar.add_task("blind indexes" if blind_index else "encrypted columns", total=None)
        shown = set()

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total or None)
            if options["verbosity"] >= 1 and not console.is_terminal and label not in shown:
                shown.add(label)
                remaining = bar.tasks[0].time_remaining
                eta = "?" if remaining is None else str(timedelta(seconds=round(remaining)))
                console.print(f"{label} — {done}/{total} rows, ETA {eta}")

        run = blind_indexes_rebuild if blind_index else encrypted_columns_rotate
        with bar:
            written = run(batch_size=batch_size, progress=progress)
        what = "re-keyed" if blind_index else "re-encrypted"
        for label, count in written.items():
            self.stdout.write(f"  {label}: {count} rows {what}")
        self.stdout.write(f"Done: {sum(written.values())} rows {what}.")
