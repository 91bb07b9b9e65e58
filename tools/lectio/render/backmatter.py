"""The back matter laid out again alone, when a layout changed nothing before it.

Most of what one layout tells the next (``refine``) is written into the back matter: the pages of
the index entries, the line locators and page ranges of the passages compared. Nothing before the
back matter depends on its text, except what the front matter and the readings print or link of its
pages (a contents row). So when the HTML for the next layout differs from the last one only in the
chapters after the last reading (:func:`tail_only`), those chapters are laid out alone, as the last
part of a book laid out in parts (``partview.Part``: their first folio after the body's pages, their
references into the body written out from the body's layout, ``xrefs``), and their pages take the
place of the old ones after the body's (WeasyPrint's public ``Document.copy`` takes pages of several
layouts; the written-out links are made internal links again, :func:`_linked`).

The result stands only when every id of the back matter that the body refers to is still on the
page the body's layout saw (:func:`relaid` returns None otherwise, and the whole book is laid out
again): the body's pages and what they print are then exactly those of a whole-book layout. The
seed edition's second layout (59 pages, 3.9 s) becomes one of its 7 back-matter pages
(docs/performance.md, "The back matter alone").
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio.render import folios, pageranges, parts, partview, xrefs


@dataclass(frozen=True)
class Body:
    """The pages before the back matter, from a layout of the whole book: that layout, and how many
    of its pages come before the back matter."""

    document: object
    count: int


def tail_only(text: str, better: str) -> bool:
    """Whether ``better`` differs from ``text`` only in the chapters after the last reading."""
    old, new = parts.split(text), parts.split(better)
    back = parts.back_matter(old)
    return (back is not None and back < len(old.units) and parts.back_matter(new) == back
            and len(old.units) == len(new.units) and old.head == new.head and old.tail == new.tail
            and old.units[:back] == new.units[:back])


def body_of(document, text: str) -> Body | None:
    """The body of ``document`` (a whole-book layout of ``text``): the pages before the page where
    the back matter's first chapter begins; None when that chapter has no id to find it by."""
    cut = parts.split(text)
    first = cut.units[parts.back_matter(cut)]
    found = parts.IDS.search(first[:first.index(">")])
    pages = [k for k, page in enumerate(document.pages) if found and found.group(1) in page.anchors]
    return Body(document, pages[0]) if pages else None


def relaid(body: Body, text: str, render):
    """The book of ``text`` with its back matter laid out again (``render(html) -> Document``) after
    the body's pages; None when the body refers to a page of the back matter that moved."""
    whole = body.document
    tail = parts.parts(text, 1)[-1]
    ids = parts.ids(tail)
    where = pageranges.anchor_pages(whole)
    labels = folios.page_labels(whole)
    resolved = {i: labels[where[i] - 1] if i in where else "" for i in xrefs.referenced(tail) - ids}
    main = folios.main_matter_start(whole)
    part = partview.Part(partview.Elsewhere(), True, ids, tuple(sorted(resolved.items())),
                         body.count - main + 1 if body.count >= main else 0)
    laid = render(part.prepare(tail))
    document = whole.copy(list(whole.pages[:body.count]) + [_linked(page) for page in laid.pages])
    moved = pageranges.anchor_pages(document)
    if any(moved.get(i) != where.get(i) for i in _referenced_by_body(text) & ids):
        return None
    document.lectio_refused = list(whole.lectio_refused) + list(laid.lectio_refused)
    document.lectio_layouts = (whole, laid)  # the layouts its pages (and their fonts) belong to
    return document


def _referenced_by_body(text: str) -> frozenset[str]:
    return frozenset().union(*map(xrefs.referenced, parts.parts(text, 1)[:-1]))


def _linked(page):
    """``page`` with its links written out into the body (``lectio-xref:#id``) made internal again."""
    page.links = [("internal", target, rectangle, box) if (target := xrefs.target(uri)) else
                  (kind, uri, rectangle, box) for kind, uri, rectangle, box in page.links]
    return page
