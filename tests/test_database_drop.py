"""The database connection drops in the middle of filing a request: the resident gets a
clear page, and no partial request is left behind (the transaction never committed)."""

import datetime

import pytest
from django.db import connection
from django.test import Client

from requests_app import outbox
from requests_app.forms import form_started_token
from requests_app.models import OutgoingEmail, SubjectRequest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_a_dropped_connection_mid_submit_stores_nothing_and_says_so(monkeypatch):
    real_queue = outbox.email_queue

    def drop_connection(**kwargs):
        # The request row is inserted by now; the server ends this very connection.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return real_queue(**kwargs)

    monkeypatch.setattr(outbox, "email_queue", drop_connection)
    started = form_started_token(
        datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=30)
    )
    form = {"name": "Jan Jansen", "email": "jan@example.nl", "domain": "debt", "started": started}
    response = Client(raise_request_exception=False).post("/verzoek/inzage/", form)

    assert response.status_code == 500
    page = response.content.decode()
    assert "Er ging iets mis" in page
    assert "niet half bewaard" in page
    connection.close()  # the test's own connection was the one dropped
    assert SubjectRequest.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
