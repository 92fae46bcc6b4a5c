"""The one PDF engine reads the project's own static and media files, and nothing else."""

import io
import logging

import pytest
from pypdf import PdfReader

from core.pdf import _fetcher, html_to_pdf, is_allowed_file

PIXEL_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg=="
)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_markup_asking_for_etc_passwd_renders_without_its_content(caplog):
    html = (
        '<html lang="nl"><body><p>Brief</p>'
        '<iframe src="file:///etc/passwd"></iframe>'
        '<object data="file:///etc/passwd"></object>'
        '<img src="file:///etc/passwd" alt="x">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        "</body></html>"
    )
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        text = _text(html_to_pdf(html))
    assert "Brief" in text
    assert "root:" not in text
    assert any("Not one of the portal's own files" in r.getMessage() for r in caplog.records)


def test_markup_asking_for_a_network_address_is_refused_before_any_connection(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF engine tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    html = (
        '<html lang="nl"><body><p>Brief</p>'
        '<img src="http://198.51.100.7/tracker.png" alt="x">'
        '<link rel="stylesheet" href="https://fonts.example.org/font.css">'
        "</body></html>"
    )
    assert "Brief" in _text(html_to_pdf(html))
    for url in ("http://198.51.100.7/a.png", "https://example.org/logo.png", "ftp://x/y"):
        with pytest.raises(ValueError, match="portal's own files"):
            _fetcher().fetch(url)


def test_the_project_static_files_and_data_urls_are_served(settings, tmp_path):
    stylesheet = settings.BASE_DIR / "static" / "css" / "statement-pdf.css"
    assert is_allowed_file(stylesheet.as_uri())
    response = _fetcher().fetch(stylesheet.as_uri())
    assert response.read()
    response.close()
    assert _fetcher().fetch(PIXEL_PNG).read().startswith(b"\x89PNG")


def test_a_link_out_of_the_static_folder_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "escape").symlink_to("/etc/passwd")
    (settings.MEDIA_ROOT / "own.txt").write_text("ours")
    assert is_allowed_file((settings.MEDIA_ROOT / "own.txt").as_uri())
    assert not is_allowed_file((settings.MEDIA_ROOT / "escape").as_uri())
    assert not is_allowed_file((settings.MEDIA_ROOT / ".." / ".." / "etc" / "passwd").as_uri())
    assert not is_allowed_file("file://otherhost/srv/static/x.css")
