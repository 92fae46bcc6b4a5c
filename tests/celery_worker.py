"""A real Celery worker process for the tests that need one: solo pool, no chatter."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker_start(*, env, queue=None, loglevel="WARNING"):
    command = [sys.executable, "-m", "celery", "-A", "heerlen_privacy", "worker", "--pool=solo"]
    command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    command += [f"--loglevel={loglevel}", *(["-Q", queue] if queue else [])]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
