"""A part's folios set after its pages are made: the one hook into WeasyPrint's page loop.

WeasyPrint 70 lays a document out in two steps (``weasyprint.layout.layout_document``): every page's
contents first (``make_all_pages``), then, page by page, its margin boxes (``make_margin_boxes(context,
page, state)``, ``state`` the page's counter values, ``page`` among them). The folios of the print
stylesheets (``counter(page)`` in the ``@page`` margin boxes) are drawn only in the second step, so a
part of a book laid out in parts (``render.parallel``) can have its pages made while its first folio is
still a guess, and learn the real one before its first margin box is made.

:func:`install` (idempotent; ``pdf.weasyprint`` calls it) replaces ``weasyprint.layout.make_margin_boxes``
with a wrapper. Inside :func:`meeting`, the wrapper calls ``meet()`` once, before the first page's margin
boxes: it returns how many folios the part's first page is off (``0``: none), and the margin boxes are
then made with the page counter shifted by that much, up to the first page that resets the counter itself
(the main matter's first page: ``counter-reset: page 1``), from which the counter is the stylesheet's
own. Outside :func:`meeting` the wrapper changes nothing. Only the margin boxes see the shift: a part
whose own text prints page numbers (``target-counter`` to its own ids) must not be laid out this way
(``parallel`` does not). WeasyPrint is pinned below 71 for this (pyproject.toml), as for ``laidout``.
"""

from __future__ import annotations

import contextlib
import contextvars

_MEET = contextvars.ContextVar("lectio_folio_meet", default=None)
COUNTER = "page"


@contextlib.contextmanager
def meeting(meet):
    """Within this block, every layout asks ``meet()`` for its folio shift before its first margin box."""
    token = _MEET.set(meet)
    try:
        yield
    finally:
        _MEET.reset(token)


def install() -> None:
    """Patch WeasyPrint once (the caller has imported it)."""
    from weasyprint import layout

    if getattr(layout, "_lectio_folio_shift", False):
        return
    make = layout.make_margin_boxes

    def shifted(context, page, state):
        shift = _shift(context, page)
        if shift:
            values = dict(state[1])
            values[COUNTER] = [value + shift for value in values.get(COUNTER, [0])]
            state = (state[0], values, *state[2:])
        return make(context, page, state)

    layout.make_margin_boxes = shifted
    layout._lectio_folio_shift = True


def _shift(context, page) -> int:
    """The shift of this page's folio: asked of ``meet`` on the first page, kept until a page resets the
    counter itself."""
    if context.current_page == 1:
        meet = _MEET.get()
        context.lectio_folio_shift = meet() if meet is not None else 0
    elif any(name == COUNTER for name, _ in page.style["counter_reset"] or ()):
        context.lectio_folio_shift = 0
    return getattr(context, "lectio_folio_shift", 0)
