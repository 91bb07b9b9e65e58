"""Stacked passages in "Readings compared" (print.css, ``.synopsis.stacked``): every passage starts at
the same place, and a reference too long for its column wraps inside it instead of running into
its passage or widening the column for that passage alone."""

from __future__ import annotations

import pytest

from lectio.render import html, pdf

pytestmark = pytest.mark.slow

SIDES = (
    ("A 7, p. 12", "The harbour was dredged in the spring of that year."),
    ("1887.0614.00231.7 7, pp. 1003\u20131004", "The town council met in the old granary by the ferry."),
    ("C 9, p. 40", "No record of the meeting survives in the town's own books."),
)


@pytest.fixture(scope="module")
def laid_out(built):
    from lectio import pipeline

    book = pipeline.check(built).book
    page = html.write_html(book, pdf.print_css(book.config))
    head = page[:page.index(">", page.index("<body")) + 1]
    sides = "".join(f'<div class="side"><p class="side-ref">{ref}</p><blockquote class="passage-text">{text}'
                    f'</blockquote></div>' for ref, text in SIDES)
    body = (f'<section class="chapter" id="readings-compared"><section class="entry"><h2>A1 The harbour</h2>'
            f'<div class="synopsis passages-{len(SIDES)} stacked">{sides}</div></section></section></body></html>')
    return pdf.render_html(head + body, book.config)


def boxes_of(document, name: str) -> list:
    found = []

    def walk(box):
        if name in (getattr(box, "element", None) is not None and box.element.get("class") or "").split() \
                and box.element_tag in ("p", "blockquote") and not box.is_for_root_element:
            found.append(box)
            return
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def text_right(box) -> float:
    """The right edge of the farthest glyph run inside ``box``."""
    if getattr(box, "text", None):
        return box.position_x + box.width
    return max((text_right(child) for child in getattr(box, "children", ())), default=float("-inf"))


def test_every_passage_starts_at_the_same_place(laid_out):
    passages = boxes_of(laid_out, "passage-text")
    assert len(passages) == len(SIDES)
    assert len({round(box.content_box_x(), 2) for box in passages}) == 1


def test_a_long_reference_wraps_inside_its_column(laid_out):
    refs, passages = boxes_of(laid_out, "side-ref"), boxes_of(laid_out, "passage-text")
    long_ref = refs[1]
    assert len(long_ref.children) >= 3  # the accession number itself broken, then the pages
    for ref, passage in zip(refs, passages):
        assert text_right(ref) <= ref.content_box_x() + ref.width + 0.01, ref.element.text  # in its column
        assert text_right(ref) < passage.content_box_x(), ref.element.text
