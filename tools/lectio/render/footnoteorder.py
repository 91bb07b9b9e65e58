"""Footnotes set in the order of their calls, on every page.

WeasyPrint 70 moves a footnote that does not fit to the next page in two ways (the
line holding its call, or a break before widows and orphans), and the two can leave
the moved notes out of order: on the next page "7." is printed above "6.". This
module makes WeasyPrint lay out each page's footnote area in the document's order of
the notes: the order is taken from the footnotes as they were collected, before
layout, and the page's list is sorted whenever its area is updated. :func:`install`
is idempotent; ``render/pdf.py`` calls it when it imports WeasyPrint.
"""

from __future__ import annotations


def install() -> None:
    """Patch WeasyPrint once (the caller has imported it)."""
    from weasyprint import document
    from weasyprint.layout import LayoutContext

    if getattr(LayoutContext, "_lectio_footnote_order", False):
        return
    layout_document, update_area = document.layout_document, LayoutContext._update_footnote_area

    def ordered_layout(html, root_box, context, *args, **kwargs):
        context.lectio_note_order = {id(note): index for index, note in enumerate(context.footnotes)}
        return layout_document(html, root_box, context, *args, **kwargs)

    def ordered_area(context):
        order = getattr(context, "lectio_note_order", None)
        if order:
            context.current_page_footnotes.sort(key=lambda note: order.get(id(note), len(order)))
        return update_area(context)

    document.layout_document = ordered_layout
    LayoutContext._update_footnote_area = ordered_area
    LayoutContext._lectio_footnote_order = True
