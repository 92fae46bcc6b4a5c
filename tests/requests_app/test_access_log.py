import pytest
from django.db import connection
from django.test import RequestFactory, override_settings

from accesslog.models import AccessLogEntry, AccessLogRefused
from accesslog.services import access_log_record
from core.http import client_ip
from requests_app import roles
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

PAGE = "/en/beheer/requests_app/subjectrequest/{}/change/"


def _entry(user, obj, action=AccessLogEntry.Action.VIEW):
    http = RequestFactory().get("/beheer/x/", REMOTE_ADDR="192.0.2.7")
    http.user = user
    return access_log_record(request=http, action=action, obj=obj, purpose="test")


def test_an_entry_records_who_whose_what_when_where_and_why_without_the_data():
    user = staff(roles.DPO, username="fg")
    obj = subject_request(name="Piet Pietersen", email="piet@example.nl")
    entry = _entry(user, obj)
    assert (entry.username, entry.roles, entry.action) == ("fg", "DPO", "view")
    assert (entry.record_type, entry.record_id) == ("requests_app.subjectrequest", str(obj.pk))
    assert entry.record_reference == obj.reference
    assert entry.ip_address == "192.0.2.7"
    assert entry.purpose == "test"
    assert entry.at
    stored = " ".join(str(v) for v in AccessLogEntry.objects.values().get())
    assert "Piet" not in stored
    assert "piet@example.nl" not in stored


def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    entry = _entry(staff(roles.DPO), subject_request())
    entry.purpose = "rewritten"
    with pytest.raises(AccessLogRefused):
        entry.save()
    with pytest.raises(AccessLogRefused):
        entry.delete()
    with pytest.raises(AccessLogRefused):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="rewritten")
    with pytest.raises(AccessLogRefused):
        AccessLogEntry.objects.all().delete()
    # Django's own lookups and cascades use the base manager: it refuses as well.
    with pytest.raises(AccessLogRefused):
        AccessLogEntry._base_manager.filter(pk=entry.pk).update(purpose="rewritten")
    with pytest.raises(AccessLogRefused):
        AccessLogEntry._base_manager.filter(pk=entry.pk).delete()
    assert AccessLogEntry.objects.get().purpose == "test"


@pytest.mark.postgres
def test_postgresql_refuses_changes_below_the_orm():
    from django.db import DatabaseError, transaction

    entry = _entry(staff(roles.DPO), subject_request())
    for sql in (
        "UPDATE requests_app_accesslogentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM requests_app_accesslogentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk, purpose="test").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_truncate_of_the_log_also_by_cascade():
    """Review L6. Transactional on purpose: the flush after this test empties every table
    with TRUNCATE, and must still get through (tests/conftest.py asks for it)."""
    from django.db import DatabaseError, transaction

    entry = _entry(staff(roles.DPO), subject_request())
    for sql in (
        "TRUNCATE requests_app_accesslogentry",
        "TRUNCATE auth_user CASCADE",  # the log's user column cascades the TRUNCATE to it
    ):
        with (
            pytest.raises(DatabaseError, match="append-only: no TRUNCATE"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_client_address_comes_from_the_proxy_only_when_behind_one():
    http = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4"
    )
    with override_settings(BEHIND_PROXY=False):
        assert client_ip(http) == "10.0.0.1"
    with override_settings(BEHIND_PROXY=True):
        # The last hop is the one our proxy added; the first is the client's to forge.
        assert client_ip(http) == "198.51.100.4"
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="not an address")) is None


def test_every_admin_view_of_a_requests_personal_data_is_logged(client):
    dpo = staff(roles.DPO, username="fg")
    obj = subject_request(name="Piet Pietersen")
    otp_login(client, dpo)
    html = client.get(PAGE.format(obj.pk)).content.decode()
    assert "Piet Pietersen" in html
    client.get(PAGE.format(obj.pk))
    views = AccessLogEntry.objects.filter(action="view", record_id=str(obj.pk), username="fg")
    assert views.count() == 2
    assert views.first().purpose == "handling the request (GDPR art. 12)"
    assert views.first().ip_address == "127.0.0.1"


def test_the_queue_itself_logs_nothing_because_it_shows_no_personal_data(client):
    subject_request()
    otp_login(client, staff(roles.DPO))
    assert client.get("/en/beheer/requests_app/subjectrequest/").status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_the_dpo_and_the_auditor_can_search_the_log_a_handler_cannot(client):
    obj = subject_request()
    _entry(staff(roles.DPO, username="looker"), obj)
    _entry(staff(roles.DPO, username="other"), subject_request())
    url = "/en/beheer/accesslog/accesslogentry/"
    for role in (roles.DPO, roles.AUDITOR):
        otp_login(client, staff(role))
        html = client.get(url, {"q": obj.reference}).content.decode()
        assert "looker" in html
        assert "other" not in html
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    assert client.get(url).status_code == 403


def test_the_log_admin_offers_no_add_change_or_delete(verified_admin_client):
    entry = _entry(staff(roles.DPO), subject_request())
    base = "/en/beheer/accesslog/accesslogentry/"
    assert verified_admin_client.get(base + "add/").status_code == 403
    assert verified_admin_client.get(f"{base}{entry.pk}/delete/").status_code == 403
    page = verified_admin_client.get(f"{base}{entry.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    response = verified_admin_client.post(f"{base}{entry.pk}/change/", {"purpose": "x"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.get().purpose == "test"
