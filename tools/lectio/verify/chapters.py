"""Where each chapter of an output starts, so that a reading is compared with its own chapter.

A reading is a chapter of the book, opened by an element whose id is the reading's anchor
(``Reading.anchor``, ``reading-A``): the ``<section>`` of the print HTML and the ``<section>``
pandoc writes in the EPUB. The fidelity check looks for the reading's words in that chapter
first (``fidelity.py`` says why); this module finds it in each output:

- in the PDF, the anchor's page is its named destination (WeasyPrint writes one for every id,
  and ``pdfmerge`` keeps them when it joins a parallel layout's parts); the next chapter starts
  at the page of the next top-level bookmark (every chapter's ``h1`` is one: ``print.css``) or of
  another reading's anchor, whichever comes first. A page may hold the end of one chapter and
  the start of the next (an edition's stylesheet may let a chapter begin on the same page), so
  the bookmark's title is kept too: ``extract.Stream.regions`` gives the chapter's own pages,
  then with the next chapter's first page up to that heading, then with all of that page;
- in the EPUB, a chapter is a content document of the spine (pandoc splits the book at every
  ``h1``); the reading's region is the document holding its anchor and the documents after it
  up to the next one that has an ``h1`` or another reading's anchor.

``Chapters`` holds what was found, as places (pages, documents) of a ``extract.Stream``.
"""

from __future__ import annotations

from dataclasses import dataclass

XHTML_H1 = "{http://www.w3.org/1999/xhtml}h1"
MAX_BOOKMARKS = 100_000  # a guard against an outline that loops


@dataclass(frozen=True)
class Chapters:
    """The place each asked anchor stands on, every place a chapter starts on, in an output."""

    anchors: tuple[tuple[str, int], ...] = ()  # (anchor, index of its place)
    starts: tuple[int, ...] = ()  # indices of the places where a chapter starts, sorted
    shared: bool = False  # a place (a page) may hold the end of one chapter and the start of the next
    headings: tuple[tuple[int, str], ...] = ()  # (place, the heading of the chapter starting there), where known

    def span(self, anchor: str, places: int) -> tuple[int, int] | None:
        """The places (first, end) of the chapter ``anchor`` opens, up to the next chapter's first; None
        when the anchor was not found."""
        first = dict(self.anchors).get(anchor)
        if first is None:
            return None
        return first, next((start for start in self.starts if start > first), places)

    def heading(self, place: int) -> str:
        """The heading of the chapter that starts on ``place`` ("" when not known)."""
        return dict(self.headings).get(place, "")


def pdf_chapters(document, anchors: tuple[str, ...]) -> Chapters:
    """The pages (indices) of ``anchors`` (named destinations) and of the top-level bookmarks."""
    import pypdfium2.raw as pdfium

    found = []
    for anchor in anchors:
        dest = pdfium.FPDF_GetNamedDestByName(document.raw, anchor.encode("utf-8"))
        page = pdfium.FPDFDest_GetDestPageIndex(document.raw, dest) if dest else -1
        if page >= 0:
            found.append((anchor, page))
    marks = dict(reversed(list(_bookmarks(document))))  # page: the first bookmark's title on it
    starts = set(marks) | {page for _, page in found}
    return Chapters(tuple(found), tuple(sorted(starts)), True, tuple(sorted(marks.items())))


def _bookmarks(document):
    """The page and title of each top-level bookmark that leads to a page of the document."""
    import pypdfium2.raw as pdfium

    mark = pdfium.FPDFBookmark_GetFirstChild(document.raw, None)
    for _ in range(MAX_BOOKMARKS):
        if not mark:
            return
        dest = pdfium.FPDFBookmark_GetDest(document.raw, mark)
        if not dest:
            action = pdfium.FPDFBookmark_GetAction(mark)
            dest = pdfium.FPDFAction_GetDest(document.raw, action) if action else None
        page = pdfium.FPDFDest_GetDestPageIndex(document.raw, dest) if dest else -1
        if page >= 0:
            yield page, _title(mark)
        mark = pdfium.FPDFBookmark_GetNextSibling(document.raw, mark)


def _title(mark) -> str:
    import ctypes

    import pypdfium2.raw as pdfium

    size = pdfium.FPDFBookmark_GetTitle(mark, None, 0)  # bytes of UTF-16LE, the closing NUL included
    buffer = ctypes.create_string_buffer(size)
    pdfium.FPDFBookmark_GetTitle(mark, buffer, size)
    return buffer.raw[:max(0, size - 2)].decode("utf-16-le", errors="replace")


def epub_marks(root, anchors: tuple[str, ...]) -> tuple[list[str], bool]:
    """The ``anchors`` a content document holds, and whether a chapter starts in it (an ``h1``)."""
    wanted = set(anchors)
    held = [e.get("id") for e in root.iter() if e.get("id") in wanted] if wanted else []
    return held, bool(held) or next(root.iter(XHTML_H1), None) is not None


def epub_chapters(marks: list[tuple[list[str], bool]]) -> Chapters:
    """``Chapters`` from each spine document's ``epub_marks``, in spine order."""
    found = tuple((anchor, place) for place, (held, _) in enumerate(marks) for anchor in held)
    return Chapters(found, tuple(place for place, (_, starts) in enumerate(marks) if starts))
