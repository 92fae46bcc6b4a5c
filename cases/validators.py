"""Validation of Dutch identifiers: one place, so the intake API and the admin agree."""

import re

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


# The product categories of the iStandaard Jeugdwet (iJW, Zorginstituut Nederland): two digits,
# set nationally and compulsory in the messages; under a category each municipality defines
# five-position product codes (the national standard list JZ21 starts each code with its
# category, e.g. 45A01 under 45 "Jeugdhulp ambulant"). 31-38 are the 2015 categories, 40-58
# the current ones. Only the category is kept in the statistics of anonymised cases.
IJW_PRODUCT_CATEGORIES = frozenset(
    [f"{n:02d}" for n in range(31, 39)] + [f"{n:02d}" for n in range(40, 59)]
)


def ijw_product_category(value: str) -> str:
    """The iJW product category of a product code ("45A01" → "45"), or "" when the code does
    not have the iJW form: a name or a BSN typed into the field never becomes a category."""
    value = (value or "").strip().upper()
    if (
        len(value) == 5
        and value.isalnum()
        and value.isascii()
        and value[:2] in IJW_PRODUCT_CATEGORIES
    ):
        return value[:2]
    return ""


def validate_ijw_product_code(value: str) -> None:
    """Five positions, letters and digits, starting with an iJW product category (e.g. 45A01,
    54001). The value is not echoed: a BSN typed here must not reach a log."""
    if value and not ijw_product_category(value):
        raise ValidationError(
            _(
                "This is not an iJW product code: five letters or digits, starting with a "
                "product category of the iStandaard Jeugdwet (for example 45A01)."
            ),
            code="invalid_product_code",
        )


# Nine digits in a row, also written with separators ("111 222 333", "1112.22.333"): a BSN
# whether or not it passes the eleven-test, which a typo or a test number may fail.
_SEPARATORS = re.compile(r"[\s./_-]")
_NINE_DIGITS = re.compile(r"\d{9}")


def validate_no_bsn(value: str) -> None:
    """A case system's reference is its own number, never a BSN: anything holding nine digits
    in a row, separators ignored, is refused. The value is not echoed."""
    if value and _NINE_DIGITS.search(_SEPARATORS.sub("", value)):
        raise ValidationError(
            _(
                "This looks like a citizen service number (BSN): a reference may not hold "
                "nine digits in a row."
            ),
            code="bsn_shaped",
        )
