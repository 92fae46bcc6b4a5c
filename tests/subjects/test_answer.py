"""The access answer: drafted from the records, lines removed under art. 15(4), attached as
PDF, JSON and CSV when the answer letter is issued after the second person's approval."""

import csv
import io
import json

import pytest
from pypdf import PdfReader

from accesslog.models import AccessLogEntry
from requests_app import letter_drafts
from requests_app.answer_files import response_file_content
from subjects import answer as assembly
from subjects import services
from subjects.models import AccessAnswer
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db

ANSWER_FIELDS = {
    "data_summary": "Zie de bijlage.",
    "purposes": "Zie de bijlage.",
    "recipients": "Zie de bijlage.",
    "retention": "Zie de bijlage.",
    "source": "Zie de bijlage.",
    "signatory": "A. de Vries",
}


def _pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _youth_line(person, line):
    (record,) = [
        r
        for r in services.subject_records(request=person.request, domains=["youth"])
        if r.record_type == "youth_case"
    ]
    return f"{record.key}/{line}"


def _issue_answer(person, *, writer, approver):
    draft = letter_drafts.draft_start(request=person.request, letter_type="answer", actor=writer)
    draft = letter_drafts.draft_save(
        draft=draft, fields=ANSWER_FIELDS, actor=writer, expected_version=draft.version
    )
    draft = letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    return letter_drafts.draft_issue(draft=draft, actor=approver, expected_version=draft.version)


def test_the_handler_leaves_out_the_other_parents_data_with_a_reason(client, person):
    otp_login(client, person.youth_handler)
    client.get(f"/beheer/requests_app/subjectrequest/{person.request.pk}/records/")
    key = _youth_line(person, "representatives")

    response = client.post(
        f"/beheer/requests_app/subjectrequest/{person.request.pk}/records/lines/",
        {"key": key, "reason": "Gegevens van de andere ouder"},
    )

    assert response.status_code == 302
    answer = AccessAnswer.objects.get(request=person.request)
    assert answer.removed == {key: "Gegevens van de andere ouder"}
    assert answer.domains == ["debt", "youth"]
    preview = client.get(
        f"/beheer/requests_app/subjectrequest/{person.request.pk}/records/answer.pdf"
    )
    text = _pdf_text(preview.content)
    assert "Woonpunt" in text
    assert "Sanne de Vries" in text
    assert "Els Jansen" not in text


def test_a_removal_needs_a_reason(person):
    with pytest.raises(services.SubjectRefused):
        services.access_answer_line_remove(
            request=person.request, key="x", reason=" ", actor=person.handler
        )


def test_issuing_the_approved_answer_attaches_pdf_json_and_csv(client, person):
    otp_login(client, person.youth_handler)
    client.get(f"/beheer/requests_app/subjectrequest/{person.request.pk}/records/")
    services.access_answer_line_remove(
        request=person.request,
        key=_youth_line(person, "representatives"),
        reason="rights of the other parent",
        actor=person.youth_handler,
    )

    _issue_answer(person, writer=person.youth_handler, approver=person.dpo)

    exported_by = AccessLogEntry.objects.filter(
        action=AccessLogEntry.Action.EXPORT, purpose=person.request.reference
    )
    assert sorted(exported_by.values_list("record_type", flat=True)) == [
        "cases.debtsignal",
        "cases.debtsignal",
        "cases.youthcase",
    ]
    assert {entry.user for entry in exported_by} == {person.dpo}
    files = {f.content_type: f for f in person.request.response_files.all()}
    assert set(files) == {"application/pdf", "application/json", "text/csv"}
    pdf = _pdf_text(response_file_content(files["application/pdf"]))
    assert "Woonpunt" in pdf
    assert "Els Jansen" not in pdf
    assert person.request.reference in pdf  # the lookup's purpose, in "who looked"
    assert person.youth_handler.username not in pdf
    exported = json.loads(response_file_content(files["application/json"]))
    sources = sorted(record["source"] for record in exported["records"])
    assert len(sources) == 3
    assert {"CZ", "Woonpunt"} <= set(sources)
    debt = next(r for r in exported["records"] if r["source"] == "Woonpunt")
    assert "Jan Jansen" in debt["data"].values()
    values = [value for r in exported["records"] for value in r["data"].values()]
    assert not any("Els Jansen" in value for value in values)
    rows = list(csv.reader(io.StringIO(response_file_content(files["text/csv"]).decode())))
    assert rows[0] == ["record", "type", "received_on", "source", "field", "value"]
    assert any("Jan Jansen" in row for row in rows[1:])
    with pytest.raises(services.SubjectRefused):
        services.access_answer_line_remove(
            request=person.request, key="x", reason="late", actor=person.handler
        )


def test_who_looked_shows_date_role_and_purpose_never_a_name(person):
    records = services.subject_records(request=person.request, domains=["debt"])
    AccessLogEntry.objects.create(
        at="2026-03-03T10:00:00Z",
        user=person.handler,
        username=person.handler.username,
        roles="Case worker debt",
        action=AccessLogEntry.Action.VIEW,
        record_type="cases.debtsignal",
        record_id=str(person.signals[0].pk),
        purpose="contact with the resident",
    )
    views = assembly.views_of(records)
    assert views == [
        {"date": "2026-03-03", "role": "Case worker debt", "purpose": "contact with the resident"}
    ]


def test_a_whole_record_left_out_is_in_no_output_and_its_reason_is_stored_encrypted(person):
    from django.db import connection

    records = services.subject_records(request=person.request, domains=["debt", "youth"])
    youth = next(r for r in records if r.record_type == "youth_case")
    answer = services.access_answer_line_remove(
        request=person.request,
        key=youth.key,
        reason="Sanne de Vries: her own file",
        actor=person.dpo,
    )
    built = assembly.answer_build(request=person.request, records=records, removed=answer.removed)
    assert [r["type"] for r in built["records"]] == ["debt_signal", "debt_signal"]
    assert built["left_out"] == 1
    assert "Sanne de Vries" not in assembly.answer_json(built).decode()
    with connection.cursor() as cursor:
        cursor.execute("SELECT removed_json FROM subjects_accessanswer")
        (stored,) = cursor.fetchone()
    assert "Sanne" not in stored
