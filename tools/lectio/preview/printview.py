"""The print book on request: ``/print.pdf`` lays the last good build out with WeasyPrint, once per build.

The EPUB pages are rebuilt on every save because that is fast; the print layout is not (seconds to
minutes), so it is made only when the page is asked for, by ``build.make_pdf`` (the PDF that
``lectio build`` writes, with its checks of a PDF/X), into a temporary folder of the system that is
removed at once: the bytes are kept in memory for that build's version only.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from lectio.preview.site import Site

ROUTE = "/print.pdf"


class Printer:
    """One layout at a time; the PDF of the latest version asked for is kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._made: tuple[int, bytes] | None = None
        self.layouts = 0  # how many times the book was laid out (tests, the status line)

    def pdf(self, site: Site) -> bytes | None:
        """The PDF of ``site``'s book (None before any good build). Raises LectioError when the layout fails."""
        if site.book is None:
            return None
        with self._lock:
            if self._made is None or self._made[0] != site.book_version:
                self._made = (site.book_version, _laid_out(site.book))
                self.layouts += 1
            return self._made[1]


def _laid_out(book) -> bytes:
    from lectio import build

    with tempfile.TemporaryDirectory(prefix="lectio-preview-") as folder:
        made = build.make_pdf(book, None, Path(folder))
        return made[0].read_bytes()
