"""The erasure journey in a real Chromium: the handler of an erasure request finds the
resident's early sign of debt and their own youth case; the signal is destroyed with a
destruction-log line, the youth case shows the refusal with its ground."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import DebtSignal, YouthCase
from core.crypto import blind_index
from requests_app import roles, services
from requests_app.models import SubjectRequest
from retention.models import DestructionLogEntry
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory
from tests.conftest import browser_sign_in, restore_retention_policies, statements_load
from tests.requests_app.factories import staff

from .conftest import PARENT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_debt_signal_is_destroyed_and_the_youth_case_refused(page, live_server):
    call_command("sync_roles", verbosity=0)
    restore_retention_policies()
    statements_load(call_command)
    signal = DebtSignalFactory(bsn=PARENT)
    YouthCaseFactory(bsn=PARENT)
    request, _secret = services.request_submit(
        kind="erasure", domain="debt", name="Jan Jansen", email="jan@example.nl", language="en"
    )
    SubjectRequest.objects.filter(pk=request.pk).update(
        status="in_progress",
        bsn=PARENT,
        bsn_index=blind_index(PARENT),
        identity_method="counter",
        identity_verified_at=timezone.now(),
    )
    handler = browser_sign_in(page, live_server, staff(roles.HANDLER, teams=["debt", "youth"]))

    handler.goto(f"{live_server.url}/en/beheer/requests_app/subjectrequest/{request.pk}/records/")
    handler.get_by_role("button", name="Erase this record now").click()

    assert "Done." in handler.locator(".messagelist").inner_text()
    assert not DebtSignal.objects.filter(pk=signal.pk).exists()
    assert DestructionLogEntry.objects.filter(category="erasure_request", count=1).exists()
    refusal = handler.locator("p", has_text="Erasure refused").inner_text()
    assert "The Youth Act obliges the municipality" in refusal
    assert "17(3)(b)" in refusal
    assert handler.get_by_role("button", name="Erase this record now").count() == 0
    assert YouthCase.objects.count() == 1
