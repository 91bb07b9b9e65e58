"""Page-break markers in the EPUB where the PDF's pages begin, and the page-list.

For each page, ``pagemap`` gives the page's first words and the ids around them.
Here the same words are looked for in the element with that id in pandoc's
XHTML, after the previous page's place, comparing letters and digits only (so
hyphenation, spacing and punctuation do not matter). A page without such an
element (the half-title, the title page, the imprint, the contents) is then
looked for by its opening words, as many of them as are found, between the
places of the pages around it, in every document of the reading order.

The marker goes before the page's first word, or before the word hyphenated
across the break when the page begins inside one (never inside a word); a page
that begins with a paragraph or a heading gets its marker just before that
block. A blank page (and a page whose words are nowhere in the EPUB) stands at
the end of the document of the page before it, where a reader of the print book
meets it, not stacked onto the next chapter; the pages before the first found
one stand at the start of the title page.
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
        self.segment_starts = [s.start for s in self.segments]
        self._elements: dict[str, object] | None = None
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
        """The insertion point (owner, tail, offset) for a flat-text offset (segments are never empty,
        so the segment holding it is the last one that starts at or before it)."""
        number = bisect.bisect_right(self.segment_starts, offset) - 1
        if 0 <= number and offset < self.segments[number].start + len(self.segments[number].text):
            segment = self.segments[number]
            return segment.owner, segment.tail, offset - segment.start
        last = self.segments[-1]
        return last.owner, last.tail, len(last.text)

    def element(self, identifier: str):
        """The first element with this id, from a table made once (not a walk of the document per page)."""
        if self._elements is None:
            self._elements = {}
            for element in self.root.iter():
                self._elements.setdefault(element.get("id"), element)
        return self._elements[identifier]


def _skipped(element) -> bool:
    kinds = (element.get(f"{{{EPUB_NS}}}type") or "").split()
    return local(element) == "aside" or any(kind in SKIPPED for kind in kinds)


Spot = tuple[int, int]  # (document's place in the reading order, index in its letters and digits)


def insert_pagebreaks(documents: dict[str, object], starts: list[PageStart], title_page: str | None = None,
                      labels: list[str] | None = None) -> list[tuple[int, str, str]]:
    """Put a marker for every page into ``documents`` (name → XHTML root, in reading order); return
    (page, label, name) in page order. ``labels`` are the printed folios (default: the page numbers)."""
    texts = [FileText(name, root) for name, root in documents.items()]
    spots = _anchored(starts, texts)
    _by_words(starts, texts, spots)
    placed = [(start.page, *_place(start.page, texts, spots, title_page)) for start in starts]
    label = {page: (labels[page - 1] if labels and page <= len(labels) else str(page)) for page, _, _ in placed}
    for page, _, point in reversed(placed):  # back to front: earlier points stay valid
        _insert(point, page, label[page])
    return [(page, label[page], texts[document].name) for page, document, _ in placed]


def _anchored(starts: list[PageStart], texts: list[FileText]) -> dict[int, Spot]:
    """First pass: each page's opening words in the element whose id the PDF gives, in page order."""
    where = {identifier: number for number, text in enumerate(texts) for identifier in text.ranges}
    spots: dict[int, Spot] = {}
    cursor: Spot = (0, 0)
    for start in starts:
        found = None if start.blank else _locate(start, texts, where, cursor)
        if found is not None:
            spots[start.page] = cursor = found
    return spots


def _by_words(starts: list[PageStart], texts: list[FileText], spots: dict[int, Spot]) -> None:
    """Second pass: a page without a known element (front matter, a contents page) is looked for by its
    opening words, as many as are found, between the places of the pages before and after it."""
    for start in starts:
        if start.blank or start.page in spots:
            continue
        low = max((spot for page, spot in spots.items() if page < start.page), default=(0, 0))
        high = min((spot for page, spot in spots.items() if page > start.page),
                   default=(len(texts) - 1, len(texts[-1].skeleton)))
        words = "".join(run.text for run in start.runs).split()
        for count in range(len(words), 0, -1):
            key = "".join(c for word in words[:count] for c in word if c.isalnum()).casefold()
            found = _find(texts, key, low, high) if len(key) >= 3 else None
            if found is not None:
                spots[start.page] = found
                break


def _find(texts: list[FileText], key: str, low: Spot, high: Spot) -> Spot | None:
    for number in range(low[0], high[0] + 1):
        skeleton = texts[number].skeleton
        begin = low[1] if number == low[0] else 0
        end = high[1] if number == high[0] else len(skeleton)
        index = skeleton.find(key, begin, max(begin, end) + len(key))
        if index >= 0:
            return number, index
    return None


def _place(page: int, texts: list[FileText], spots: dict[int, Spot], title_page: str | None) -> tuple[int, tuple]:
    """Where a page's marker goes: before its first word; a blank page (or one not found) at the end of the
    document of the page before it, or just before the next page when that page is in the same document."""
    if page in spots:
        number, index = spots[page]
        return number, word_point(texts[number], index)
    before = max((p for p in spots if p < page), default=None)
    after = min((p for p in spots if p > page), default=None)
    if before is None:
        names = [text.name for text in texts]
        if title_page in names:
            return names.index(title_page), _title_point(texts[names.index(title_page)])
        return _place(after, texts, spots, title_page) if after is not None else (0, _title_point(texts[0]))
    if after is not None and spots[after][0] == spots[before][0]:
        return _place(after, texts, spots, title_page)
    return spots[before][0], _end_point(texts[spots[before][0]])


def _locate(start: PageStart, texts: list[FileText], where: dict[str, int], cursor: Spot) -> Spot | None:
    anchor = next((i for run in start.runs for i in reversed(run.ids)
                   if i in where and local(texts[where[i]].element(i)) in BLOCKS), None)
    if anchor is None or where[anchor] < cursor[0]:
        return None
    number = where[anchor]
    text = texts[number]
    begin, high = text.skeleton_range(anchor)
    low = max(begin, cursor[1] if number == cursor[0] else 0)
    words = "".join(c for run in start.runs if anchor in run.ids for c in run.text if c.isalnum()).casefold()
    index = text.skeleton.find(words, low, high) if words else -1
    if index < 0:
        if low > begin:
            return None  # the words are not after the previous page, and the element began before it
        index = low
    return number, index


def word_point(text: FileText, index: int) -> tuple:
    """Before the word the page begins in: a page that begins inside a word hyphenated across the break
    gets its marker before that word, never inside it (a reader or a screen reader would split it)."""
    offset = text.positions[index] if index < len(text.positions) else len(text.flat)
    flat = text.flat
    # a hyphen between letters ("well-known" broken after "well-") is inside the word too
    while offset > 0 and (flat[offset - 1].isalnum() or
                          flat[offset - 1] in "-\u2010" and offset > 1 and flat[offset - 2].isalnum()):
        offset -= 1
    return _lift(text.point_at(offset))


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


def _end_point(text: FileText) -> tuple:
    """After the last block of a document: a blank page follows the content before it."""
    body = text.root.find(f"{{{XHTML_NS}}}body")
    if len(body):
        return body[-1], True, len(body[-1].tail or "")
    return body, False, len(body.text or "")


def _insert(point: tuple, page: int, label: str) -> None:
    insert_element(point, make("span", {f"{{{EPUB_NS}}}type": "pagebreak", "role": "doc-pagebreak",
                                        "id": f"page-{page}", "aria-label": label}))


def insert_element(point: tuple, marker) -> None:
    """Put the empty element ``marker`` at ``point`` (owner, tail, offset)."""
    owner, tail, offset = point
    if tail:
        text = owner.tail or ""
        owner.tail, marker.tail = text[:offset] or None, text[offset:] or None
        parent = owner.getparent()
        parent.insert(parent.index(owner) + 1, marker)
    else:
        text = owner.text or ""
        owner.text, marker.tail = text[:offset] or None, text[offset:] or None
        owner.insert(0, marker)
