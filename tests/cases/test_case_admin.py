"""The case workers' admin: lists without personal data, BSN lookup through the blind index,
an access-log entry for every view, change and refusal, and each team in its own domain."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from accesslog.models import AccessLogEntry
from cases.models import CaseHistory, DebtSignal
from tests.conftest import otp_login

from .factories import DebtSignalFactory, YouthCaseFactory

pytestmark = pytest.mark.django_db
Action = AccessLogEntry.Action
DEBT = "/en/beheer/cases/debtsignal/"
YOUTH = "/en/beheer/cases/youthcase/"


def _worker(client, group_name, username):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return otp_login(client, user), user


@pytest.fixture
def debt_worker(client):
    return _worker(client, "Case worker debt", "debt-worker")


@pytest.fixture
def youth_worker(client):
    return _worker(client, "Case worker youth", "youth-worker")


def test_the_groups_hold_only_their_own_domain():
    debt = set(
        Group.objects.get(name="Case worker debt").permissions.values_list("codename", flat=True)
    )
    youth = set(
        Group.objects.get(name="Case worker youth").permissions.values_list("codename", flat=True)
    )
    assert "view_debtsignal" in debt
    assert "view_youthcase" not in debt
    assert "view_youthcase" in youth
    assert "view_debtsignal" not in youth
    assert not any(codename.startswith("delete_") for codename in debt | youth)


def test_the_list_shows_no_personal_data(debt_worker):
    client, _user = debt_worker
    signal = DebtSignalFactory(external_reference="SHV-1")
    response = client.get(DEBT)
    assert response.status_code == 200
    text = response.content.decode()
    assert str(signal.public_id) in text
    assert "SHV-1" in text
    for personal in ("Jan Jansen", "111222333", "Akerstraat", "045-1234567"):
        assert personal not in text
    # A list is not a look at a case: no entries.
    assert not AccessLogEntry.objects.exists()


def test_opening_a_case_shows_it_decrypted_and_is_logged(debt_worker):
    client, user = debt_worker
    signal = DebtSignalFactory()
    response = client.get(f"{DEBT}{signal.pk}/change/")
    assert response.status_code == 200
    assert "Jan Jansen" in response.content.decode()
    entry = AccessLogEntry.objects.for_record(signal).get()
    assert (entry.action, entry.user, entry.record_reference) == (
        Action.VIEW,
        user,
        str(signal.public_id),
    )
    assert "Case worker debt" in entry.roles


def test_a_change_is_logged_and_goes_through_the_model(debt_worker, published):
    client, _user = debt_worker
    signal = DebtSignalFactory()
    page = client.get(f"{DEBT}{signal.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            "outcome": DebtSignal.Outcome.OFFER_DECLINED,
            "closed_on": "2026-03-01",
            "joined_signals-TOTAL_FORMS": "0",
            "joined_signals-INITIAL_FORMS": "0",
            "contact_attempts-TOTAL_FORMS": "0",
            "contact_attempts-INITIAL_FORMS": "0",
            "casehistory_set-TOTAL_FORMS": "0",
            "casehistory_set-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(f"{DEBT}{signal.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    signal.refresh_from_db()
    assert signal.archiefactiedatum is not None  # the model recomputed the destruction date
    actions = list(
        AccessLogEntry.objects.for_record(signal)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [Action.VIEW, Action.CHANGE]
    assert CaseHistory.objects.filter(debt_signal=signal, action="changed in the admin").exists()


def test_a_debt_worker_cannot_open_youth_cases_and_the_attempt_is_logged(debt_worker):
    client, user = debt_worker
    youth = YouthCaseFactory()
    assert client.get(YOUTH).status_code == 403
    response = client.get(f"{YOUTH}{youth.pk}/change/")
    assert response.status_code == 403
    assert "Sanne" not in response.content.decode()
    entry = AccessLogEntry.objects.for_record(youth).get()
    assert (entry.action, entry.user) == (Action.DENIED, user)


def test_a_youth_worker_cannot_open_debt_signals(youth_worker):
    client, _user = youth_worker
    signal = DebtSignalFactory()
    assert client.get(f"{DEBT}{signal.pk}/change/").status_code == 403
    assert client.get(f"{YOUTH}").status_code == 200


def test_a_case_is_found_by_an_exact_valid_bsn_and_the_find_is_logged(debt_worker):
    client, _user = debt_worker
    mine = DebtSignalFactory(bsn="111222333")
    other = DebtSignalFactory(bsn="123456782")
    response = client.post(f"{DEBT}bsn-search/", {"bsn": "1112.22.333"})
    assert response.status_code == 200
    text = response.content.decode()
    assert str(mine.public_id) in text
    assert str(other.public_id) not in text
    assert "Jan Jansen" not in text
    assert AccessLogEntry.objects.for_record(mine).get().action == Action.VIEW
    assert not AccessLogEntry.objects.for_record(other).exists()


@pytest.mark.parametrize("term", ["11122233", "111222334", "Jan Jansen", "1112"])
def test_an_invalid_or_partial_bsn_finds_nothing(debt_worker, term):
    client, _user = debt_worker
    DebtSignalFactory(bsn="111222333")
    response = client.post(f"{DEBT}bsn-search/", {"bsn": term})
    assert response.status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_the_bsn_search_is_a_post_so_no_bsn_reaches_a_url(debt_worker):
    client, _user = debt_worker
    assert client.get(f"{DEBT}bsn-search/?bsn=111222333").status_code == 405
    page = client.get(DEBT).content.decode()
    assert 'method="post"' in page
    assert 'name="bsn"' in page


def test_without_a_second_factor_the_admin_stays_closed(client):
    user = User.objects.create_user("no-otp", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Case worker debt"))
    client.force_login(user)
    signal = DebtSignalFactory()
    response = client.get(f"{DEBT}{signal.pk}/change/")
    assert response.status_code == 302
    assert not AccessLogEntry.objects.exists()


def test_the_dpo_revokes_an_api_client_in_the_admin(verified_admin_client):
    from cases.services import api_client_create

    from .factories import OrganisationFactory

    api_client, _token = api_client_create(
        organisation=OrganisationFactory(), name="batch", scopes=["signals:write"]
    )
    response = verified_admin_client.post(
        "/en/beheer/cases/apiclient/",
        {"action": "revoke", "_selected_action": [api_client.pk]},
    )
    assert response.status_code == 302
    api_client.refresh_from_db()
    assert api_client.is_revoked
    page = verified_admin_client.get(f"/en/beheer/cases/apiclient/{api_client.pk}/change/")
    assert api_client.token_hash not in page.content.decode()


def test_a_changed_answer_in_the_admin_is_called_back_to_the_reporting_party(
    debt_worker, published, django_capture_on_commit_callbacks, monkeypatch
):
    """Issue 18: the admin is one of the writes that may change whether help was accepted."""
    from cases import callbacks
    from cases.models import CallbackDelivery
    from cases.services import api_client_create, api_client_set_callback

    client, _user = debt_worker
    signal = DebtSignalFactory()
    party, _token = api_client_create(
        organisation=signal.reporting_organisation, name="hook", scopes=["signals:write"]
    )
    api_client_set_callback(client=party, url="https://weller.example/hook")
    monkeypatch.setattr(callbacks, "callback_dispatch", lambda **kwargs: None)
    page = client.get(f"{DEBT}{signal.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(
        {
            "offer": DebtSignal.Offer.ACCEPTED,
            "joined_signals-TOTAL_FORMS": "0",
            "joined_signals-INITIAL_FORMS": "0",
            "contact_attempts-TOTAL_FORMS": "0",
            "contact_attempts-INITIAL_FORMS": "0",
            "casehistory_set-TOTAL_FORMS": "0",
            "casehistory_set-INITIAL_FORMS": "0",
        }
    )
    data = {key: value for key, value in data.items() if value is not False}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{DEBT}{signal.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    delivery = CallbackDelivery.objects.get()
    assert delivery.payload == {"signal_id": str(signal.public_id), "help_accepted": "yes"}


def test_the_admin_reads_and_writes_encrypted_dates_and_refuses_a_bsn_shaped_reference(
    debt_worker, published
):
    client, _user = debt_worker
    signal = DebtSignalFactory(
        date_of_birth=dt.date(1980, 5, 5), gender="male", external_reference="SHV-1"
    )
    form = client.get(f"{DEBT}{signal.pk}/change/").context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and value is not False
    }
    for prefix in ("joined_signals", "contact_attempts", "casehistory_set"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    refused = client.post(
        f"{DEBT}{signal.pk}/change/", {**data, "external_reference": "SHV 111.222.333"}
    )
    assert refused.status_code == 200
    assert list(refused.context["adminform"].form.errors) == ["external_reference"]

    kept = client.post(
        f"{DEBT}{signal.pk}/change/",
        {**data, "external_reference": "SHV-2", "date_of_birth": "1981-06-07", "gender": "female"},
    )
    assert kept.status_code == 302, kept.context["adminform"].form.errors
    signal.refresh_from_db()
    assert (signal.external_reference, signal.date_of_birth, signal.gender) == (
        "SHV-2",
        dt.date(1981, 6, 7),
        "female",
    )
