import logging

from heerlen_privacy.logfilters import RedactPersonalData, redact


def test_a_valid_bsn_and_an_email_address_are_redacted():
    assert redact("Not Found: /api/intake/debt-signals/111222333/") == (
        "Not Found: /api/intake/debt-signals/[BSN]/"
    )
    assert redact("to jan@example.nl failed") == "to [e-mail] failed"


def test_other_numbers_stay():
    # Not eleven-test valid, or not nine digits: an order number, a phone number, a year.
    assert (
        redact("run 123456789 of 2026, call 0455605040") == "run 123456789 of 2026, call 0455605040"
    )


def test_the_filter_rewrites_the_record_once_formatted():
    record = logging.LogRecord(
        "x", logging.WARNING, "", 0, "Not Found: %s", ("/x/111222333/",), None
    )
    assert RedactPersonalData().filter(record) is True
    assert record.getMessage() == "Not Found: /x/[BSN]/"
