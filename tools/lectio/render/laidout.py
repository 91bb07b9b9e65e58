"""What the laid-out print book says about its notes: where each call and its footnote fell.

WeasyPrint keeps, for every page of a rendered Document, its box tree: the main flow
(``children[0]``), the footnote area (a ``FootnoteAreaBox``) and the margin boxes. A
note's call is the ``::footnote-call`` box of its ``span.footnote`` (whose ``id`` is the
note's anchor, ``M-n5``); the note's text is a block box of the same element in the
footnote area of the page it was set on. Page numbers here are physical, 1 to n.
"""

from __future__ import annotations

from dataclasses import dataclass

CALL = "::footnote-call"


@dataclass(frozen=True)
class NotePlacement:
    """One note: the page of its call and the page its text begins on (0: not set at all)."""

    note: str
    call_page: int
    note_page: int

    @property
    def off_its_page(self) -> bool:
        return self.call_page != self.note_page


def page_boxes(document):
    """(physical page number, page box) of every page that has its boxes."""
    for number, page in enumerate(document.pages, start=1):
        box = getattr(page, "_page_box", None)
        if box is not None:
            yield number, box


def _element_id(box) -> str | None:
    element = getattr(box, "element", None)
    return element.get("id") if element is not None else None


def _is_call(box) -> bool:
    return (getattr(box, "element_tag", "") or "").endswith(CALL)


def note_placements(document) -> tuple[NotePlacement, ...]:
    """Every note call of the book, in order, with its page and its footnote's page."""
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
    return tuple(NotePlacement(note, page, notes.get(note, 0)) for note, page in calls.items())


def notes_off_their_page(document) -> list[NotePlacement]:
    """The notes whose text is not on the page of their call."""
    return [placement for placement in note_placements(document) if placement.off_its_page]


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
