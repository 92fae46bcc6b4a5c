import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from statements import pdf

from .factories import VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _reader(content):
    return PdfReader(io.BytesIO(content))


def _text(content):
    return "\n".join(page.extract_text() for page in _reader(content).pages)


def test_pdf_contains_title_version_periods_and_dpo_contact(client):
    VersionFactory(published=True, statement__slug="vroegsignalering-schulden")
    response = client.get("/vroegsignalering-schulden/versies/1/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF")
    text = _text(content)
    assert "Privacyverklaring Vroegsignalering schulden" in text
    assert "Versie 1" in text
    assert "6 maanden" in text
    assert "gemeente@heerlen.nl" in text
    assert "045-5605040" in text
    assert "pagina 1 / 1" in text
    catalog = _reader(content).trailer["/Root"]
    assert catalog["/Lang"] == "nl"
    assert catalog["/MarkInfo"]["/Marked"]  # tagged, as PDF/UA-1 requires
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()


def test_english_pdf_is_in_english(client):
    VersionFactory(published=True, statement__slug="vroegsignalering-schulden")
    content = client.get("/en/vroegsignalering-schulden/versies/1/pdf/").content
    assert "6 months" in _text(content)
    assert _reader(content).trailer["/Root"]["/Lang"] == "en"


def test_pdf_is_rendered_once_then_served_from_storage(client, monkeypatch):
    VersionFactory(published=True, statement__slug="vroegsignalering-schulden")
    calls = []
    real = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda v: calls.append(v) or real(v))
    first = client.get("/vroegsignalering-schulden/versies/1/pdf/").content
    second = client.get("/vroegsignalering-schulden/versies/1/pdf/").content
    assert len(calls) == 1
    assert first == second
    assert default_storage.exists("statements/pdf/vroegsignalering-schulden-v1-nl.pdf")
