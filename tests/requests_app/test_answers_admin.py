"""The answer on a request's page: the team's handler and the DPO upload answer files there
(checked by content, at most 10 MB) and download letters and files; the auditor sees metadata
only; everyone else gets 403. Each upload, download and refusal is in the access log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accesslog.models import AccessLogEntry
from requests_app import answer_files, letters, roles
from requests_app.answer_files import response_file_attach
from requests_app.models import ResponseFile
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"
BASE = "/en/beheer/requests_app/subjectrequest/"


def page_url(obj, prefix="/en"):
    return f"{prefix}/beheer/requests_app/subjectrequest/{obj.pk}/change/"


def upload_url(obj, prefix="/en"):
    return f"{prefix}/beheer/requests_app/subjectrequest/{obj.pk}/answer-files/"


def file_url(obj, stored):
    return f"{BASE}{obj.pk}/answer-files/{stored.public_id}/"


def letter_url(obj, letter):
    return f"{BASE}{obj.pk}/letters/{letter.public_id}/pdf/"


def signed_in(client, role, teams=()):
    otp_login(client, staff(role, teams=teams))
    return client


@pytest.fixture
def debt_request():
    return subject_request(domain="debt", status="in_progress")


def entries(obj, action):
    return list(
        AccessLogEntry.objects.filter(record_id=str(obj.pk), action=action).values_list(
            "purpose", flat=True
        )
    )


def test_the_teams_handler_uploads_a_file_that_is_listed_encrypted_and_logged(client, debt_request):
    signed_in(client, roles.HANDLER, teams=["debt"])
    response = client.post(
        upload_url(debt_request),
        {"upload": SimpleUploadedFile("inzage Jan Jansen.pdf", PDF)},
        follow=True,
    )
    assert response.status_code == 200
    assert "The answer file was added." in response.content.decode()
    stored = ResponseFile.objects.get(request=debt_request)
    assert stored.content_type == "application/pdf"
    assert answer_files.response_file_content(stored) == PDF
    assert bytes(stored.content) != PDF
    assert stored.uploaded_by.groups.filter(name=roles.HANDLER).exists()
    page = client.get(page_url(debt_request)).content.decode()
    assert "inzage Jan Jansen.pdf" in page
    assert f"answer-files/{stored.public_id}/" in page
    [purpose] = entries(debt_request, AccessLogEntry.Action.CHANGE)
    assert str(stored.public_id) in purpose
    assert "Jansen" not in purpose


def test_another_teams_handler_may_not_upload_and_the_attempt_is_logged(client, debt_request):
    signed_in(client, roles.HANDLER, teams=["youth"])
    response = client.post(upload_url(debt_request), {"upload": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 403
    assert not ResponseFile.objects.exists()
    assert entries(debt_request, AccessLogEntry.Action.DENIED) == ["answer file upload"]


def test_the_auditor_sees_metadata_only_and_may_not_download_or_upload(client, debt_request):
    stored = response_file_attach(request=debt_request, name="inzage Jansen.pdf", content=PDF)
    letter = letters.letter_issue(request=debt_request, letter_type="acknowledgement", fields={})
    signed_in(client, roles.AUDITOR)
    page = client.get(page_url(debt_request)).content.decode()
    assert "<td>PDF</td>" in page  # type, date and size
    assert stored.uploaded_at.strftime("%Y-%m-%d") in page
    assert "Metadata only" in page
    assert "Jansen" not in page
    assert "answer-files/" not in page  # no download links, no upload form
    assert "/pdf/" not in page
    assert client.get(file_url(debt_request, stored)).status_code == 403
    assert client.get(letter_url(debt_request, letter)).status_code == 403
    upload = client.post(upload_url(debt_request), {"upload": SimpleUploadedFile("a.pdf", PDF)})
    assert upload.status_code == 403
    assert sorted(entries(debt_request, AccessLogEntry.Action.DENIED)) == [
        "answer file download",
        "answer file upload",
        "letter download",
    ]
    assert not entries(debt_request, AccessLogEntry.Action.EXPORT)


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("/en", "The file is larger than 10 MB."), ("", "Het bestand is groter dan 10 MB.")],
)
def test_a_file_one_byte_above_ten_megabytes_is_refused_with_a_clear_message(
    client, debt_request, prefix, message
):
    signed_in(client, roles.HANDLER, teams=["debt"])
    too_big = PDF + b"0" * (answer_files.MAX_BYTES + 1 - len(PDF))
    response = client.post(
        upload_url(debt_request, prefix),
        {"upload": SimpleUploadedFile("groot.pdf", too_big)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not ResponseFile.objects.exists()


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("/en", "The name ends in .pdf, but the content is text/plain"),
        ("", "De naam eindigt op .pdf, maar de inhoud is text/plain"),
    ],
)
def test_a_fake_pdf_is_refused_by_its_content(client, debt_request, prefix, message):
    signed_in(client, roles.DPO)
    response = client.post(
        upload_url(debt_request, prefix),
        {"upload": SimpleUploadedFile("brief.pdf", b"just text, no PDF")},
        follow=True,
    )
    assert message in response.content.decode()
    assert not ResponseFile.objects.exists()
    assert not entries(debt_request, AccessLogEntry.Action.CHANGE)


def test_downloads_are_private_attachments_named_by_reference_and_logged(client, debt_request):
    stored = response_file_attach(request=debt_request, name="inzage Jansen.csv", content=b"a;b")
    letter = letters.letter_issue(request=debt_request, letter_type="acknowledgement", fields={})
    signed_in(client, roles.HANDLER, teams=["debt"])

    download = client.get(file_url(debt_request, stored))
    assert download.status_code == 200
    assert download.content == b"a;b"
    assert download["Content-Type"] == "text/csv"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{debt_request.reference}-file-'
        f'{stored.uploaded_at:%Y%m%d-%H%M%S}.csv"'
    )
    assert "no-store" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"

    pdf = client.get(letter_url(debt_request, letter))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="{debt_request.reference}-acknowledgement-'
        f'{letter.issued_at:%Y%m%d}.pdf"'
    )
    assert "no-store" in pdf["Cache-Control"]
    assert pdf["X-Content-Type-Options"] == "nosniff"

    assert sorted(entries(debt_request, AccessLogEntry.Action.EXPORT)) == [
        f"answer file downloaded: {stored.public_id} (text/csv)",
        f"letter downloaded: {letter.public_id} (acknowledgement)",
    ]


def test_another_requests_file_is_not_found_through_this_request(client, debt_request):
    other = subject_request(domain="debt")
    stored = response_file_attach(request=other, name="a.txt", content=b"x")
    signed_in(client, roles.DPO)
    assert client.get(file_url(debt_request, stored)).status_code == 404
    assert not entries(debt_request, AccessLogEntry.Action.EXPORT)


def test_an_erased_file_cannot_be_downloaded_and_the_page_says_so(client, debt_request):
    stored = response_file_attach(request=debt_request, name="a.txt", content=b"x")
    ResponseFile.objects.filter(pk=stored.pk).update(content=b"", purged_at=timezone.now())
    signed_in(client, roles.DPO)
    response = client.get(file_url(debt_request, stored), follow=True)
    assert "erased" in response.content.decode()
    assert not entries(debt_request, AccessLogEntry.Action.EXPORT)


def test_the_standalone_upload_form_with_an_internal_id_is_left_to_the_dpo(client):
    signed_in(client, roles.HANDLER, teams=["debt"])
    assert client.get("/en/beheer/requests_app/responsefile/add/").status_code == 403
    dpo = signed_in(client.__class__(), roles.DPO)
    assert dpo.get("/en/beheer/requests_app/responsefile/add/").status_code == 200


def test_the_page_needs_as_many_queries_for_five_answers_as_for_one(client, debt_request):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dpo = staff(roles.DPO)
    otp_login(client, dpo)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page_url(debt_request)).status_code == 200
        return len(captured)

    def answer():
        response_file_attach(request=debt_request, name="a.txt", content=b"x")
        letters.letter_issue(
            request=debt_request, letter_type="acknowledgement", fields={}, issued_by=dpo
        )

    answer()
    queries()  # warms the content type cache
    one = queries()
    for _ in range(4):
        answer()
    assert queries() == one
