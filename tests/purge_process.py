"""A retention run in a process of its own, for the fault tests (tests/test_faults.py).

    python -m tests.purge_process [--batch-size N] [--start-at EPOCH] [--without-run-lock]
        [--pause-before-unlink SECONDS]

`--start-at` waits until that moment (time.time()) so that two processes started a moment
apart really run at the same time. `--without-run-lock` replaces the run lock with one that is
always granted, as a second beat that bypassed it would behave: only the per-batch claim
(`SELECT ... FOR UPDATE SKIP LOCKED`) then stands between two runs and the same records.
`--pause-before-unlink` fills the seam `retention.purge.files.before_unlink`: after a batch
with files has committed and before its files are unlinked, the run prints
"committed, files not unlinked" and sleeps, for the test to SIGKILL it in that window.
"""

import argparse
import contextlib
import os
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--start-at", type=float, default=0)
    parser.add_argument("--without-run-lock", action="store_true")
    parser.add_argument("--pause-before-unlink", type=float, default=0)
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from retention.purge import run as run_module

    if options.without_run_lock:

        @contextlib.contextmanager
        def always_granted():
            yield True

        run_module.run_lock = always_granted
    if options.pause_before_unlink:
        from retention.purge import files

        def pause():
            print("committed, files not unlinked", flush=True)
            time.sleep(options.pause_before_unlink)

        files.before_unlink = pause
    connection.ensure_connection()  # connected before the start signal, like a running beat
    time.sleep(max(0.0, options.start_at - time.time()))
    run = run_module.records_purge(now=timezone.now(), batch_size=options.batch_size)
    print(f"run {run.status} destroyed={run.destroyed_total}", flush=True)


if __name__ == "__main__":
    main()
