"""The portal's one PDF engine (WeasyPrint): tagged PDF/UA-1, our own files only.

Statements, letters, reports and destruction statements all come through `html_to_pdf`. The
print stylesheet is parsed once per process: parsing costs more than rendering a statement.
WeasyPrint is imported inside the functions on purpose: it takes a second to import, and most
processes (the worker, management commands) never make a PDF.
"""

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

PDF_STYLESHEET = "css/statement-pdf.css"


def allowed_roots() -> list[Path]:
    """Where a PDF may read files from: the project's static files (source and collected)
    and its media files. Nothing else on the disk, and nothing on the network."""
    roots = [*settings.STATICFILES_DIRS, settings.STATIC_ROOT, settings.MEDIA_ROOT]
    return [Path(root).resolve() for root in roots if root]


def is_allowed_file(url: str) -> bool:
    """True for a `file:` URL whose real path (links followed) lies under an allowed root."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path.is_relative_to(root) for root in allowed_roots())


@functools.cache
def _fetcher():
    from weasyprint.urls import URLFetcher

    class ProjectFilesFetcher(URLFetcher):
        """Serves `data:` URLs and the project's own static and media files; refuses every
        other file (`/etc/passwd`) and every network URL (SSRF, and the statements'
        promise that reading leaves no trace at another host)."""

        def fetch(self, url, headers=None):
            if not (url.startswith("data:") or is_allowed_file(url)):
                raise ValueError(f"Not one of the portal's own files: {url[:80]}")
            return super().fetch(url, headers)

    return ProjectFilesFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=finders.find(PDF_STYLESHEET), url_fetcher=_fetcher())


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF/UA-1 of `html`, with the print stylesheet. Relative URLs resolve
    against the project's static files. The language comes from the document's
    `<html lang>`."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")


def htmls_to_pdf(htmls: list[str]) -> bytes:
    """One PDF of several documents, each starting on a page of its own (the post tray's
    letters, printed in one go), tagged like `html_to_pdf`."""
    from weasyprint import HTML

    documents = [
        HTML(
            string=html, base_url=str(settings.BASE_DIR / "static"), url_fetcher=_fetcher()
        ).render(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")
        for html in htmls
    ]
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf(pdf_variant="pdf/ua-1")
