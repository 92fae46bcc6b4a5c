import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from requests_app import resident_access, services, verification
from requests_app.models import Event, SubjectRequest

pytestmark = pytest.mark.django_db

# The views read the clock, so the requests here are filed now.
NOW = timezone.now()


@pytest.fixture
def filed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request, secret = services.request_submit(
            kind="access", domain="youth", name="Jan Jansen", email="jan@example.nl", now=NOW
        )
    [message] = mail.outbox
    code = re.search(r"code: (\d{6})", message.body).group(1)
    return request, secret, code


def test_the_code_from_the_email_confirms_the_address(client, filed):
    request, secret, code = filed
    assert code not in request.verification_hash
    response = client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": f" {code} "})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.verified_at is not None
    assert Event.objects.filter(request=request, type=Event.Type.VERIFIED).exists()
    assert 'name="code"' not in client.get(f"/verzoek/status/{secret}/").content.decode()


def test_a_wrong_code_says_how_many_tries_are_left_then_stops(client, filed):
    request, secret, code = filed
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": wrong})
    assert response.status_code == 400
    assert "nog 4 keer" in response.content.decode()
    for _ in range(4):
        client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": wrong})
    response = client.post(f"/verzoek/status/{secret}/bevestigen/", {"code": code})
    assert "Te vaak een verkeerde code" in response.content.decode()
    request.refresh_from_db()
    assert request.verified_at is None


def test_an_expired_code_is_refused(filed):
    request, _secret, code = filed
    later = NOW + verification.CODE_VALID + datetime.timedelta(seconds=1)
    with pytest.raises(resident_access.VerificationRefused):
        resident_access.request_verify(request=request, code=code, now=later)


def test_unconfirmed_requests_are_removed_after_the_documented_period(filed):
    request, _secret, _code = filed
    confirmed, _s = services.request_submit(
        kind="access", domain="other", name="Piet", email="piet@example.nl", now=NOW
    )
    SubjectRequest.objects.filter(pk=confirmed.pk).update(verified_at=NOW)
    # Two full weeks from the day of receipt are kept; the request goes on the next day.
    removed_on = verification.unverified_removed_on(request.received_at)
    assert removed_on == timezone.localdate(NOW) + datetime.timedelta(days=15)
    last_kept = timezone.make_aware(datetime.datetime.combine(removed_on, datetime.time()))
    just_before = last_kept - datetime.timedelta(minutes=1)
    assert not SubjectRequest.objects.unverified_expired(now=just_before).exists()
    after = last_kept + datetime.timedelta(minutes=1)
    # The retention run removes exactly these (tests/retention/test_unconfirmed_removal.py).
    assert list(SubjectRequest.objects.unverified_expired(now=after)) == [request]
