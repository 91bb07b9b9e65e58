"""Paragraph numbers in the outer margin.

CSS cannot tell an element on which side of the spread it will land, so the print
stylesheet sets every paragraph number (``.pn``, absolutely positioned) in the left
margin, and after layout each number is set just outside the text block on the
page's outer side: left on versos, right on rectos, whatever the paragraph's indent.
They are out of the flow, so moving them changes no line or page break, and they
stay real text (they extract as "B 7").

Line numbers (``.ln``, stamped by ``render/linestamp.py``) stand in a column of their own further out, beyond
the widest paragraph number of the book, on the baseline of their line: a line that has both
shows "B 7" next to the text and its line number outside it, never one over the other.
"""

from __future__ import annotations

from lectio.render import laidout

GAP_PX = 9  # between the text and the number, in CSS px (1/96 in), as WeasyPrint lays out
LINE_GAP_PX = 6  # between the paragraph numbers' column and the line numbers


def to_outer_margin(document) -> int:
    """Set every number just outside the text block, on the page's outer side; returns how many."""
    moved = 0
    boxes = [box for box in map(laidout.page_box, document.pages) if box is not None]
    column = GAP_PX + max((_width(n) for box in boxes for n in _numbers(box)), default=0) + LINE_GAP_PX
    for box in boxes:
        right = getattr(box.page_type, "side", "left") == "right"
        moved += _move_page(box, right)
        _move_line_numbers(box, right, column)
    return moved


def _width(number) -> float:
    extent = _text_extent(number)
    return extent[1] - extent[0] if extent else 0


def _move_line_numbers(page_box, right_page: bool, column: float) -> None:
    """Each line number ``column`` px outside the text block, on its line's baseline."""
    left_edge = page_box.content_box_x()
    right_edge = left_edge + page_box.width
    for number, baseline in laidout.marked_lines(page_box, "ln"):
        texts = [child for child in number.descendants() if type(child).__name__ == "TextBox"]
        extent = _text_extent(number)
        if not texts or extent is None:
            continue
        dx = right_edge + column - extent[0] if right_page else left_edge - column - extent[1]
        number.translate(dx, baseline - (texts[0].position_y + texts[0].baseline))


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
