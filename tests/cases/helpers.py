"""Helpers of the retention-rule tests: a run's moment, an intake POST, a record's survival."""

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BASE = "/api/intake"


def night(day, hour=0, minute=0, second=30):
    """A run on `day`, Amsterdam time; by default the review's first moment, 00:00:30."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=AMSTERDAM)


def post(client, path, body, token):
    return client.post(
        f"{BASE}{path}",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )


def exists(record):
    return type(record).objects.filter(pk=record.pk).exists()
