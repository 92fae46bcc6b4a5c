"""What the retention engine removes of the access log (read by `retention.registry`): entries
older than the period published for the log (`retention.ACCESS_LOG_POLICY`)."""

from .retention import access_log_count_expired, access_log_purge_expired

EXPIRING = [
    {
        "name": "access_log_entries_removed",
        "purge": access_log_purge_expired,
        "count": access_log_count_expired,
    }
]
