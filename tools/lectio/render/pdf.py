"""HTML + print CSS → PDF through WeasyPrint, loading files only from the project."""

from __future__ import annotations

import os
from pathlib import Path

from lectio.errors import RenderError, RequirementMissing
from lectio.render import fonts


def weasyprint():
    """Import WeasyPrint, turning a missing Pango into a clear message."""
    try:
        import weasyprint as module
    except OSError as exc:
        raise RequirementMissing(
            f"WeasyPrint cannot load the Pango library ({exc})",
            fix="install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian/Ubuntu), "
                "brew install pango (macOS)") from None
    return module


def print_css(config) -> str:
    """The font faces, the trim size, then the edition's print stylesheet."""
    css_path = config.resolve(config["output"]["print_css"])
    face = fonts.font_face_css(lambda path: path.as_uri())
    return face + page_size_css(config) + css_path.read_text(encoding="utf-8")


TRIM_SIZES = {"6x9in": "6in 9in", "a5": "148mm 210mm", "royal": "156mm 234mm",
              "letter": "8.5in 11in", "a4": "210mm 297mm"}


def page_size_css(config) -> str:
    return f"@page {{ size: {TRIM_SIZES[config['output']['trim']]}; }}\n"


def layout(html_text: str, config):
    """Lay the book out; returns WeasyPrint's Document (pages, anchors)."""
    from lectio.render.fetcher import ConfinedFetcher

    module = weasyprint()
    fetcher = ConfinedFetcher([config.root, fonts.font_dir()])
    document = module.HTML(string=html_text, base_url=str(config.root) + os.sep, url_fetcher=fetcher)
    try:
        return document.render()
    except Exception as exc:  # WeasyPrint raises many kinds; all mean the same to the editor
        raise RenderError(f"WeasyPrint could not lay out the book: {exc}") from exc


def pdf_bytes(document, config) -> bytes:
    meta = document.metadata
    edition = config["edition"]
    meta.title = edition["title"]
    meta.authors = list(edition["editors"])
    meta.lang = edition["language"]
    meta.created = meta.modified = _pdf_date(edition["date"])
    meta.generator = "lectio"
    return document.write_pdf()


def _pdf_date(date: str) -> str:
    """An ISO date for the PDF; SOURCE_DATE_EPOCH wins, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        import datetime

        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
