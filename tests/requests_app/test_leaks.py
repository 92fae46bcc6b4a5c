"""Two leaks of issue 12 (item 6): formulas in the portability CSV, and status-link secrets in
the development server's request log."""

import csv
import io
import logging
import traceback

import pytest
from django.utils.log import ServerFormatter

from heerlen_privacy.logfilters import RedactPersonalData
from requests_app.answer_files import portability_csv


def export_with(details):
    return {
        "format": "x",
        "version": 1,
        "exported_at": "2026-12-01",
        "request": {"details": details},
        "events": [],
        "letters": [],
        "files": [],
    }


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        ("=HYPERLINK(evil)", "'=HYPERLINK(evil)"),
        ("+31 45", "'+31 45"),
        ("-1+1", "'-1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t'=1"),
        ("\r=1", "'\r'=1"),
        ("x;=1+1;@SUM(1;1)", "x;'=1+1;'@SUM(1;1)"),  # Dutch Excel splits on ;
        ("a, +b", "a, '+b"),
        ("regel\n=b", "regel\n'=b"),
        ("Gewoon een zin; niets aan de hand", "Gewoon een zin; niets aan de hand"),
    ],
)
def test_no_part_of_a_csv_value_starts_a_formula(details, expected):
    text = portability_csv(export_with(details))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[-1] == ["request", "", "details", expected]
    assert text.splitlines()[-1].endswith('"')  # every field quoted: no `;` or `,` ends a cell
    assert text.startswith('"section";') is False
    assert text.startswith('"section","item"')


def test_the_development_servers_request_log_redacts_status_links():
    """runserver logs every request line to `django.server`; its handlers are the redacting
    console handler of settings.LOGGING, not Django's default one."""
    logger = logging.getLogger("django.server")
    secret = "tc-wh7h041mAqEYU3tmekVcUdzrLnHbGmFOh852YHOM"
    record = logger.makeRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /verzoek/status/{secret}/bevestigen/ HTTP/1.1", "200", "10"),
        None,
    )
    # (pytest adds capture handlers of its own; Django's default would be a ServerFormatter.)
    assert not logger.propagate
    assert not any(isinstance(h.formatter, ServerFormatter) for h in logger.handlers)
    redacting = [
        h for h in logger.handlers if any(isinstance(f, RedactPersonalData) for f in h.filters)
    ]
    assert redacting
    for handler in redacting:
        assert handler.filter(record)
    message = record.getMessage()
    assert secret not in message
    assert "/verzoek/status/[link]/bevestigen/" in message


def test_a_refused_address_is_not_in_the_error_the_worker_retries_with(monkeypatch, db):
    """An SMTP server's refusal names the address; the task's retry logs the error it gets."""
    from smtplib import SMTPException, SMTPRecipientsRefused

    from django.utils import timezone

    from requests_app.emails import email_send
    from requests_app.models import OutgoingEmail
    from tests.requests_app.factories import subject_request

    request = subject_request(email="piet@example.nl")
    email = OutgoingEmail.objects.create(
        request=request, template="acknowledgement", created_at=timezone.now()
    )

    def refuse(self, *args, **kwargs):
        raise SMTPRecipientsRefused({"piet@example.nl": (550, b"<piet@example.nl> unknown")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(SMTPException) as raised:
        email_send(email_id=email.pk)
    text = "".join(traceback.format_exception(raised.value))
    assert "piet@example.nl" not in text
    assert f"SMTPRecipientsRefused for e-mail {email.pk}" in text
