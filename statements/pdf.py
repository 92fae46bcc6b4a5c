"""PDFs of published versions: rendered once (`core.pdf`), then kept in storage.

A published version never changes, so its PDF is rendered on the first request and served from
storage after that.
"""

import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.pdf import html_to_pdf


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
