"""Batch intake (issue 18, item 3): up to 10,000 signals in one request or file, a batch id at
once, then per item its public id or the messages naming its line and field; good items are
never lost for bad ones; idempotent by its key; processed by a worker given the batch id only,
the signals waiting encrypted until then."""

import json
import uuid

import pytest
from django.db import connection

from cases.models import (
    DebtSignal,
    ReportingOrganisation,
    SignalBatch,
    SignalBatchChunk,
    SignalReport,
)
from cases.models.batches import MAX_BATCH_ITEMS
from cases.services import api_client_create

from .factories import VALID_BSNS, OrganisationFactory

pytestmark = pytest.mark.django_db
BASE = "/api/intake"


def _token(name="Weller", kind=ReportingOrganisation.Kind.LANDLORD):
    organisation = OrganisationFactory(name=name, kind=kind)
    return api_client_create(organisation=organisation, name="batch", scopes=["signals:write"])[1]


@pytest.fixture
def token():
    return _token()


def _send(client, body, token, content_type="application/json", key=None):
    data = json.dumps(body) if content_type == "application/json" else body
    return client.post(
        f"{BASE}/signal-batches/",
        data=data,
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=key or str(uuid.uuid4()),
    )


def _read(client, batch_id, token):
    return client.get(f"{BASE}/signal-batches/{batch_id}/", HTTP_AUTHORIZATION=f"Bearer {token}")


GOOD = {"name": "Jan Jansen", "arrears_amount": "850.00", "arrears_since": "2026-01-01"}


def test_a_batch_with_good_and_bad_items_keeps_every_good_one(
    client, published, token, django_capture_on_commit_callbacks
):
    body = [
        {**GOOD, "bsn": VALID_BSNS[0]},
        {**GOOD, "bsn": "111222334"},  # fails the eleven-test
        {"arrears_amount": "12.00", "arrears_since": "2026-01-01"},  # no name
        {**GOOD, "arrears_type": "water"},  # a landlord signals rent
        {**GOOD, "name": "Piet Peters", "bsn": VALID_BSNS[1]},
        {**GOOD, "colour": "red"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, body, token)
    assert answer.status_code == 202, answer.content
    assert answer.json()["status"] == "queued"
    batch_id = answer.json()["batch_id"]

    read = _read(client, batch_id, token)
    assert read.status_code == 200
    result = read.json()
    assert (result["status"], result["total"], result["processed"]) == ("done", 6, 6)
    assert (result["accepted"], result["rejected"]) == (2, 4)
    by_line = {item["line"]: item for item in result["items"]}
    assert sorted(by_line) == [1, 2, 3, 4, 5, 6]
    assert set(by_line[2]["errors"]) == {"bsn"}
    assert set(by_line[3]["errors"]) == {"name"}
    assert set(by_line[4]["errors"]) == {"arrears_type"}
    assert set(by_line[6]["errors"]) == {"colour"}
    for line in (1, 5):
        assert by_line[line]["errors"] is None
        status = client.get(
            f"{BASE}/debt-signals/{by_line[line]['public_id']}/",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert status.status_code == 200
    assert DebtSignal.objects.count() == 2
    # Nothing personal waits once processed, and nothing personal is in the answer.
    assert not SignalBatchChunk.objects.exists()
    assert "Jansen" not in read.content.decode()


def test_a_csv_file_names_the_line_and_field_of_each_refusal(
    client, published, token, django_capture_on_commit_callbacks
):
    csv_text = (
        "name,bsn,arrears_amount,arrears_since,signal_date\r\n"
        f"Jan Jansen,{VALID_BSNS[0]},850.00,2026-01-01,\r\n"
        "Piet Peters,,abc,2026-01-01,\r\n"
        "Klaas Kok,,10.00,2026-13-01,\r\n"
        "Anna Aarts,,10.00,2026-01-01,,extra\r\n"
        f"Sanne Smit,{VALID_BSNS[2]},99.95,2026-01-02,2026-01-20\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, csv_text, token, content_type="text/csv")
    assert answer.status_code == 202, answer.content
    items = {i["line"]: i for i in _read(client, answer.json()["batch_id"], token).json()["items"]}
    assert items[2]["public_id"]
    assert set(items[3]["errors"]) == {"arrears_amount"}
    assert set(items[4]["errors"]) == {"arrears_since"}
    assert set(items[5]["errors"]) == {"non_field_errors"}
    assert items[6]["public_id"]
    assert DebtSignal.objects.get(public_id=items[6]["public_id"]).name == "Sanne Smit"


def test_a_json_lines_file_with_a_broken_line(
    client, published, token, django_capture_on_commit_callbacks
):
    lines = [json.dumps(GOOD), "{not json", "", json.dumps({**GOOD, "name": "B"})]
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, "\n".join(lines), token, content_type="application/jsonl")
    assert answer.status_code == 202, answer.content
    result = _read(client, answer.json()["batch_id"], token).json()
    assert [(i["line"], bool(i["public_id"])) for i in result["items"]] == [
        (1, True),
        (2, False),
        (4, True),
    ]


def test_a_repeated_batch_with_its_key_is_the_same_batch(
    client, published, token, django_capture_on_commit_callbacks
):
    body = [{**GOOD, "bsn": VALID_BSNS[0]}, {**GOOD, "bsn": VALID_BSNS[1]}]
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(client, body, token, key="batch-2026-01-20")
        again = _send(client, body, token, key="batch-2026-01-20")
    assert (first.status_code, again.status_code) == (202, 202)
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["batch_id"] == first.json()["batch_id"]
    assert SignalBatch.objects.count() == 1
    assert DebtSignal.objects.count() == 2
    other = _send(client, body[:1], token, key="batch-2026-01-20")
    assert other.status_code == 422


def test_the_worker_gets_the_batch_id_only_and_the_signals_wait_encrypted(
    client, published, token, django_capture_on_commit_callbacks, monkeypatch
):
    from cases import tasks

    queued = []
    monkeypatch.setattr(tasks.signal_batch_process, "delay", lambda *a, **k: queued.append((a, k)))
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, [{**GOOD, "bsn": VALID_BSNS[0]}], token)
    batch = SignalBatch.objects.get(public_id=answer.json()["batch_id"])
    assert queued == [((batch.pk,), {})]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT payload FROM {SignalBatchChunk._meta.db_table}")  # noqa: S608
        (stored,) = cursor.fetchone()
    assert "Jansen" not in stored
    assert VALID_BSNS[0] not in stored
    assert _read(client, batch.public_id, token).json()["status"] == "queued"


def test_another_organisation_cannot_read_the_batch(
    client, published, token, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch_id = _send(client, [GOOD], token).json()["batch_id"]
    other = _token("Wonen Limburg")
    assert _read(client, batch_id, other).status_code == 404


def test_signals_of_one_resident_in_a_batch_join_one_case(
    client, published, token, django_capture_on_commit_callbacks
):
    body = [
        {**GOOD, "bsn": VALID_BSNS[0]},
        {**GOOD, "bsn": VALID_BSNS[0], "signal_date": "2026-02-01"},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, body, token)
    assert (DebtSignal.objects.count(), SignalReport.objects.count()) == (1, 1)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ([], "application/json"),
        ({"name": "x"}, "application/json"),
        ([GOOD, "text"], "application/json"),
        ([GOOD] * (MAX_BATCH_ITEMS + 1), "application/json"),
        ("name,colour\r\nJan,red\r\n", "text/csv"),
    ],
)
def test_a_body_that_is_not_a_batch_is_refused_whole(client, token, body, content_type):
    answer = _send(client, body, token, content_type=content_type)
    assert answer.status_code == 400
    assert not SignalBatch.objects.exists()


def test_a_case_system_cannot_post_a_batch(client, debt_token):
    assert _send(client, [GOOD], debt_token).status_code == 403


@pytest.mark.parametrize("content_type", ["application/json", "application/jsonl"])
def test_a_full_batch_over_django_s_upload_limit_is_taken(
    client, token, settings, monkeypatch, content_type
):
    """Found by schemathesis: DRF read a JSON body through `request.body`, capped at
    DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB); 10,000 signals are more than that."""
    from cases import batches

    monkeypatch.setattr(batches, "signal_batch_dispatch", lambda **kwargs: None)
    item = {**GOOD, "address": "Akerstraat 1, 6411 HA Heerlen " + "x" * 300}
    items = [item] * MAX_BATCH_ITEMS
    if content_type == "application/json":
        body = items
        size = len(json.dumps(items))
    else:
        body = "\n".join(json.dumps(one) for one in items)
        size = len(body)
    assert size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    answer = _send(client, body, token, content_type=content_type)
    assert answer.status_code == 202, answer.content[:300]
    assert answer.json()["total"] == MAX_BATCH_ITEMS


def test_a_value_in_the_wrong_column_is_not_kept_in_the_batch_outcome(
    client, published, token, django_capture_on_commit_callbacks
):
    """Attack review: DRF's choice message echoes the value ('"Jan Jansen" is not a valid
    choice.'), so a CSV whose cells slipped one column kept residents' names and BSNs in the
    outcome rows for 7 days and returned them in the answer."""
    csv_text = (
        "name,gender,arrears_type,arrears_amount,arrears_since\r\n"
        f"Jan Jansen,Kerkstraat 1 Heerlen,{VALID_BSNS[0]},850.00,2026-01-01\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, csv_text, token, content_type="text/csv")
    assert answer.status_code == 202, answer.content
    read = _read(client, answer.json()["batch_id"], token)
    (item,) = read.json()["items"]
    assert set(item["errors"]) == {"gender", "arrears_type"}
    stored = json.dumps(list(SignalBatch.objects.get().items.values_list("errors", flat=True)))
    for text in (read.content.decode(), stored):
        assert VALID_BSNS[0] not in text
        assert "Kerkstraat" not in text


def test_a_csv_without_its_header_row_does_not_echo_the_first_resident(client, token):
    csv_text = f"Jan Jansen,{VALID_BSNS[0]},850.00,2026-01-01\r\n"
    answer = _send(client, csv_text, token, content_type="text/csv")
    assert answer.status_code == 400
    assert "Jan Jansen" not in answer.content.decode()
    assert VALID_BSNS[0] not in answer.content.decode()
    assert "4" in answer.json()["detail"]  # how many columns are unknown


def test_an_unknown_csv_column_is_still_named(client, token):
    answer = _send(client, "name,colour\r\nJan,red\r\n", token, content_type="text/csv")
    assert answer.status_code == 400
    assert "colour" in answer.json()["detail"]


def test_a_field_name_that_is_personal_data_is_not_echoed(
    client, published, token, django_capture_on_commit_callbacks
):
    body = [{**GOOD, "Jan Jansen": VALID_BSNS[0], VALID_BSNS[1]: "x", "colour": "red"}]
    with django_capture_on_commit_callbacks(execute=True):
        answer = _send(client, body, token)
    read = _read(client, answer.json()["batch_id"], token)
    (item,) = read.json()["items"]
    assert set(item["errors"]) == {"non_field_errors", "colour"}
    stored = json.dumps(list(SignalBatch.objects.get().items.values_list("errors", flat=True)))
    for text in (read.content.decode(), stored):
        assert "Jan Jansen" not in text
        assert VALID_BSNS[1] not in text
