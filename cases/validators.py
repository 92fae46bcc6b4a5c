"""Validation of Dutch identifiers: one place, so the intake API and the admin agree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_bsn(value: str) -> str:
    """Digits only: '1112.22.333' and ' 111222333 ' are the same BSN."""
    from stdnum.nl import bsn

    return bsn.compact(value or "")


def validate_bsn(value: str) -> None:
    """A BSN has 9 digits and passes the eleven-test (Wet algemene bepalingen
    burgerservicenummer art. 1; stdnum.nl.bsn). The value is never echoed in the message:
    a BSN must not end up in a log line or an error report."""
    from stdnum.nl import bsn

    if not bsn.is_valid(value or ""):
        raise ValidationError(
            _(
                "This is not a valid citizen service number (BSN): "
                "it needs 9 digits that pass the eleven-test."
            ),
            code="invalid_bsn",
        )
