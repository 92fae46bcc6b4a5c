"""Attack review of issue 13 (letters, post, answers, figures): each finding, proved first by
a failing assertion and kept as a test now that it is fixed, and the attacks that held."""

import pytest
from django.utils import timezone

from requests_app import letter_drafts, post_tray, resident_access, roles, services
from requests_app.models import Channel, Letter, LetterDraft, OutgoingEmail
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

BASE = "/en/beheer/requests_app/subjectrequest/"
PAGE = BASE + "{}/"
ADDRESS = "Akerstraat 5\n6411 HB Heerlen"
ANSWER = {
    "data_summary": "Uw dossier bij schuldhulp.",
    "purposes": "Schuldhulpverlening.",
    "recipients": "Niemand.",
    "retention": "Vijf jaar.",
    "source": "Uzelf.",
    "signatory": "A. de Vries, FG",
}
REFUSAL = {
    "ground": "gdpr_12_5",
    "explanation": "Het verzoek is het vijfde in een week.",
    "signatory": "A. de Vries, functionaris gegevensbescherming",
}


def step(client, url, action, fields=None):
    draft = LetterDraft.objects.get(public_id=url.rstrip("/").rsplit("/", 1)[-1])
    return client.post(url, {"action": action, "version": draft.version, **(fields or {})})


def start(client, obj, letter_type):
    response = client.post(PAGE.format(obj.pk) + f"letter/{letter_type}/")
    assert response.status_code == 302, response
    return response["Location"]


def issue_by_post(request, actor, letter_type="acknowledgement"):
    draft = letter_drafts.draft_start(request=request, letter_type=letter_type, actor=actor)
    return letter_drafts.draft_issue(draft=draft, actor=actor, expected_version=draft.version)


def registered(*, domain="debt", **extra):
    fields = {"postal_address": ADDRESS, **extra}
    request, _secret = services.request_register(
        actor=staff(roles.DPO),
        channel=Channel.PHONE,
        received_on=timezone.localdate(),
        kind="access",
        domain=domain,
        name="Kees Kok",
        **fields,
    )
    return request


# --- findings -----------------------------------------------------------------------------


# F1 (fixed): four-eyes only compares the LAST writer
def test_f1_the_author_of_a_decision_approves_it_after_a_colleague_clicked_submit(client):
    """Handler A writes the whole refusal; colleague B opens the page and clicks 'submit' (the
    form is prefilled, B changes nothing). A is then neither `written_by` nor `submitted_by`
    and approves and issues their own decision. The letter even names B as its writer."""
    author = staff(roles.HANDLER, teams=["debt"])
    colleague = staff(roles.HANDLER, teams=["debt"])
    request = subject_request(status="in_progress", identity_method="digid")
    otp_login(client, author)
    url = start(client, request, "refusal")
    step(client, url, "save", REFUSAL)
    otp_login(client, colleague)
    step(client, url, "submit", REFUSAL)  # same text, as prefilled
    otp_login(client, author)
    step(client, url, "approve")
    letter = Letter.objects.filter(request=request).first()
    # Four-eyes: whoever wrote any version of the text must not be the approver.
    assert letter is None or letter.approved_by != author, (
        f"{author} wrote and approved the decision; issued_by says {letter.issued_by}"
    )


# F2 (fixed): answer letter issued before the authority check
def test_f2_an_answer_goes_to_a_representative_whose_authority_nobody_checked():
    """Issue item 8: a request filed for someone else needs a recorded authority check
    before it is answered. The transition to 'completed' checks it, but the answer letter
    (with the data of the person it concerns) is issued and released without it."""
    request = subject_request(
        status="in_progress",
        identity_method="digid",
        capacity="parent",
        subject_name="Kind Kok",
    )
    writer = staff(roles.HANDLER, teams=["debt"])
    draft = letter_drafts.draft_start(request=request, letter_type="answer", actor=writer)
    draft = letter_drafts.draft_save(draft=draft, fields=ANSWER, actor=writer, expected_version=0)
    draft = letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.draft_issue(
            draft=draft, actor=staff(roles.DPO), expected_version=draft.version
        )


# F3 (fixed): letters 'by e-mail' to an unconfirmed address
def test_f3_a_phone_request_by_e_mail_gets_a_code_to_read_its_letters():
    """Registered by phone with delivery 'e-mail': it used to get no code, so the address was
    never confirmed and no letter was ever readable. Now its acknowledgement carries a code,
    and once typed, the letters show; one registered before without a code gets no letter
    by e-mail at all (staff are told to post it)."""

    request = registered(email="kees@example.nl", delivery="email")
    assert OutgoingEmail.objects.filter(request=request, template="acknowledgement").exists()
    assert request.verification_hash  # a code went out with the acknowledgement
    dpo = staff(roles.DPO)
    letter = issue_by_post(request, dpo)
    assert OutgoingEmail.objects.filter(request=request, template="letter_notice").exists()
    assert not post_tray.letters_waiting(dpo).filter(pk=letter.pk).exists()
    request.verification_hash = ""  # as registered before codes went to registered requests
    request.save(update_fields=["verification_hash"])
    draft = letter_drafts.draft_start(request=request, letter_type="acknowledgement", actor=dpo)
    with pytest.raises(letter_drafts.DraftRefused, match="not confirmed"):
        letter_drafts.draft_issue(draft=draft, actor=dpo, expected_version=draft.version)


def test_f3b_once_closed_the_unconfirmed_resident_cannot_ask_for_a_code():
    request = registered(email="kees@example.nl", delivery="email")
    request.status, request.closed_at = "refused", timezone.now()
    request.refusal_ground = "gdpr_12_5"
    request.save(update_fields=["status", "closed_at", "refusal_ground"])
    assert resident_access.request_code_renew(request=request, now=timezone.now()) is False
    assert not request.answer_released()


# F4 (fixed): a superseded letter is still printed
def test_f4_the_post_tray_prints_a_letter_that_a_correction_already_replaced():
    request = registered()
    dpo = staff(roles.DPO)
    wrong = issue_by_post(request, dpo)
    correction = letter_drafts.correction_start(letter=wrong, actor=dpo)
    letter_drafts.draft_issue(draft=correction, actor=dpo, expected_version=correction.version)
    waiting = set(post_tray.letters_waiting(dpo).values_list("pk", flat=True))
    assert wrong.pk not in waiting, "the replaced letter goes in the envelope with its correction"


# F5 (fixed): recorded refusal ground differs from the letter's
def test_f5_the_refusal_step_records_another_ground_than_the_letter_gave():
    request = subject_request(status="in_progress", identity_method="digid")
    writer, approver = staff(roles.HANDLER, teams=["debt"]), staff(roles.DPO)
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=writer)
    draft = letter_drafts.draft_save(draft=draft, fields=REFUSAL, actor=writer, expected_version=0)
    draft = letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    letter_drafts.draft_issue(draft=draft, actor=approver, expected_version=draft.version)
    from requests_app import workflow

    with pytest.raises(workflow.TransitionRefused):
        services.request_transition(
            request=request,
            to_status="refused",
            actor=writer,
            note="Zie brief",
            refusal_ground="gdpr_15_4",  # the letter said 12(5)
        )


# F6 (fixed): answer files accepted on a closed request
def test_f6_an_answer_file_is_added_to_a_withdrawn_request_and_released_to_the_resident(client):
    request = subject_request(status="withdrawn", verified_at=timezone.now())
    handler = staff(roles.HANDLER, teams=["debt"])
    otp_login(client, handler)
    response = client.post(
        PAGE.format(request.pk) + "answer-files/",
        {"upload": _text_file()},
    )
    assert response.status_code == 302
    assert not request.response_files.exists(), "a withdrawn request got an answer file"


def _text_file():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("antwoord.txt", b"Uw gegevens.\n", content_type="text/plain")


# F7 (fixed): a single person closes as refused with no letter
def test_f7_one_handler_refuses_with_no_letter_and_no_second_person():
    """Four-eyes covers the refusal letter, not the refusal itself: any 'reason' text lets one
    handler close a request as refused with no letter and nobody's approval."""
    request = subject_request(status="in_progress", identity_method="digid")
    from requests_app import workflow

    with pytest.raises(workflow.TransitionRefused):
        services.request_transition(
            request=request,
            to_status="refused",
            actor=staff(roles.HANDLER, teams=["debt"]),
            note="x",
            refusal_ground="gdpr_12_5",
            without_letter_reason="x",
        )


# F8 (fixed): the address block has no line limit
def test_f8_a_thirty_line_postal_address_is_accepted_for_the_envelope_window():
    from requests_app.admin.forms import RegisterForm

    form = RegisterForm(
        {
            "channel": "letter",
            "received_on": timezone.localdate().isoformat(),
            "kind": "access",
            "domain": "debt",
            "name": "Kees Kok",
            "postal_address": "\n".join(["x"] * 30),
            "delivery": "post",
            "language": "nl",
        }
    )
    assert not form.is_valid(), "30 lines do not fit a 45 mm window"


# --- attacks that held ----------------------------------------------------------------------


def test_held_the_writer_cannot_approve_in_a_second_tab_nor_as_superuser(client):
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("root", password=None)
    request = subject_request(status="in_progress", identity_method="digid")
    otp_login(client, boss)
    url = start(client, request, "refusal")
    step(client, url, "submit", REFUSAL)
    step(client, url, "approve")
    step(client, url, "issue")
    assert not Letter.objects.exists()
    # Editing after submit is refused: the approver approves what they read.
    draft = LetterDraft.objects.get()
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.draft_save(
            draft=draft, fields=REFUSAL, actor=boss, expected_version=draft.version
        )


def test_held_foreign_uuids_and_other_teams_are_refused(client):
    mine = subject_request(status="in_progress", identity_method="digid")
    theirs = subject_request(status="in_progress", identity_method="digid", domain="youth")
    dpo = staff(roles.DPO)
    foreign_letter = issue_by_post(theirs, dpo)
    foreign_draft = letter_drafts.draft_start(request=theirs, letter_type="refusal", actor=dpo)
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    # Another request's letter through my request's URL: 404, never the letter.
    assert (
        client.post(
            PAGE.format(mine.pk) + f"letter-correct/{foreign_letter.public_id}/"
        ).status_code
        == 404
    )
    assert (
        client.get(PAGE.format(mine.pk) + f"letters/{foreign_letter.public_id}/pdf/").status_code
        == 404
    )
    assert (
        client.get(PAGE.format(mine.pk) + f"letter-draft/{foreign_draft.public_id}/").status_code
        == 404
    )
    # The other team's request directly: 403.
    assert (
        client.get(PAGE.format(theirs.pk) + f"letters/{foreign_letter.public_id}/pdf/").status_code
        == 403
    )
    assert (
        client.get(
            PAGE.format(theirs.pk) + f"letter-draft/{foreign_draft.public_id}/preview/"
        ).status_code
        == 403
    )


def test_held_the_auditor_gets_no_letter_draft_file_or_post_tray(client):
    request = registered()
    dpo = staff(roles.DPO)
    letter = issue_by_post(request, dpo)
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=dpo)
    otp_login(client, staff(roles.AUDITOR))
    assert (
        client.get(PAGE.format(request.pk) + f"letters/{letter.public_id}/pdf/").status_code == 403
    )
    assert (
        client.get(PAGE.format(request.pk) + f"letter-draft/{draft.public_id}/preview/").status_code
        == 403
    )
    assert client.get(BASE + "post-tray/").status_code == 403
    page = client.get(PAGE.format(request.pk) + "change/").content.decode()
    assert "Kees Kok" not in page
    assert "Akerstraat" not in page


def test_held_the_post_tray_prints_no_other_teams_letter_by_its_id(client):
    theirs = registered(domain="youth")
    letter = issue_by_post(theirs, staff(roles.DPO))
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    response = client.post(BASE + "post-tray/print/", {"letter": [str(letter.public_id)]})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.printed_at is None


def test_held_a_status_that_does_not_allow_it_refuses_the_letter_by_direct_post(client):
    request = subject_request(status="received")
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    client.post(PAGE.format(request.pk) + "letter/answer/")
    assert not LetterDraft.objects.exists()
    # A draft written while allowed cannot be issued after the status moved on.
    ok = subject_request(status="in_progress", identity_method="digid")
    dpo = staff(roles.DPO)
    draft = letter_drafts.draft_start(request=ok, letter_type="acknowledgement", actor=dpo)
    ok.status = "on_hold"
    ok.save(update_fields=["status"])
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.draft_issue(draft=draft, actor=dpo, expected_version=draft.version)


def test_held_markup_in_letter_fields_and_address_is_escaped():
    request = registered(postal_address="<script>alert(1)</script>\n<img src=x>")
    dpo = staff(roles.DPO)
    letter = issue_by_post(request, dpo)
    assert "<script>" not in letter.html
    assert "<img src=x>" not in letter.html
    assert "&lt;script&gt;" in letter.html


def test_held_a_correction_of_a_corrected_letter_is_refused():
    request = registered()
    dpo = staff(roles.DPO)
    first = issue_by_post(request, dpo)
    draft = letter_drafts.correction_start(letter=first, actor=dpo)
    second = letter_drafts.draft_issue(draft=draft, actor=dpo, expected_version=draft.version)
    with pytest.raises(letter_drafts.DraftRefused):
        letter_drafts.correction_start(letter=first, actor=dpo)
    # The newest one can be corrected again (a correction of a correction).
    assert letter_drafts.correction_start(letter=second, actor=dpo).replaces == second


def _old_unconfirmed_web_request():
    import datetime

    received = timezone.localdate() - datetime.timedelta(days=20)
    return subject_request(channel="web", received=received, verified_at=None)


# F9 (fixed): a legal hold does not stop the unconfirmed removal
def test_f9_an_unconfirmed_request_under_legal_hold_is_removed_after_two_weeks():
    from requests_app import staff_records
    from requests_app.models import SubjectRequest

    request = _old_unconfirmed_web_request()
    staff_records.request_legal_hold_place(
        request=request,
        actor=staff(roles.DPO),
        reason="ap_complaint",
        since=timezone.localdate(),
    )
    expiring = SubjectRequest.objects.unverified_expired(now=timezone.now())
    assert not expiring.filter(pk=request.pk).exists(), "a legal hold is 'nothing done'"


# F10 (fixed): a drafted/submitted letter is not 'acted on'
def test_f10_an_unconfirmed_request_with_a_refusal_awaiting_approval_is_removed():
    from requests_app.models import SubjectRequest

    request = _old_unconfirmed_web_request()
    writer = staff(roles.HANDLER, teams=["debt"])
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=writer)
    draft = letter_drafts.draft_save(draft=draft, fields=REFUSAL, actor=writer, expected_version=0)
    letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    expiring = SubjectRequest.objects.unverified_expired(now=timezone.now())
    assert not expiring.filter(pk=request.pk).exists(), "staff wrote a decision on it"


# F11 (fixed): a malformed letter id in the print POST is a 500
def test_f11_a_malformed_letter_id_makes_the_print_view_crash(client):
    registered()
    otp_login(client, staff(roles.DPO))
    client.raise_request_exception = False
    response = client.post(BASE + "post-tray/print/", {"letter": ["not-a-uuid"]})
    assert response.status_code < 500


# F12 (fixed): the reason for closing without a letter is hidden
def test_f12_the_reason_for_closing_without_a_decision_letter_is_shown_nowhere(client):
    request = subject_request(status="in_progress", identity_method="digid")
    dpo = staff(roles.DPO)
    services.request_transition(
        request=request,
        to_status="completed",
        actor=dpo,  # only the DPO closes without a decision letter (F7)
        note="Afgerond",
        without_letter_reason="Antwoord aan de balie overhandigd",
    )
    otp_login(client, dpo)
    page = client.get(PAGE.format(request.pk) + "change/").content.decode()
    assert "Antwoord aan de balie overhandigd" in page, "recorded, but no one can read it"


# F13 (fixed): staff 'withdraw' a request with no note or letter
def test_f13_a_handler_closes_an_overdue_request_as_withdrawn_with_nothing_recorded():
    """The decision-letter rule is sidestepped by closing as 'withdrawn' instead: no note, no
    letter, no second person, and the figures then count no late answer."""
    import datetime

    from requests_app import workflow

    received = timezone.localdate() - datetime.timedelta(days=90)
    request = subject_request(status="in_progress", identity_method="digid", received=received)
    assert request.due_date < timezone.localdate()  # overdue
    with pytest.raises(workflow.TransitionRefused):
        services.request_transition(
            request=request, to_status="withdrawn", actor=staff(roles.HANDLER, teams=["debt"])
        )
