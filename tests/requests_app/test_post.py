"""Letters by post (DPO review 1): a paper request without an e-mail address is registered
with a postal address, its letters carry the address in the envelope's window, wait in the
post tray, and print as one PDF; printing is logged, and only staff who write letters print."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accesslog.models import AccessLogEntry
from requests_app import letter_drafts, roles, services
from requests_app.models import Channel, Letter
from tests.conftest import otp_login

from .factories import staff

pytestmark = pytest.mark.django_db

BASE = "/en/beheer/requests_app/subjectrequest/"
ADDRESS = "Akerstraat 5\n6411 HB Heerlen"


def registered(*, domain="debt", language="nl"):
    request, _secret = services.request_register(
        actor=staff(roles.DPO),
        channel=Channel.PHONE,
        received_on=timezone.localdate(),
        kind="access",
        domain=domain,
        name="Kees Kok",
        postal_address=ADDRESS,
        language=language,
    )
    return request


def acknowledged(request, actor):
    draft = letter_drafts.draft_start(request=request, letter_type="acknowledgement", actor=actor)
    return letter_drafts.draft_issue(draft=draft, actor=actor, expected_version=draft.version)


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_without_an_e_mail_address_letters_go_by_post_with_the_address_in_the_window():
    request = registered()
    assert request.delivery == "post"
    letter = acknowledged(request, staff(roles.HANDLER, teams=["debt"]))
    assert '<address class="letter-address"' in letter.html
    assert "Akerstraat 5<br>6411 HB Heerlen" in letter.html
    # The letter promises no e-mail and no link: the resident has neither.
    assert "persoonlijke link" not in letter.html
    assert "per post" in letter.html
    assert not request.emails.exists()
    assert request.events.filter(note__contains="post tray").exists()


def test_the_address_lies_in_the_window_of_the_envelope():
    """EA5/6 window envelope: the window is 90 x 45 mm, 20 mm from the left, 50 mm from the
    top. Every line of the address must lie inside it, measured on the printed PDF."""
    from requests_app import letters

    letter = acknowledged(registered(), staff(roles.DPO))
    page = PdfReader(io.BytesIO(letters.letter_pdf(letter))).pages[0]
    height = float(page.mediabox.height)
    positions = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip() in ("Kees Kok", "Akerstraat 5", "6411 HB Heerlen"):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            positions[text.strip()] = (x / 72 * 25.4, (height - y) / 72 * 25.4)

    page.extract_text(visitor_text=visit)
    assert set(positions) == {"Kees Kok", "Akerstraat 5", "6411 HB Heerlen"}
    for x, y in positions.values():
        assert 22 <= x <= 60
        assert 54 <= y <= 92


def test_a_web_request_carries_no_address_block():
    request, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    assert request.delivery == "email"
    letter = acknowledged(request, staff(roles.DPO))
    assert "letter-address" not in letter.html


def test_letters_by_post_need_an_address_and_by_e_mail_an_e_mail_address():
    with pytest.raises(ValueError, match="postal address"):
        services.request_register(
            actor=None,
            channel=Channel.LETTER,
            received_on=timezone.localdate(),
            kind="access",
            domain="debt",
            name="Kees Kok",
        )
    with pytest.raises(ValueError, match="e-mail address"):
        services.request_register(
            actor=None,
            channel=Channel.LETTER,
            received_on=timezone.localdate(),
            kind="access",
            domain="debt",
            name="Kees Kok",
            postal_address=ADDRESS,
            delivery="email",
        )


def test_the_register_form_says_what_is_missing_for_the_chosen_delivery(client):
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    data = {
        "channel": "letter",
        "received_on": timezone.localdate().isoformat(),
        "kind": "access",
        "domain": "debt",
        "name": "Kees Kok",
        "language": "en",
        "delivery": "post",
    }
    response = client.post(BASE + "register/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["postal_address"]
    response = client.post(BASE + "register/", {**data, "delivery": "email"})
    assert response.context["form"].errors["email"]


def test_the_post_tray_prints_one_pdf_marks_it_printed_and_logs_it(client):
    handler = staff(roles.HANDLER, teams=["debt"])
    first, second = registered(), registered(language="en")
    other_team = registered(domain="youth")
    for request in (first, second, other_team):
        acknowledged(request, staff(roles.DPO))
    otp_login(client, handler)
    tray = client.get(BASE + "post-tray/").content.decode()
    assert first.reference in tray
    assert second.reference in tray
    assert other_team.reference not in tray  # another team's letters are not this handler's

    shown = [str(letter.public_id) for letter in Letter.objects.exclude(request=other_team)]
    response = client.post(BASE + "post-tray/print/", {"letter": shown})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.content)
    assert first.reference in text
    assert second.reference in text
    assert text.count("6411 HB Heerlen") == 2
    assert len(PdfReader(io.BytesIO(response.content)).pages) >= 2
    printed = Letter.objects.filter(printed_at__isnull=False)
    assert set(printed.values_list("request", flat=True)) == {first.pk, second.pk}
    assert set(printed.values_list("printed_by", flat=True)) == {handler.pk}
    assert (
        AccessLogEntry.objects.filter(
            user=handler, action="export", purpose__startswith="letter printed for post"
        ).count()
        == 2
    )
    # Printed letters leave the tray; printing again prints nothing.
    assert first.reference not in client.get(BASE + "post-tray/").content.decode()
    again = client.post(BASE + "post-tray/print/", {"letter": shown})
    assert again.status_code == 302


def test_the_auditor_has_no_post_tray(client):
    otp_login(client, staff(roles.AUDITOR))
    assert client.get(BASE + "post-tray/").status_code == 403
    assert client.post(BASE + "post-tray/print/").status_code == 403
