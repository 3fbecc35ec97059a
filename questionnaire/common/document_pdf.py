"""A document's HTML page printed to PDF with WeasyPrint: A4 from the page's own @page rule, its
fonts embedded (subset), nothing fetched.

WeasyPrint is an optional extra (`pip install '.[pdf]'`, which `make` installs) and needs the
Pango libraries of the system (Debian: libpango-1.0-0 libpangoft2-1.0-0, and fonts-dejavu-core
for the page's font). It is imported here, only when a PDF is asked for, so every other command
starts as fast without it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are missing; the message says which."""


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


def _nothing_fetched(url: str, *args: object, **kwargs: object) -> dict:
    """The page is self-contained: any URL in it (there is none) is refused, never fetched."""
    raise ValueError(f"nothing is fetched for a document: {url}")


def render_pdf(html: str) -> Pdf:
    """The PDF of an HTML page, and its number of pages."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as err:  # OSError: the Python package is there, Pango is not
        raise PdfUnavailable(str(err).splitlines()[0] if str(err) else type(err).__name__) from None
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings about CSS it skips are no news to the practitioner
    try:
        laid_out = HTML(string=html, url_fetcher=_nothing_fetched).render()
        return Pdf(laid_out.write_pdf(), len(laid_out.pages))
    finally:
        quiet.setLevel(level)
