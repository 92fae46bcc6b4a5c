"""Staff write a letter from a request's page as a draft, preview it as the real PDF, and a
decision is issued only after a second person approved it (DPO review 3 and 4). The letters
offered follow the request's status, and a request closes only once its decision letter is
issued or staff recorded why not."""

import pytest
from django.test import override_settings

from accesslog.models import AccessLogEntry
from requests_app import letter_drafts, roles, services, workflow
from requests_app.models import Event, Letter, LetterDraft, OutgoingEmail, StatusLink
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

PAGE = "/en/beheer/requests_app/subjectrequest/{}/"
REFUSAL = {
    "ground": "gdpr_12_5",
    "explanation": "Het verzoek is het vijfde in een week.",
    "signatory": "A. de Vries, functionaris gegevensbescherming",
}


def start(client, obj, letter_type):
    response = client.post(PAGE.format(obj.pk) + f"letter/{letter_type}/")
    assert response.status_code == 302, response
    return response["Location"]


def step(client, url, action, fields=None, **extra):
    draft = LetterDraft.objects.get(public_id=url.rstrip("/").rsplit("/", 1)[-1])
    data = {"action": action, "version": draft.version, **(fields or {}), **extra}
    return client.post(url, data)


@pytest.fixture
def handler(client):
    user = staff(roles.HANDLER, teams=["debt"])
    otp_login(client, user)
    return user


def test_a_refusal_is_drafted_previewed_and_issued_only_by_a_second_person(client, handler):
    request = subject_request(status="in_progress", identity_method="digid")
    url = start(client, request, "refusal")
    page = client.get(url).content.decode()
    assert "objection clause" in page
    assert "four-eyes" in page

    step(client, url, "save", REFUSAL)
    preview = client.get(url + "preview/")
    assert preview["Content-Type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF-")
    assert "no-store" in preview["Cache-Control"]
    assert not Letter.objects.exists()

    # The writer cannot issue a decision: only send it for approval, nor approve it themself.
    assert step(client, url, "issue", REFUSAL).status_code == 302
    assert not Letter.objects.exists()
    step(client, url, "submit", REFUSAL)
    draft = LetterDraft.objects.get()
    assert draft.state == "awaiting_approval"
    step(client, url, "approve")
    assert not Letter.objects.exists()

    approver = staff(roles.DPO)
    otp_login(client, approver)
    assert "Approve and issue the letter" in client.get(url).content.decode()
    assert step(client, url, "approve").status_code == 302
    letter = Letter.objects.get()
    assert (letter.type, letter.issued_by, letter.approved_by) == ("refusal", handler, approver)
    assert OutgoingEmail.objects.filter(request=request, template="letter_notice").count() == 1
    assert AccessLogEntry.objects.filter(
        record_id=str(request.pk), purpose="letter approve: refusal"
    ).exists()
    # The refusal step takes the letter's ground; the explanation stays the step's own.
    services.request_transition(
        request=request, to_status="refused", actor=handler, note="Zie de brief."
    )
    request.refresh_from_db()
    assert (request.status, request.refusal_ground) == ("refused", "gdpr_12_5")


def test_the_approver_can_return_a_letter_with_a_remark_and_the_writer_sees_it(client, handler):
    request = subject_request(status="in_progress", identity_method="digid")
    url = start(client, request, "refusal")
    step(client, url, "submit", REFUSAL)
    otp_login(client, staff(roles.DPO))
    step(client, url, "return", remark="Noem de eerdere vier verzoeken.")
    draft = LetterDraft.objects.get()
    assert (draft.state, draft.returned_with) == ("draft", "Noem de eerdere vier verzoeken.")
    assert request.events.filter(type=Event.Type.LETTER_RETURNED).exists()
    otp_login(client, handler)
    assert "Noem de eerdere vier verzoeken." in client.get(url).content.decode()


@override_settings(LETTERS_FOUR_EYES=False)
def test_without_four_eyes_the_writer_issues_a_decision_after_the_preview(client, handler):
    request = subject_request(status="in_progress", identity_method="digid")
    url = start(client, request, "refusal")
    step(client, url, "issue", REFUSAL)
    assert Letter.objects.get().approved_by is None


def test_a_letter_with_a_missing_field_is_refused_and_the_field_named(client, handler):
    request = subject_request(status="in_progress", identity_method="digid")
    url = start(client, request, "refusal")
    response = step(client, url, "submit", {"ground": "gdpr_12_5", "explanation": "Te vaak."})
    assert response.status_code == 400
    assert response.context["form"].errors["signatory"]
    assert LetterDraft.objects.get().state == "draft"


def test_the_letters_offered_follow_the_status(client, handler):
    received = subject_request(status="received")
    html = client.get(PAGE.format(received.pk) + "change/").content.decode()
    assert f"{received.pk}/letter/acknowledgement/" in html
    assert f"{received.pk}/letter/answer/" not in html  # an answer once went out on "received"
    response = client.post(PAGE.format(received.pk) + "letter/answer/")
    assert response.status_code == 302
    assert not LetterDraft.objects.exists()


def test_once_a_decision_is_issued_the_other_is_not_offered_but_it_can_be_corrected(handler):
    request = subject_request(status="in_progress", identity_method="digid")
    draft = letter_drafts.draft_start(request=request, letter_type="acknowledgement", actor=handler)
    letter_drafts.draft_issue(draft=draft, actor=handler, expected_version=draft.version)
    assert {t for t, _label in letter_drafts.letters_writable(request)} == {
        "acknowledgement",
        "answer",
        "refusal",
    }
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=handler)
    letter_drafts.draft_save(draft=draft, fields=REFUSAL, actor=handler, expected_version=0)
    letter_drafts.draft_submit(draft=draft, actor=handler, expected_version=1)
    refusal = letter_drafts.draft_issue(draft=draft, actor=staff(roles.DPO), expected_version=2)
    assert "answer" not in dict(letter_drafts.letters_writable(request))

    correction = letter_drafts.correction_start(letter=refusal, actor=handler)
    assert correction.field_values == REFUSAL  # what the letter said, for the resident
    fixed = {**REFUSAL, "explanation": "Het verzoek is het zesde in een week."}
    letter_drafts.draft_save(draft=correction, fields=fixed, actor=handler, expected_version=0)
    letter_drafts.draft_submit(draft=correction, actor=handler, expected_version=1)
    issued = letter_drafts.draft_issue(draft=correction, actor=staff(roles.DPO), expected_version=2)
    assert issued.replaces == refusal
    refusal.refresh_from_db()
    assert refusal.replaced_by == issued  # both kept: the history
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.correction_start(letter=refusal, actor=handler)


def test_a_request_cannot_close_without_its_decision_letter(handler):
    request = subject_request(status="in_progress", identity_method="digid")
    with pytest.raises(workflow.TransitionRefused, match="decision letter"):
        services.request_transition(request=request, to_status="completed", actor=handler)
    request.refresh_from_db()
    assert request.status == "in_progress"
    reason = "Antwoord aan de balie overhandigd."
    with pytest.raises(workflow.TransitionRefused, match="Data Protection Officer"):
        services.request_transition(
            request=request, to_status="completed", actor=handler, without_letter_reason=reason
        )
    services.request_transition(
        request=request, to_status="completed", actor=staff(roles.DPO), without_letter_reason=reason
    )


def test_two_approvers_at_once_issue_one_letter(handler):
    request = subject_request(status="in_progress", identity_method="digid")
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=handler)
    letter_drafts.draft_save(draft=draft, fields=REFUSAL, actor=handler, expected_version=0)
    letter_drafts.draft_submit(draft=draft, actor=handler, expected_version=1)
    letter_drafts.draft_issue(draft=draft, actor=staff(roles.DPO), expected_version=2)
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.draft_issue(draft=draft, actor=staff(roles.DPO), expected_version=2)
    assert Letter.objects.count() == 1


def test_letters_that_do_not_exist_for_a_complaint_are_not_offered(client):
    otp_login(client, staff(roles.DPO))
    complaint = subject_request(kind="complaint", status="in_progress")
    assert client.post(PAGE.format(complaint.pk) + "letter/nonsense/").status_code == 404
    html = client.get(PAGE.format(complaint.pk) + "change/").content.decode()
    assert f"{complaint.pk}/letter/answer/" in html
    assert f"{complaint.pk}/letter/refusal/" not in html


def test_an_auditor_cannot_write_letters_and_the_attempt_is_logged(client):
    auditor = staff(roles.AUDITOR)
    otp_login(client, auditor)
    request = subject_request(status="in_progress")
    assert client.post(PAGE.format(request.pk) + "letter/acknowledgement/").status_code == 403
    assert AccessLogEntry.objects.filter(user=auditor, action="denied").exists()
    assert not LetterDraft.objects.exists()
    assert StatusLink.objects.count() == 0


def test_an_issued_letter_and_its_access_log_entry_commit_together(client, handler, monkeypatch):
    """Attack review 13: the log line of an issue was written after its transaction, so a
    process killed in between left a letter issued with no entry. Now neither, or both."""
    from requests_app.admin import drafts

    request = subject_request(status="in_progress", identity_method="digid")
    url = start(client, request, "acknowledgement")

    def failing_log(*args, **kwargs):
        raise RuntimeError("the process dies here")

    monkeypatch.setattr(drafts.LetterDraftMixin, "_log", failing_log)
    client.raise_request_exception = False
    assert step(client, url, "issue").status_code == 500
    assert not Letter.objects.filter(request=request).exists()
