"""Where each page of the laid-out PDF begins: the first words of its main flow.

WeasyPrint keeps, for every page of a rendered Document, the boxes laid out on it.
The first text boxes of a page's main flow (not its running heads, not its
footnote area, not generated text such as note calls or leaders) say where the
page begins, and the ids of the elements around them say in which paragraph.
The EPUB writer finds the same words in the same paragraph and puts a page-break
marker there (``render/pagelist.py``), so the EPUB's page-list matches the PDF.

Pages are numbered as the PDF's physical pages, 1 to n (the markers' ids); the
page-list shows their printed folios (``folios.page_labels``: roman front matter,
arabic main matter, the numbers the PDF's /PageLabels are written from).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lectio.render import laidout

ENOUGH = 48  # characters of a page's opening text that are kept


@dataclass(frozen=True)
class TextRun:
    """Text laid out on a page, with the ids of the elements around it (outermost first)."""

    text: str
    ids: tuple[str, ...]


@dataclass
class PageStart:
    page: int
    runs: list[TextRun] = field(default_factory=list)  # empty: a blank page

    @property
    def blank(self) -> bool:
        """No text; a run with ids and no text at all is the anchor-only fallback, not blank."""
        return not any(run.text.strip() or (not run.text and run.ids) for run in self.runs)


def page_starts(document) -> list[PageStart]:
    """The opening text of every page of a WeasyPrint ``Document``."""
    return [PageStart(number, _opening(page)) for number, page in enumerate(document.pages, start=1)]


def _opening(page) -> list[TextRun]:
    box = laidout.page_box(page)
    if box is None or not getattr(box, "children", None):
        # Without the boxes, fall back to the first anchor on the page (paragraph precision).
        return [TextRun("", (anchor,)) for anchor in list(page.anchors)[:1]]
    runs: list[TextRun] = []
    _collect(box.children[0], (), runs)  # children[0] is the main flow; then footnotes, margins
    return runs


def _collect(box, ids: tuple[str, ...], runs: list[TextRun]) -> bool:
    """Append text runs in reading order; True once there is enough."""
    tag = getattr(box, "element_tag", "") or ""
    if "::" in tag:  # generated content: note calls, leaders, list markers
        return False
    text = getattr(box, "text", None)
    if text is not None:
        runs.append(TextRun(text, ids))
        return sum(len(run.text) for run in runs) >= ENOUGH
    element = getattr(box, "element", None)
    identifier = element.get("id") if element is not None else None
    if identifier and (not ids or ids[-1] != identifier):
        ids = ids + (identifier,)
    return any(_collect(child, ids, runs) for child in getattr(box, "children", ()))
