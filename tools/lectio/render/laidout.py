"""What the laid-out print book says about its notes: where each call and its footnote fell.

WeasyPrint keeps, for every page of a rendered Document, its box tree: the main flow
(``children[0]``), the footnote area (a ``FootnoteAreaBox``) and the margin boxes. A
note's call is the ``::footnote-call`` box of its ``span.footnote`` (whose ``id`` is the
note's anchor, ``B-n5``); the note's text is a block box of the same element in the
footnote area of the page it was set on. Page numbers here are physical, 1 to n.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CALL = "::footnote-call"


@dataclass(frozen=True)
class PagePair:
    """Two things that belong together and the pages they were set on (physical, 1 to n; 0: nowhere):
    a note's call and its text, a passage's first words and its marker."""

    name: str
    first: int
    last: int

    @property
    def apart(self) -> bool:
        return self.first != self.last


def page_box(page):
    """The laid-out boxes of a WeasyPrint page (``Page._page_box``, not public API: the one place
    lectio reads it), or None."""
    return getattr(page, "_page_box", None)


def page_boxes(document):
    """(physical page number, page box) of every page that has its boxes."""
    for number, page in enumerate(document.pages, start=1):
        box = page_box(page)
        if box is not None:
            yield number, box


def _element_id(box) -> str | None:
    element = getattr(box, "element", None)
    return element.get("id") if element is not None else None


def _is_call(box) -> bool:
    return (getattr(box, "element_tag", "") or "").endswith(CALL)


def note_placements(document) -> tuple[PagePair, ...]:
    """Every note of the book, in order: its id, the page of its call and the page its text begins on."""
    calls: dict[str, int] = {}
    notes: dict[str, int] = {}
    for number, page_box in page_boxes(document):
        for box in page_box.descendants():
            if _is_call(box) and _element_id(box):
                calls.setdefault(_element_id(box), number)
            elif type(box).__name__ == "FootnoteAreaBox":
                for note in box.children:
                    if _element_id(note):
                        notes.setdefault(_element_id(note), number)
    return tuple(PagePair(note, page, notes.get(note, 0)) for note, page in calls.items())


def notes_off_their_page(document) -> list[PagePair]:
    """The notes whose text is not on the page of their call."""
    return [placement for placement in note_placements(document) if placement.apart]


def stranded_calls(document) -> list[str]:
    """The notes whose call begins a line of the main text (set alone, away from its word)."""
    stranded = []
    for _, page_box in page_boxes(document):
        for line in page_box.children[0].descendants():
            if type(line).__name__ != "LineBox":
                continue
            first = next((box for box in line.descendants() if type(box).__name__ == "TextBox"), None)
            if first is not None and _is_call(first):
                stranded.append(_element_id(first) or "")
    return stranded


def call_marker_gaps(document) -> dict[str, float]:
    """For each note whose call is followed on its line by an apparatus marker (``a.app-ref``): the
    space between the call's last glyph and the marker's first, in CSS px."""
    gaps = {}
    for _, page_box in page_boxes(document):
        for line in page_box.children[0].descendants():
            if type(line).__name__ != "LineBox":
                continue
            texts = [box for box in line.descendants() if type(box).__name__ == "TextBox"]
            for call, after in zip(texts, texts[1:]):
                if _is_call(call) and "app-ref" in (after.element.get("class") or "").split():
                    gaps[_element_id(call)] = after.position_x - (call.position_x + call.width)
    return gaps


def last_block(document, page: int) -> str | None:
    """The id of the element around the last line of ``page``'s main text (the nearest with one)."""
    box = document.pages[page - 1]._page_box.children[0]
    return _last_line_id(box, None)


def _last_line_id(box, around: str | None) -> str | None:
    around = _element_id(box) or around
    if type(box).__name__ == "LineBox":
        return around
    found = None
    for child in getattr(box, "children", ()):
        found = _last_line_id(child, around) or found
    return found


def split_synopses(document) -> list[tuple[int, int]]:
    """The side-by-side synopses continued from the page before: (page, column rules drawn on it)."""
    found, before = [], set()
    for number, page_box in page_boxes(document):
        tables = [box for box in page_box.children[0].descendants() if type(box).__name__ == "TableBox"
                  and "side-by-side" in (box.element.get("class") or "").split()]
        for table in (t for t in tables if id(t.element) in before):
            cells = [c for c in table.descendants() if type(c).__name__ == "TableCellBox"]
            found.append((number, sum(1 for c in cells if c.border_left_width > 0)))
        before = {id(t.element) for t in tables}
    return found


def first_column(starts: list, document) -> list:
    """``pagemap.page_starts`` with a page that opens inside a split side-by-side synopsis keeping only
    the words of its first column: the page's opening words in reading order, one passage's, where
    the box order would run the columns' lines together (the EPUB sets the passages one after the
    other). A page-list placed from these words finds them in that passage."""
    continued = {page: _first_cell_text(document, page) for page, _ in split_synopses(document)}
    out = []
    for start in starts:
        room = continued.get(start.page)
        if room:
            runs, used = [], 0
            for run in start.runs:
                used += len(run.text)
                if used > len(room):
                    break
                runs.append(run)
            start = type(start)(start.page, runs or start.runs[:1])
        out.append(start)
    return out


def _first_cell_text(document, page: int) -> str:
    table = next(box for box in document.pages[page - 1]._page_box.children[0].descendants()
                 if type(box).__name__ == "TableBox")
    for cell in (box for box in table.descendants() if type(box).__name__ == "TableCellBox"):
        text = "".join(t.text for t in cell.descendants() if type(t).__name__ == "TextBox")
        if text.strip():
            return text
    return ""


# ---- Print lines (render/lines.py): the main flow's line boxes of each reading ----

# Boxes whose text is not the reading's: paragraph and line numbers, note calls and bodies, apparatus
# markers, the apparatus criticus's blocks at the foot of the page.
NOT_TEXT = frozenset({"pn", "ln", "footnote", "app-ref", "app-crit"})
INLINE_BOXES = frozenset({"InlineBox", "TextBox", "LineBox"})


@dataclass(frozen=True)
class FlowLine:
    """A line box of a reading's text: its page (physical), where it is drawn (CSS px, its top and its
    baseline), the reading's siglum, the element it is a line of (``owner``: an object id, stable
    within one layout) and its text, without the boxes of ``NOT_TEXT`` and generated content."""

    page: int
    top: float
    baseline: float
    siglum: str
    owner: int
    owner_tag: str
    owner_class: str
    text: str
    ids: tuple[str, ...]  # the ids of the elements whose boxes are on the line (a lemma, a marker)
    box: object = field(default=None, compare=False, repr=False)  # the line box itself (``stamp``)


def flow_lines(document) -> tuple[FlowLine, ...]:
    """Every line box of the main flow inside a reading's chapter (``section[data-siglum]``), in order."""
    found: list[FlowLine] = []
    for number, page_box in page_boxes(document):
        _lines_below(page_box.children[0], number, "", None, found)
    return tuple(found)


def _lines_below(box, page: int, siglum: str, owner, found: list) -> None:
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "") or ""
    if element is not None and "::" not in tag and NOT_TEXT & set((element.get("class") or "").split()):
        return
    if element is not None and tag == "section" and element.get("data-siglum"):
        siglum = element.get("data-siglum")
    if type(box).__name__ == "LineBox":
        if siglum and owner is not None:
            texts, ids = line_texts(box)
            baseline = texts[0].position_y + texts[0].baseline if texts else box.position_y
            found.append(FlowLine(page, box.position_y, baseline, siglum, id(owner), str(owner.tag).rsplit("}", 1)[-1],
                                  owner.get("class") or "", "".join(t.text for t in texts), ids, box))
        return
    if element is not None and "::" not in tag and type(box).__name__ not in INLINE_BOXES:
        owner = element
    for child in getattr(box, "children", ()):
        _lines_below(child, page, siglum, owner, found)


def line_texts(line) -> tuple[list, tuple[str, ...]]:
    """The text boxes of a line that show the text (not ``NOT_TEXT``, not generated), and the ids on it."""
    texts: list = []
    ids: list[str] = []
    _text_of(line, texts, ids, False)
    return texts, tuple(ids)


def _text_of(box, parts: list, ids: list, skipped: bool) -> None:
    element = getattr(box, "element", None)
    tag = getattr(box, "element_tag", "") or ""
    if element is not None and "::" not in tag:
        if element.get("id") and element.get("id") not in ids:
            ids.append(element.get("id"))
        skipped = skipped or bool(NOT_TEXT & set((element.get("class") or "").split()))
    skipped = skipped or "::" in tag
    if type(box).__name__ == "TextBox":
        if not skipped:
            parts.append(box)
        return
    for child in getattr(box, "children", ()):
        _text_of(getattr(child, "_box", child), parts, ids, skipped)


def boxes_of_class(box, name: str):
    """The boxes below ``box`` (absolutely placed ones included) of an element of class ``name``."""
    element = getattr(box, "element", None)
    if element is not None and "::" not in (getattr(box, "element_tag", "") or "") and \
            name in (element.get("class") or "").split():
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from boxes_of_class(getattr(child, "_box", child), name)


def marked_lines(page_box, name: str):
    """(mark box, baseline of its line) for each absolutely placed box of class ``name`` in a line."""
    for line in page_box.children[0].descendants():
        if type(line).__name__ == "LineBox":
            texts, _ = line_texts(line)
            if texts:
                for mark in boxes_of_class(line, name):
                    yield mark, texts[0].position_y + texts[0].baseline


def footnote_heights(document, name: str) -> dict[int, float]:
    """For each page, the height (CSS px) the footnote area's boxes of class ``name`` take there: the
    first box's content and every further box's margin box."""
    found: dict[int, float] = {}
    for number, page_box in page_boxes(document):
        for area in (box for box in page_box.children if type(box).__name__ == "FootnoteAreaBox"):
            boxes = [box for box in area.children if name in ((box.element.get("class") or "").split()
                                                               if getattr(box, "element", None) is not None else ())]
            if boxes:
                found[number] = boxes[0].height + sum(box.margin_height() for box in boxes[1:])
    return found


def stamp(line, mark) -> None:
    """A copy of ``mark`` (an absolutely placed box of another layout, from :func:`boxes_of_class`) added to
    the line box ``line``, where a placed element of the line's own HTML would be: after its other boxes,
    in the box WeasyPrint leaves in the flow for such an element (``AbsolutePlaceholder``, drawn and tagged
    as one). Nothing in the flow moves; the copy stays where ``mark`` was until it is translated."""
    from weasyprint.layout.absolute import AbsolutePlaceholder

    placeholder = AbsolutePlaceholder(mark)
    placeholder.set_laid_out_box(mark.deepcopy())
    line.children = [*line.children, placeholder]
