"""What the retention engine governs of the case records (read by `retention.registry`).

Both record types store their destruction date (`RetainedRecord`); the period counts from one
of the dates `clock_dates()` names, as the published rule says. For a debt case the signal's
date is that of the latest signal in the case (`DebtSignal.last_signal_on`): a signal that
joins an open case restarts its clock. An anonymised record leaves a
statistical residue by month, outcome and this category: the kind of reporting party for a
debt signal, the iJW product category of a youth case (only known values).
"""

from retention.models import RecordType

from .batches import signal_batches_forget_finished
from .callbacks import callbacks_forget_delivered
from .models import DebtSignal, ReportingOrganisation, YouthCase
from .services import idempotency_forget_expired
from .validators import ijw_product_category


def clock_date(case, clock_start):
    return case.clock_dates().get(clock_start)


def organisation_kind(value) -> str:
    return value if value in ReportingOrganisation.Kind.values else ""


RECORDS = [
    {
        "model": DebtSignal,
        "record_type": RecordType.DEBT_SIGNAL,
        "outcomes": DebtSignal.Outcome.values,
        "start_event": clock_date,
        "statistic_field": "reporting_organisation__kind",
        "statistic_category": organisation_kind,
    },
    {
        "model": YouthCase,
        "record_type": RecordType.YOUTH_CASE,
        "outcomes": YouthCase.Outcome.values,
        "start_event": clock_date,
        # The iJW product category ("45" of "45A01"), never the free text of the field.
        "statistic_field": "product_code",
        "statistic_category": ijw_product_category,
    },
]

# The intake API's remembered answers (idempotency records) live 24 hours; delivered
# callbacks (no personal data: a public id and yes/no) are kept 30 days.
EXPIRING = [
    {"name": "idempotency_records_removed", "purge": idempotency_forget_expired},
    {"name": "callback_deliveries_removed", "purge": callbacks_forget_delivered},
    # Batches' outcomes (public ids and messages) 7 days after they finished.
    {"name": "signal_batches_removed", "purge": signal_batches_forget_finished},
]
