"""A dump of the database holds no personal data in plain text: names, e-mail addresses,
BSNs and health notes are encrypted, and searchable only through blind indexes."""

import subprocess

import pytest
from django.db import connection

from requests_app import services
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory

from . import personal_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_pg_dump_shows_no_bsn_name_or_health_data():
    name, other_name = personal_data.NAMES
    email = personal_data.EMAILS[0]
    bsn, other_bsn = personal_data.BSNS
    diagnosis, safety = personal_data.HEALTH
    signal = DebtSignalFactory(name=name, bsn=bsn)
    youth = YouthCaseFactory(
        youth_name=other_name, bsn=other_bsn, health_data=diagnosis, safety_risks=safety
    )
    request, _secret = services.request_submit(
        kind="access",
        domain="youth",
        name=name,
        email=email,
        details=f"Mijn dossier over {diagnosis}",
        capacity="parent",
        subject_name=other_name,
    )
    db = connection.settings_dict
    where = ["-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"]]
    dump = subprocess.run(
        ["pg_dump", "--data-only", *where, db["NAME"]],
        capture_output=True,
        check=True,
    ).stdout.decode()

    # The dump is real: the rows are there, by their non-personal columns.
    for public_id in (signal.public_id, youth.public_id, request.public_id):
        assert str(public_id) in dump
    for secret in personal_data.ALL:
        assert secret not in dump, f"{secret!r} is in the database dump in plain text"
