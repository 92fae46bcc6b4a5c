"""PDFs of published versions (WeasyPrint): tagged PDF/UA-1, rendered once, then kept in storage.

A published version never changes, so its PDF is rendered on the first request and served from
storage after that. The print stylesheet is parsed once per process: parsing costs more than
rendering a statement.
"""

import functools
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language

PDF_STYLESHEET = "css/statement-pdf.css"


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=finders.find(PDF_STYLESHEET), url_fetcher=_local_only_fetcher())


@functools.cache
def _local_only_fetcher():
    """The PDF may use our own files only: never fetch from another host (SSRF, privacy)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def html_to_pdf(html):
    """The portal's one way to make a PDF: tagged PDF/UA-1, the print stylesheet parsed once,
    our own files only. The language comes from the document's `<html lang>`."""
    from weasyprint import HTML

    document = HTML(
        string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_local_only_fetcher()
    )
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")


def render_pdf(version):
    from django.db.models import prefetch_related_objects

    from .models import VERSION_PARTS

    prefetch_related_objects([version], *VERSION_PARTS)
    return html_to_pdf(render_to_string("statements/pdf.html", {"version": version}))


def storage_name(version):
    return f"statements/pdf/{version.statement.slug}-v{version.number}-{get_language()}.pdf"


def pdf_for(version):
    """The stored PDF of a published version in the active language, rendered if missing."""
    name = storage_name(version)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    content = render_pdf(version)
    _store_whole(name, content)
    return content


def _store_whole(name, content):
    """Stores the PDF so that no reader ever sees half of it: on local disk by writing a
    temporary file and renaming it into place; two first requests at once both render, and
    the last rename wins with identical bytes."""
    try:
        target = Path(default_storage.path(name))
    except NotImplementedError:  # remote storage: its save is atomic per object
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as part:
        part.write(content)
    os.replace(part.name, target)
