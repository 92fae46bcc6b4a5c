"""`manage.py purge_expired [--dry-run]`: the nightly retention run, by hand (clearsessions'
shape: a thin command over one service)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from retention.purge import DEFAULT_BATCH_SIZE, records_purge


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
        verbose = options["verbosity"] >= 2

        def progress(message):
            if verbose or options["verbosity"] >= 1:
                self.stdout.write(message)

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
