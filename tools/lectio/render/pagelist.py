"""Page-break markers in the EPUB where the PDF's pages begin, and the page-list.

For each page, ``pagemap`` gives the page's first words and the ids around them.
Here the same words are looked for in the element with that id in pandoc's
XHTML, after the previous page's place, comparing letters and digits only (so
hyphenation, spacing and punctuation do not matter). The marker goes before the
first whole word of the page; a page that begins with a paragraph or a heading
gets its marker just before that block. When the words are not found, the marker
goes before the element (paragraph precision). Pages with nothing of the EPUB on
them (the print front matter, blank versos) share the place of the next page,
or stand at the start of the title page.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from lectio.render.epub_xhtml import EPUB_NS, XHTML_NS, local, make
from lectio.render.pagemap import PageStart

BLOCKS = {"section", "div", "p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "ul", "nav"}
STOP = {"section", "body"}  # a marker is never lifted out of these
SKIPPED = ("noteref", "footnote", "pagebreak")  # epub:type of elements whose text the PDF does not show in flow


@dataclass
class Segment:
    """One text node: ``owner.text`` or ``owner.tail``, starting at ``start`` in the flat text."""

    owner: object
    tail: bool
    start: int
    text: str


class FileText:
    """The text of one XHTML document, flattened, with letters and digits indexed."""

    def __init__(self, name: str, root):
        self.name, self.root = name, root
        self.segments: list[Segment] = []
        self.ranges: dict[str, tuple[int, int]] = {}  # id → span of the flat text
        self._walk(root.find(f"{{{XHTML_NS}}}body"))
        self.flat = "".join(s.text for s in self.segments)
        self.positions = [i for i, c in enumerate(self.flat) if c.isalnum()]
        self.skeleton = "".join(self.flat[i] for i in self.positions).casefold()

    def _add(self, owner, tail: bool, text: str | None) -> None:
        if text:
            self.segments.append(Segment(owner, tail, self._length(), text))

    def _length(self) -> int:
        return self.segments[-1].start + len(self.segments[-1].text) if self.segments else 0

    def _walk(self, element) -> None:
        start = self._length()
        self._add(element, False, element.text)
        for child in element:
            if isinstance(child.tag, str) and not _skipped(child):
                self._walk(child)
            self._add(child, True, child.tail)
        if element.get("id"):
            self.ranges[element.get("id")] = (start, self._length())

    def skeleton_range(self, identifier: str) -> tuple[int, int]:
        start, end = self.ranges[identifier]
        return bisect.bisect_left(self.positions, start), bisect.bisect_left(self.positions, end)

    def point_at(self, offset: int) -> tuple:
        """The insertion point (owner, tail, offset) for a flat-text offset."""
        for segment in self.segments:
            if segment.start <= offset < segment.start + len(segment.text):
                return segment.owner, segment.tail, offset - segment.start
        last = self.segments[-1]
        return last.owner, last.tail, len(last.text)


def _skipped(element) -> bool:
    kinds = (element.get(f"{{{EPUB_NS}}}type") or "").split()
    return local(element) == "aside" or any(kind in SKIPPED for kind in kinds)


def insert_pagebreaks(documents: dict[str, object], starts: list[PageStart],
                      title_page: str | None = None) -> list[tuple[int, str]]:
    """Put a marker for every page into ``documents`` (name → XHTML root); return (page, name) in page order."""
    texts = {name: FileText(name, root) for name, root in documents.items()}
    where = {identifier: text for text in texts.values() for identifier in text.ranges}
    cursors: dict[str, int] = {}
    placed: list[tuple[int, str, tuple]] = []
    pending: list[int] = []
    for start in starts:
        found = None if start.blank else _locate(start, where, cursors)
        if found is None:
            pending.append(start.page)
            continue
        name, point = found
        if pending and not placed and title_page in texts:
            placed += [(page, title_page, _title_point(texts[title_page])) for page in pending]
            pending = []
        placed += [(page, name, point) for page in pending + [start.page]]
        pending = []
    if placed:
        placed += [(page, placed[-1][1], placed[-1][2]) for page in pending]
    for page, name, point in reversed(placed):  # back to front: earlier points stay valid
        _insert(point, page)
    return [(page, name) for page, name, _ in placed]


def _locate(start: PageStart, where: dict[str, FileText], cursors: dict[str, int]):
    anchor = next((i for run in start.runs for i in reversed(run.ids)
                   if i in where and local(_element(where[i], i)) in BLOCKS), None)
    if anchor is None:
        return None
    text = where[anchor]
    begin, high = text.skeleton_range(anchor)
    low = max(begin, cursors.get(text.name, 0))
    words = "".join(c for run in start.runs if anchor in run.ids for c in run.text if c.isalnum()).casefold()
    index = text.skeleton.find(words, low, high) if words else -1
    if index < 0:
        if low > begin:
            return None  # the words are not after the previous page, and the element began before it
        index = low
    cursors[text.name] = index + 1
    offset = _word_start(text.flat, text.positions[index] if index < len(text.positions) else len(text.flat))
    return text.name, _lift(text.point_at(offset))


def _element(text: FileText, identifier: str):
    return next(e for e in text.root.iter() if e.get("id") == identifier)


def _word_start(flat: str, offset: int) -> int:
    """The start of the first whole word at or after ``offset`` (a page may begin mid-word)."""
    while 0 < offset < len(flat) and flat[offset - 1].isalnum():
        offset += 1
    while offset < len(flat) and flat[offset].isspace():
        offset += 1
    return offset


def _lift(point: tuple) -> tuple:
    """At the very start of an element, stand before the element instead (not inside a heading)."""
    owner, tail, offset = point
    while not tail and not (owner.text or "")[:offset].strip() and local(owner) not in STOP \
            and owner.getparent() is not None:
        previous = owner.getprevious()
        if previous is not None:
            owner, tail, offset = previous, True, len(previous.tail or "")
        else:
            owner = owner.getparent()
            offset = len(owner.text or "")
    return owner, tail, offset


def _title_point(text: FileText) -> tuple:
    section = next((e for e in text.root.iter(f"{{{XHTML_NS}}}section")), None)
    owner = section if section is not None else text.root.find(f"{{{XHTML_NS}}}body")
    return owner, False, len(owner.text or "")


def _insert(point: tuple, page: int) -> None:
    owner, tail, offset = point
    marker = make("span", {f"{{{EPUB_NS}}}type": "pagebreak", "role": "doc-pagebreak",
                           "id": f"page-{page}", "aria-label": str(page)})
    if tail:
        text = owner.tail or ""
        owner.tail, marker.tail = text[:offset] or None, text[offset:] or None
        parent = owner.getparent()
        parent.insert(parent.index(owner) + 1, marker)
    else:
        text = owner.text or ""
        owner.text, marker.tail = text[:offset] or None, text[offset:] or None
        owner.insert(0, marker)
