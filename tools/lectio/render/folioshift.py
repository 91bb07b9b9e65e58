"""A part's folios drawn again at its real first page: the one hook into WeasyPrint's page loop.

WeasyPrint 70 lays a document out in two steps (``weasyprint.layout.layout_document``): every page's
contents first (``make_all_pages``), then, page by page, its margin boxes (``make_margin_boxes(context,
page, state)``, ``state`` the page's counter values, ``page`` among them). The folios of the print
stylesheets (``counter(page)`` in the ``@page`` margin boxes) are drawn only in that second step, from
the counter values alone, so a part of a book laid out in parts (``render.parallel``) can be laid out
while its first folio is still a guess and have its margin boxes made again once the real one is known.

:func:`install` (idempotent; ``pdf.weasyprint`` calls it) wraps ``weasyprint.layout.make_margin_boxes``:
inside :func:`recording`, it keeps on each page box what its margin boxes were made from (the layout
context, the page's counter values, its number); outside, it changes nothing. :func:`redraw` then makes
the margin boxes of every page again with the page counter shifted, up to the first page that resets the
counter itself (the main matter's first page: ``counter-reset: page 1``), from which the stylesheet's own
numbers stand. Only the margin boxes see the shift: a part whose own text prints page numbers
(``target-counter`` to its own ids) must not be shifted (``rendezvous.shiftable``). WeasyPrint is pinned
below 71 for this (pyproject.toml), as for ``laidout``.
"""

from __future__ import annotations

import contextlib
import contextvars

from lectio.render import laidout

_RECORD = contextvars.ContextVar("lectio_folio_record", default=False)
_MAKE = []  # WeasyPrint's own make_margin_boxes, once installed
COUNTER = "page"


@contextlib.contextmanager
def recording(on: bool = True):
    """Within this block, every layout keeps what its margin boxes were made from (for :func:`redraw`)."""
    token = _RECORD.set(on)
    try:
        yield
    finally:
        _RECORD.reset(token)


def install() -> None:
    """Patch WeasyPrint once (the caller has imported it)."""
    from weasyprint import layout

    if _MAKE:
        return
    _MAKE.append(layout.make_margin_boxes)

    def recorded(context, page, state):
        if _RECORD.get():
            page.lectio_margins = (context, state, context.current_page)
        return _MAKE[0](context, page, state)

    layout.make_margin_boxes = recorded


def redraw(document, shift: int) -> None:
    """The margin boxes of ``document`` (laid out in :func:`recording`) made again, the page counter
    shifted by ``shift`` up to the first page after the first that resets it."""
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.layout.background import layout_backgrounds

    for _, box in laidout.page_boxes(document):
        context, state, number = box.__dict__.pop("lectio_margins", (None, None, 0))
        if number > 1 and any(name == COUNTER for name, _ in box.style["counter_reset"] or ()):
            shift = 0  # the stylesheet numbers the pages afresh from here
        if context is None or not shift:
            continue
        values = dict(state[1])
        values[COUNTER] = [value + shift for value in values.get(COUNTER, [0])]
        context.current_page = number
        kept = tuple(child for child in box.children if not isinstance(child, MarginBox))
        box.children = kept + tuple(_MAKE[0](context, box, (state[0], values, *state[2:])))
        layout_backgrounds(box, context.get_image_from_uri)


def release(document) -> None:
    """Forget what :func:`recording` kept (the layout context): the document is final."""
    for _, box in laidout.page_boxes(document):
        box.__dict__.pop("lectio_margins", None)
