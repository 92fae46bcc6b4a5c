"""Erasure of a case record at a data subject's request, through the retention engine's
destroy path (one transaction, a destruction-log line; `retention.purge.erasure`)."""

from django.utils.translation import gettext as _

from retention import registry
from retention.purge.erasure import ErasureRefused, records_destroy

from .sources import SourceRefused

ERASURE_REASON = "gdpr-17-erasure"
"""The destruction log's policy code for an erasure under GDPR art. 17(1)."""


def debt_signal_erase(*, signal, reason: str = ERASURE_REASON, now=None):
    """An early sign of debt may be erased when the resident asks: no law obliges the
    municipality to keep it (the debt statement's retention is a maximum)."""
    try:
        return records_destroy(
            spec=registry.record(signal.record_type), ids=[signal.pk], reason=reason, now=now
        )
    except ErasureRefused as refused:
        raise SourceRefused(_("Not erased: %(why)s.") % {"why": refused}) from None
