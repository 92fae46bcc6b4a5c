"""The access log's own retention: what the engine may change in an append-only log, and
nothing else.

- **Redaction.** When the retention run destroys a record, the log's `record_reference` of that
  record (its public id, or a request's reference that sits in the resident's letters) is
  replaced by the record's destruction-log hash (`retention.purge.record_reference`): who holds
  the reference can still find the entries through the destruction log, nobody can read it
  from the access log. Only that column changes.
- **Expiry.** An entry is removed once the period of the policy `ACCESS_LOG_POLICY` has passed
  since its day (the period the statements publish for it; none published: nothing expires).

On PostgreSQL the trigger (migration `accesslog` 0003) refuses every other UPDATE and DELETE,
and these two only inside a transaction that asked for them with `SET LOCAL`: a redaction that
changes only `record_reference` to a 64-character hash, a deletion of entries older than the
cut-off the transaction names. The ORM refuses both everywhere (`AccessLogQuerySet`); this
module writes SQL of its own.
"""

from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from core.pgarrays import text_array

from .models import AccessLogEntry

ACCESS_LOG_POLICY = "access-log"
BATCH = 5000


def _table():
    return connection.ops.quote_name(AccessLogEntry._meta.db_table)


def access_log_redact(*, record_types, pairs) -> int:
    """Replaces the reference of each destroyed record, given as (record id, destruction-log
    hash), in the entries of `record_types` (model labels, with the labels it had before).
    Runs in the caller's transaction (the batch that destroys the records)."""
    pairs = [(str(pk), reference) for pk, reference in pairs]
    if not pairs:
        return 0
    table = _table()
    types = list(record_types)
    # Most destroyed records were never opened by staff: when the log holds no entry of these
    # types at all, one indexed EXISTS spares the batch its UPDATE (the retention run's
    # batches are thousands of records).
    if not AccessLogEntry.objects.filter(record_type__in=types).exists():
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL heerlen.access_log_redact = 'on'")
            sql = (
                f"UPDATE {table} AS e SET record_reference = v.reference "  # noqa: S608 # nosec B608
                "FROM unnest(%s::text[], %s::text[]) AS v(record_id, reference) "
                "WHERE e.record_type = ANY(%s) AND e.record_id = v.record_id"
            )
            ids, references = text_array(p[0] for p in pairs), text_array(p[1] for p in pairs)
            cursor.execute(sql, [ids, references, types])
            changed = cursor.rowcount
            cursor.execute("SET LOCAL heerlen.access_log_redact = 'off'")
            return changed
        marks = ", ".join(["%s"] * len(types))
        changed = 0
        for record_id, reference in pairs:
            cursor.execute(
                f"UPDATE {table} SET record_reference = %s "  # noqa: S608 # nosec B608
                f"WHERE record_type IN ({marks}) AND record_id = %s",
                [reference, *types, record_id],
            )
            changed += cursor.rowcount
        return changed


def expiry_cutoff(*, now: datetime):
    """The instant before which entries have outlived the published period, or None when no
    active policy with a published period governs the log. An entry made on day D goes from
    the day after D + period (EU Regulation 1182/71, like every record: `retention.dates`)."""
    from retention.dates import local_today
    from retention.models import RetentionPolicy
    from retention.rules import published_rules
    from statements.periods import parse_period

    if not RetentionPolicy.objects.active().filter(code=ACCESS_LOG_POLICY).exists():
        return None
    today = local_today(now)
    rule = published_rules(today=today).get(ACCESS_LOG_POLICY)
    if rule is None:
        return None
    last_day_gone = today - parse_period(rule.period).relativedelta() - timedelta(days=1)
    return timezone.make_aware(datetime.combine(last_day_gone + timedelta(days=1), time.min))


def access_log_count_expired(*, now: datetime) -> int:
    cutoff = expiry_cutoff(now=now)
    return 0 if cutoff is None else AccessLogEntry.objects.filter(at__lt=cutoff).count()


def access_log_purge_expired(*, now: datetime) -> int:
    """Removes the entries older than the published period, in batches."""
    cutoff = expiry_cutoff(now=now)
    if cutoff is None:
        return 0
    table = _table()
    removed = 0
    while True:
        ids = list(
            AccessLogEntry.objects.filter(at__lt=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return removed
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT set_config('heerlen.access_log_purge_before', %s, true)",
                    [cutoff.isoformat()],
                )
                cursor.execute(
                    f"DELETE FROM {table} WHERE id = ANY(%s)",  # noqa: S608 # nosec B608
                    [ids],
                )
            else:
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", ids)  # noqa: S608 # nosec B608
            removed += cursor.rowcount
