"""The chapters from the first one a layout changed, laid out again alone after the pages before it.

What one layout tells the next (``refine``) is mostly written into the back matter: the pages of
the index entries, the line locators and page ranges of the passages compared. Less often it is a
block of a reading loosened so that a note stays on its call's page. Nothing before the first
chapter so changed depends on it, except what earlier chapters print or link of its pages (a
contents row). So when the HTML for the next layout differs from the last one from a chapter of the
main matter on (:func:`body_of`: the head the same but for the loosening rule, whose blocks belong
to the chapters they are in), those chapters are laid out alone, as the last part of a book laid
out in parts (``partview.Part``: their first folio after the pages kept; their page references and
links into those pages written out from the last layout, ``xrefs``), and their pages replace the
old ones after the pages kept, in one WeasyPrint ``Document`` (``Document.copy``, WeasyPrint's
public way to combine the pages of several layouts; the written-out links become internal again,
:func:`_linked`).

The result stands only when every id of the chapters laid out again that the pages kept refer to
is still on the page the last layout put it (:func:`relaid` returns None otherwise, and the whole
book is laid out again): the pages kept, and what they print, are then exactly those of a layout of
the whole book. A print stylesheet with ``@page :first`` rules (which would style the first page of
the chapters laid out alone) keeps the whole layouts. docs/performance.md, "The chapters after a
change, alone", gives the figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectio.render import folios, laidout, pageranges, parts, partview, refine, xrefs

FIRST_PAGE = re.compile(r"@page[^{]*:first\b")


@dataclass(frozen=True)
class Body:
    """The pages kept: the last layout, how many of its pages come before the first chapter laid out
    again, and that chapter's unit (``parts.split``)."""

    document: object
    count: int
    unit: int


def first_changed(text: str, better: str) -> int | None:
    """The first unit (chapter of the main matter, ``parts.split``) that ``better`` changes or whose
    blocks its loosening rule newly names; None when the front matter, the head or the hidden
    entries change too (or nothing does)."""
    old, new = parts.split(text), parts.split(better)
    if (len(old.units) != len(new.units) or old.tail != new.tail or FIRST_PAGE.search(new.head)
            or refine.without_loosening(old.head) != refine.without_loosening(new.head)):
        return None
    loosened = refine.loosened_blocks(new.head) - refine.loosened_blocks(old.head)
    changed = [k for k, (a, b) in enumerate(zip(old.units, new.units))
               if a != b or any(f' id="{block}"' in b for block in loosened)]
    return changed[0] if changed and changed[0] > 0 else None


def body_of(document, text: str, better: str) -> Body | None:
    """The pages of ``document`` (a layout of ``text``) to keep for ``better``: those before the page
    where the first changed chapter begins; None when nothing can be kept."""
    unit = first_changed(text, better)
    count = _start(document, parts.split(text).units[unit]) if unit is not None else None
    return Body(document, count, unit) if count is not None else None


def relaid(body: Body, text: str, render):
    """The book of ``text`` with its chapters from ``body.unit`` on laid out again (``render(html) ->
    Document``) after the body's pages. When that moved a page the front matter prints (its contents),
    the front matter is laid out again too, if its page count stays the same; None when anything else
    refers to a page that moved, or the front matter grew or shrank."""
    whole, cut = body.document, parts.split(text)
    group = range(body.unit, len(cut.units))
    laid, ids = _laid(whole, cut, group, render)
    document = _combined(whole, whole.pages[:body.count] + laid.pages, laid)
    before, after = pageranges.anchor_pages(whole), pageranges.anchor_pages(document)
    moved = {i for i in ids if before.get(i) != after.get(i)}
    if not moved & xrefs.referenced(cut.head + "".join(cut.units[:body.unit])):  # (a link alone is kept right)
        return document
    if body.unit > 1 and moved & xrefs.counted(parts.document(cut, range(1, body.unit))):
        return None  # a reading kept prints a page that moved
    if not moved & xrefs.counted(parts.document(cut, range(0, 1))):
        return document
    front, _ = _laid(document, cut, range(0, 1), render)
    count = _start(document, cut.units[1]) if len(cut.units) > 1 else None
    blanks = document.pages[len(front.pages):count] if count is not None else [None]
    if count is None or len(front.pages) > count or not all(map(_blank, blanks)):
        return None
    # laid out alone, the front matter lacks the blank verso that the first reading's recto adds after it
    return _combined(document, front.pages + blanks + document.pages[count:], front)


def _blank(page) -> bool:
    return bool(getattr(getattr(laidout.page_box(page), "page_type", None), "blank", False))


def _laid(document, cut: parts.Split, group: range, render):
    """The units ``group`` laid out alone, their references to the other units' ids written out from
    ``document``'s pages, their first folio after those before them in it; and their ids."""
    text = parts.document(cut, group)
    ids = parts.ids(text)
    where, labels = pageranges.anchor_pages(document), folios.page_labels(document)
    resolved = {i: labels[where[i] - 1] if i in where else "" for i in xrefs.referenced(text) - ids}
    count, main = _start(document, cut.units[group.start]) if group.start else 0, folios.main_matter_start(document)
    first_folio = count - main + 1 if group.start and count is not None and count >= main else 0
    part = partview.Part(partview.Elsewhere(), group.stop == len(cut.units), ids, tuple(sorted(resolved.items())),
                         first_folio)
    laid = render(part.prepare(text))
    laid.pages = [_linked(page) for page in laid.pages]
    return laid, ids


def _start(document, unit: str) -> int | None:
    """How many pages of ``document`` come before the one where ``unit`` begins (by its first id)."""
    found = parts.IDS.search(unit[:unit.index(">")])
    pages = [k for k, page in enumerate(document.pages) if found and found.group(1) in page.anchors]
    return pages[0] if pages else None


def _combined(document, pages, laid):
    combined = document.copy(list(pages))
    combined.lectio_refused = list(document.lectio_refused) + list(laid.lectio_refused)
    combined.lectio_layouts = (document, laid)  # the layouts its pages (and their fonts) belong to
    return combined


def _linked(page):
    """``page`` with its links written out into the pages kept (``lectio-xref:#id``) made internal again."""
    page.links = [("internal", target, rectangle, box) if (target := xrefs.target(uri)) else
                  (kind, uri, rectangle, box) for kind, uri, rectangle, box in page.links]
    return page
