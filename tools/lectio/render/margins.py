"""Paragraph numbers in the outer margin.

CSS cannot tell an element on which side of the spread it will land, so the print
stylesheet sets every paragraph number (``.pn``, absolutely positioned) in the left
margin, and after layout each number is set just outside the text block on the
page's outer side: left on versos, right on rectos, whatever the paragraph's indent.
They are out of the flow, so moving them changes no line or page break, and they
stay real text (they extract as "B 7").
"""

from __future__ import annotations

from lectio.render import laidout

GAP_PX = 9  # between the text and the number, in CSS px (1/96 in), as WeasyPrint lays out


def to_outer_margin(document) -> int:
    """Set every number just outside the text block, on the page's outer side; returns how many."""
    moved = 0
    for page in document.pages:
        box = laidout.page_box(page)
        if box is not None:
            moved += _move_page(box, getattr(box.page_type, "side", "left") == "right")
    return moved


def _move_page(page_box, right_page: bool) -> int:
    left_edge = page_box.content_box_x()
    right_edge = left_edge + page_box.width
    moved = 0
    for number in _numbers(page_box):
        extent = _text_extent(number)
        if extent is None:
            continue
        dx = right_edge + GAP_PX - extent[0] if right_page else left_edge - GAP_PX - extent[1]
        number.translate(dx, 0)
        moved += 1
    return moved


def _numbers(box):
    """The paragraph-number boxes below ``box``."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", "") == "span" and \
            "pn" in (element.get("class") or "").split():
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _numbers(child)


def _text_extent(box) -> tuple[float, float] | None:
    """Where the number's glyphs begin and end."""
    texts = [child for child in box.descendants() if type(child).__name__ == "TextBox"]
    if not texts:
        return None
    return min(t.position_x for t in texts), max(t.position_x + t.width for t in texts)
