import logging

import pytest

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


def test_a_status_link_secret_and_encoded_addresses_are_redacted():
    assert redact("Bad Request: /en/verzoek/status/yCKEzO4w-abc_9/bevestigen/") == (
        "Bad Request: /en/verzoek/status/[link]/bevestigen/"
    )
    assert "piet" not in redact("?_changelist_filters=q%3Dpiet%2540example.nl")


def test_gunicorn_access_lines_are_redacted():
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from heerlen_privacy.logfilters import RedactingGunicornLogger

    secret_path = "/verzoek/status/s3cr3t-Link/brieven/1/"
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": secret_path, "PATH_INFO": secret_path}
    environ |= {"QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.0.0.1"}
    environ |= {"HTTP_REFERER": "https://privacy.heerlen.nl" + secret_path}
    resp = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[])
    req = SimpleNamespace(headers=[("REFERER", "https://privacy.heerlen.nl" + secret_path)])
    atoms = RedactingGunicornLogger(Config()).atoms(resp, req, environ, timedelta(0))
    line = " ".join(str(value) for value in atoms.values())
    assert "s3cr3t-Link" not in line
    assert "/verzoek/status/[link]/brieven/1/" in atoms["r"]


def test_the_address_pattern_never_backtracks_over_a_long_run_of_letters():
    """A header of thousands of letters must not cost the worker seconds (it did: the
    pattern retried every start). Checked by structure, not by timing: matches start only at
    the start of a run, and the runs are possessive, so nothing is tried twice."""
    from heerlen_privacy.logfilters import EMAIL

    assert EMAIL.pattern.startswith(r"(?<![\w.+-])")
    assert "++" in EMAIL.pattern
    assert redact("A" * 100_000) == "A" * 100_000
    assert redact("x" * 5000 + " jan.jansen@example.nl") == "x" * 5000 + " [e-mail]"


def test_a_traceback_under_a_message_is_redacted_too():
    """An exception's text repeats what it was given: an SMTP refusal names the address."""
    try:
        raise ValueError("550 <piet@example.nl> rejected; BSN 111222333")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, "", 0, "failed", (), sys.exc_info())
    assert RedactPersonalData().filter(record) is True
    line = logging.Formatter("%(message)s").format(record)
    assert "piet@example.nl" not in line
    assert "111222333" not in line
    assert "550 <[e-mail]> rejected; BSN [BSN]" in line


@pytest.mark.parametrize(
    "typed",
    ["111222333", "111 22 23 33", "111.22.23.33", "111 222 333", "111-222-333", "1112.22.333"],
)
def test_a_bsn_written_with_separators_is_redacted(typed):
    assert redact(f"Unauthorized: /api/intake/debt-signals/{typed}/") == (
        "Unauthorized: /api/intake/debt-signals/[BSN]/"
    )


def test_a_typed_search_term_and_an_api_token_are_redacted():
    line = 'GET /beheer/requests_app/subjectrequest/?q=Maria+Peters&o=1 HTTP/1.1" 200'
    assert redact(line) == 'GET /beheer/requests_app/subjectrequest/?q=[search]&o=1 HTTP/1.1" 200'
    kept = "/beheer/x/1/change/?_changelist_filters=q%3DMaria%2BPeters%26o%3D1"
    assert redact(kept) == "/beheer/x/1/change/?_changelist_filters=q%3D[search]%26o%3D1"
    assert redact("/api/intake/?token=hpi_0123456789abcdef_s3cr-et") == "/api/intake/?token=[token]"
