"""What the rest of the build needs from the laid-out print book, the same whether it was laid out
in one piece (WeasyPrint's Document) or in parts (``render.parallel``): its pages (ids, page group),
its print lines and where each page begins. ``make_epub`` (page-list, line anchors) and ``make_cover``
(the spine from the page count) read these, never the Document itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio.render import folios, laidout, lines, pagemap, partview


@dataclass(frozen=True)
class LayoutFacts:
    """Pages numbered in the book, 1 to n."""

    pages: tuple[partview.PageFacts, ...]
    lines: tuple[laidout.FlowLine, ...]
    starts: tuple[pagemap.PageStart, ...]

    @property
    def count(self) -> int:
        return len(self.pages)

    def view(self) -> partview.View:
        """The facts as a stand-in Document (``partview.View``) for ``folios`` and ``lines``."""
        return partview.View(None, partview.Elsewhere(self.pages, (), self.lines))

    def labels(self) -> tuple[str, ...]:
        """Every page's printed folio (``folios.page_labels``)."""
        return folios.page_labels(self.view())

    def line_map(self, book) -> lines.LineMap:
        return lines.line_map(book, self.view())


def of(document) -> LayoutFacts:
    """The facts of a laid-out book: a Document, or a book laid out in parts (which has them)."""
    if isinstance(document, LayoutFacts):
        return document
    facts = getattr(document, "facts", None)
    if isinstance(facts, LayoutFacts):
        return facts
    starts = laidout.first_column(pagemap.page_starts(document), document)
    return LayoutFacts(partview.page_facts(document), laidout.flow_lines(document), tuple(starts))


def page_count(document) -> int:
    facts = getattr(document, "facts", None)
    return facts.count if isinstance(facts, LayoutFacts) else len(document.pages)
