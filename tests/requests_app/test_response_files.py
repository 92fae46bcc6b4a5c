"""Answer files and the portability export: sniffed by content, capped, private, expiring,
gone with the request; the export holds what it says and nothing internal."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.utils import timezone, translation

from accesslog.models import AccessLogEntry
from requests_app import answer_files, letters, services
from requests_app.answer_files import FileRefused, response_file_attach, sniff
from requests_app.models import Event, ResponseFile, SubjectRequest

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40


def make_request(kind="access", language="en", confirmed=True, **extra):
    """A request filed on the web; `confirmed`: the resident typed the code, so the status
    page and its downloads show the answer (`SubjectRequest.answer_released`)."""
    request, secret = services.request_submit(
        kind=kind,
        domain="youth",
        name="Jan Jansen",
        email="jan@example.nl",
        details="=HYPERLINK(evil)",
        language=language,
        **extra,
    )
    if confirmed:
        SubjectRequest.objects.filter(pk=request.pk).update(verified_at=timezone.now())
        request.refresh_from_db()
    return request, secret


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PDF, "antwoord.pdf", "application/pdf"),
        (PNG, "scan.PNG", "image/png"),
        (JPEG, "foto.jpeg", "image/jpeg"),
        (JPEG, "foto.jpg", "image/jpeg"),
        (b"naam;bedrag\r\nVGZ;120\r\n", "schulden.csv", "text/csv"),
        (b'{"a": [1, 2]}', "export.json", "application/json"),
        ("Uw gegevens: café\n".encode(), "notitie.txt", "text/plain"),
        (b"\xef\xbb\xbfmet BOM\n", "bom.txt", "text/plain"),
    ],
)
def test_allowed_types_are_recognised_by_their_content(content, name, expected):
    assert sniff(content, name) == expected


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (EXE, "antwoord.pdf", "Windows program"),
        (EXE, "antwoord.txt", "Windows program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 9, "data.csv", "Linux program"),
        (b"PK\x03\x04" + b"\x00" * 26, "antwoord.pdf", "ZIP"),
        (b"\x80\x81\xfe binary", "notes.txt", "not PDF, PNG, JPEG"),
        (b"\x00\x01\x02\x03binary", "notes.txt", "control characters"),
        (b"plain text", "antwoord.pdf", "content is text/plain"),
        (PDF, "antwoord.exe", "ends in .exe"),
        (PDF, "antwoord", "ends in (nothing)"),
        (b"{not json", "export.json", "not JSON"),
        (b"text with an escape \x1b[31m", "a.txt", "control characters"),
    ],
)
def test_disguised_or_unknown_files_are_refused_with_a_reason(content, name, says):
    pattern = says.replace("(", r"\(").replace(")", r"\)")
    with translation.override("en"), pytest.raises(FileRefused, match=pattern):
        sniff(content, name)


def test_a_refused_file_is_not_stored():
    request, _secret = make_request()
    with pytest.raises(FileRefused):
        response_file_attach(request=request, name="factuur.pdf", content=EXE)
    assert not ResponseFile.objects.exists()


def test_files_above_the_size_cap_or_empty_are_refused(monkeypatch):
    monkeypatch.setattr(answer_files, "MAX_BYTES", 1000)
    request, _secret = make_request()
    exactly = b"a" * 1000
    assert response_file_attach(request=request, name="a.txt", content=exactly).size == 1000
    with translation.override("en"):
        with pytest.raises(FileRefused, match="larger than"):
            response_file_attach(request=request, name="b.txt", content=exactly + b"a")
        with pytest.raises(FileRefused, match="empty"):
            response_file_attach(request=request, name="c.txt", content=b"")
    assert ResponseFile.objects.count() == 1


def test_the_real_cap_is_ten_megabytes():
    assert answer_files.MAX_BYTES == 10 * 1024 * 1024


def test_a_file_is_stored_encrypted_with_a_clean_name_and_a_timeline_entry():
    request, _secret = make_request()
    now = timezone.now()
    stored = response_file_attach(
        request=request, name="../../etc/Jan Jansen\x07 inzage.pdf", content=PDF, now=now
    )
    assert stored.original_name == "Jan Jansen inzage.pdf"
    assert stored.expires_at == now + answer_files.FILES_KEPT
    assert datetime.timedelta(weeks=8) == answer_files.FILES_KEPT
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT original_name, content FROM requests_app_responsefile WHERE id = %s",
            [stored.pk],
        )
        name, content = cursor.fetchone()
    assert "Jansen" not in name
    assert b"%PDF" not in bytes(content)
    assert answer_files.response_file_content(ResponseFile.objects.get()) == PDF
    event = Event.objects.get(type=Event.Type.FILE_ADDED)
    assert event.note == "application/pdf"
    assert "Jansen" not in event.note


def test_the_resident_downloads_a_file_through_the_link_until_it_expires(client):
    request, secret = make_request()
    stored = response_file_attach(request=request, name="inzage.csv", content=b"a;b\r\n1;2\r\n")
    page = client.get(f"/en/verzoek/status/{secret}/").content.decode()
    assert "inzage.csv" in page
    assert str(stored.public_id) in page
    response = client.get(f"/en/verzoek/status/{secret}/bestanden/{stored.public_id}/")
    assert response.status_code == 200
    assert response.content == b"a;b\r\n1;2\r\n"
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="inzage.csv"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"

    ResponseFile.objects.filter(pk=stored.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=60),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    expired = client.get(f"/en/verzoek/status/{secret}/bestanden/{stored.public_id}/")
    assert expired.status_code == 410
    assert b"This file is no longer available" in expired.content
    assert b"a;b" not in expired.content
    page = client.get(f"/en/verzoek/status/{secret}/").content.decode()
    assert "no longer available since" in page
    assert f"bestanden/{stored.public_id}" not in page


def test_a_file_is_not_reachable_with_another_link_or_a_wrong_id(client):
    request, _secret = make_request()
    _other, other_secret = make_request()
    stored = response_file_attach(request=request, name="inzage.pdf", content=PDF)
    for url in (
        f"/en/verzoek/status/{other_secret}/bestanden/{stored.public_id}/",
        f"/en/verzoek/status/{other_secret}/bestanden/nonsense/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert b"We cannot find this document" in response.content
    wrong = client.get(f"/en/verzoek/status/{'y' * 43}/bestanden/{stored.public_id}/")
    assert wrong.status_code == 404
    assert b"This link does not work" in wrong.content


def test_expired_files_have_their_content_erased_once():
    request, _secret = make_request()
    now = timezone.now()
    old = response_file_attach(request=request, name="old.pdf", content=PDF, now=now)
    fresh = response_file_attach(
        request=request, name="new.pdf", content=PDF, now=now + datetime.timedelta(weeks=4)
    )
    later = now + answer_files.FILES_KEPT
    assert answer_files.response_files_purge_expired(now=later) == 1
    assert answer_files.response_files_purge_expired(now=later) == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert bytes(old.content) == b""
    assert old.purged_at == later
    assert not old.is_available(now=now)
    assert fresh.purged_at is None
    assert fresh.is_available(now=later)


def test_files_go_with_the_request_when_it_is_destroyed():
    request, _secret = make_request()
    response_file_attach(request=request, name="inzage.pdf", content=PDF)
    request.delete()
    assert not ResponseFile.objects.exists()


def answer_portability(request):
    return letters.letter_issue(
        request=request,
        letter_type="answer",
        fields={"data_summary": "Uw verzoek en wat wij ermee deden.", "signatory": "FG"},
    )


def test_the_portability_export_is_offered_only_once_answered(client):
    request, secret = make_request(kind="portability")
    assert client.get(f"/en/verzoek/status/{secret}/gegevens.json").status_code == 404
    assert "gegevens.json" not in client.get(f"/en/verzoek/status/{secret}/").content.decode()
    answer_portability(request)
    assert "gegevens.json" in client.get(f"/en/verzoek/status/{secret}/").content.decode()
    assert client.get(f"/en/verzoek/status/{secret}/gegevens.json").status_code == 200
    assert client.get(f"/en/verzoek/status/{secret}/gegevens.xml").status_code == 404
    access, access_secret = make_request(kind="access")
    letters.letter_issue(
        request=access,
        letter_type="refusal",
        fields={"ground": "gdpr_12_5", "explanation": "x", "signatory": "FG"},
    )
    assert client.get(f"/en/verzoek/status/{access_secret}/gegevens.json").status_code == 404


def test_the_portability_json_holds_the_request_its_timeline_letters_and_files(client):
    request, secret = make_request(kind="portability", capacity="parent", subject_name="Kim")
    response_file_attach(request=request, name="dossier.json", content=b'{"x": 1}')
    answer_portability(request)
    response = client.get(f"/en/verzoek/status/{secret}/gegevens.json")
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    export = json.loads(response.content)
    assert export["format"] == answer_files.EXPORT_FORMAT
    assert export["version"] == 1
    assert set(export["request"]) == set(answer_files.REQUEST_EXPORT_FIELDS)
    assert export["request"]["name"] == "Jan Jansen"
    assert export["request"]["email"] == "jan@example.nl"
    assert export["request"]["details"] == "=HYPERLINK(evil)"
    assert export["request"]["subject_name"] == "Kim"
    assert export["request"]["kind"] == "portability"
    assert export["request"]["reference"] == request.reference
    assert [event["type"] for event in export["events"]] == [
        "submitted",
        "email_queued",
        "file_added",
        "letter_issued",
        "email_queued",
    ]
    assert [letter["type"] for letter in export["letters"]] == ["answer"]
    assert export["files"][0]["name"] == "dossier.json"
    assert export["files"][0]["content_type"] == "application/json"
    text = response.content.decode()
    for internal in (request.secret_hash, request.email_index, "verification", "submission"):
        assert internal not in text


def test_the_portability_csv_holds_the_same_values_safe_for_spreadsheets(client):
    request, secret = make_request(kind="portability")
    answer_portability(request)
    response = client.get(f"/en/verzoek/status/{secret}/gegevens.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "item", "field", "value"]
    values = {(section, item, field): value for section, item, field, value in rows[1:]}
    assert values[("request", "", "name")] == "Jan Jansen"
    assert values[("request", "", "details")] == "'=HYPERLINK(evil)"
    assert values[("request", "", "reference")] == request.reference
    assert values[("letters", "1", "type")] == "answer"
    assert values[("events", "1", "type")] == "submitted"
    json_export = json.loads(client.get(f"/en/verzoek/status/{secret}/gegevens.json").content)
    assert len([r for r in rows if r[0] == "request"]) == len(json_export["request"])


def test_staff_upload_an_answer_file_in_the_admin(verified_admin_client):
    admin_client = verified_admin_client
    request, _secret = make_request()
    from django.core.files.uploadedfile import SimpleUploadedFile

    refused = admin_client.post(
        "/en/beheer/requests_app/responsefile/add/",
        {"request": request.pk, "upload": SimpleUploadedFile("brief.pdf", EXE)},
    )
    assert refused.status_code == 200
    assert b"Windows program" in refused.content
    assert not ResponseFile.objects.exists()
    accepted = admin_client.post(
        "/en/beheer/requests_app/responsefile/add/",
        {"request": request.pk, "upload": SimpleUploadedFile("brief.pdf", PDF)},
    )
    assert accepted.status_code == 302
    stored = ResponseFile.objects.get()
    assert stored.request == request
    assert stored.content_type == "application/pdf"
    assert answer_files.response_file_content(stored) == PDF
    listing = admin_client.get("/en/beheer/requests_app/responsefile/").content.decode()
    assert request.reference in listing
    assert "brief.pdf" not in listing
    logged = AccessLogEntry.objects.get(record_id=str(request.pk), action="change")
    assert logged.purpose == f"answer file added: {stored.public_id} (application/pdf)"


def test_the_nightly_retention_run_erases_expired_files():
    from retention.purge import records_purge

    request, _secret = make_request()
    past = timezone.now() - answer_files.FILES_KEPT - datetime.timedelta(minutes=1)
    expired = response_file_attach(request=request, name="old.txt", content=b"x", now=past)
    current = response_file_attach(request=request, name="new.txt", content=b"y")
    run = records_purge(now=timezone.now())
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.purged_at is not None
    assert bytes(expired.content) == b""
    assert current.purged_at is None
    assert run.counts["response_files_erased"] == 1
