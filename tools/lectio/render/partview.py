"""One part of a book laid out on its own, and what its layout steps see of the whole book.

A book laid out in parts (``render.parallel``) gives each part to ``pdf.layout`` with a :class:`Part`:

- WeasyPrint gets the part's HTML with its references to other parts written out (``xrefs``);
- the refine steps (``refine.STEPS``) get a :class:`View`: this part's laid-out pages at their place
  in the book, between stand-ins for the other parts' pages (their ids and print lines, from the last
  layout of those parts), so that a page range, a line locator or an index entry pointing into
  another part is written as it would be in one layout of the whole book;
- the part is padded to an even page count (the next part opens on a recto), the last one to the
  book's ``pad_to`` where its first page allows it;
- the gutter is chosen from the book's page count, not the part's.

:data:`WHOLE` is the whole book in one layout: every hook leaves things as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from lectio.render import laidout


class _Whole:
    """The book laid out in one piece."""

    def prepare(self, text: str) -> str:
        return text

    def view(self, document):
        return document

    def pad(self, pad_to: int) -> int:
        return pad_to

    def book_pages(self, pages: int) -> int:
        return pages

    def first_text(self, text: str) -> str:
        return text


WHOLE = _Whole()


@dataclass(frozen=True)
class PageFacts:
    """What the layout steps read from a page of another part: its ids (those that begin on it) and the
    name of its page group (``folios.main_matter_start``)."""

    anchors: tuple[str, ...]
    name: str = ""
    blank: bool = False


@dataclass(frozen=True)
class Elsewhere:
    """The other parts' pages before and after this part, and their print lines (pages numbered in the
    book, 1 to n)."""

    before: tuple[PageFacts, ...] = ()
    after: tuple[PageFacts, ...] = ()
    lines: tuple[laidout.FlowLine, ...] = ()


@dataclass(frozen=True)
class Part:
    """The hooks of ``pdf.layout`` for one part: ``elsewhere`` (the other parts, as last laid out),
    ``last`` (the book's last part) and ``ids`` (the ids of this part's HTML: references to any other
    id are written out by ``xrefs.written_out``)."""

    elsewhere: Elsewhere
    last: bool
    ids: frozenset[str] = field(default_factory=frozenset)
    resolved: tuple[tuple[str, str], ...] = ()  # id → printed folio, for references into other parts
    first_folio: int = 0  # the folio of the part's first page (0: the part numbers its pages itself)
    meeting: object = None  # a guessed first page: where the real Part is told (``rendezvous.Meeting``)

    @property
    def offset(self) -> int:
        return len(self.elsewhere.before)

    def prepare(self, text: str) -> str:
        from lectio.render import xrefs

        text = xrefs.written_out(text, self.ids, dict(self.resolved))
        if self.first_folio:
            rule = f"@page :first {{ counter-reset: page {self.first_folio}; }}"
            text = text.replace("</head>", f"<style>{rule}</style>\n</head>", 1)
        return text

    def view(self, document):
        return View(document, self.elsewhere)

    def pad(self, pad_to: int) -> int:
        return pad_to if self.last and self.offset % pad_to == 0 else 2

    def book_pages(self, pages: int) -> int:
        return self.offset + pages + len(self.elsewhere.after)

    def first_text(self, text: str) -> str:
        """The HTML of the part's first layout: for the book's last part, with what the refine steps
        (``refine.STEPS``) write from the other parts' pages alone (the pages and lines of the readings
        that "Readings compared" and an index print), so that its first layout can be its last. The
        other parts are laid out from their HTML: their steps read their own pages (the apparatus at
        the foot of the page), or pages after them, whose place depends on their own count."""
        if not self.last:
            return text
        from lectio.render import refine

        return refine.refined(text, View(None, self.elsewhere), frozenset())[0]


class FakePage:
    """A page of another part: its ids, and a page box with its page group's name and nothing in it."""

    def __init__(self, facts: PageFacts):
        self.anchors = dict.fromkeys(facts.anchors)
        empty = SimpleNamespace(children=(), element=None, descendants=lambda: iter(()))
        self._page_box = SimpleNamespace(page_type=SimpleNamespace(name=facts.name, blank=facts.blank),
                                         children=(empty,), descendants=lambda: iter(()))


class View:
    """A laid-out part at its place in the book, for the refine steps (they read ``pages`` and the
    print lines, ``lines.flow_lines``)."""

    def __init__(self, document, elsewhere: Elsewhere):
        self.document = document
        self.elsewhere = elsewhere
        self.pages = ([FakePage(p) for p in elsewhere.before] + list(document.pages if document else ())
                      + [FakePage(p) for p in elsewhere.after])

    def lectio_flow_lines(self) -> tuple[laidout.FlowLine, ...]:
        own = laidout.flow_lines(self) if self.document is not None else ()
        offset = len(self.elsewhere.before)
        before = tuple(line for line in self.elsewhere.lines if line.page <= offset)
        return before + own + tuple(line for line in self.elsewhere.lines if line.page > offset)


def page_facts(document) -> tuple[PageFacts, ...]:
    """Every page of a laid-out part as the other parts' steps see it."""
    out = []
    for page in document.pages:
        page_type = getattr(laidout.page_box(page), "page_type", None)
        out.append(PageFacts(tuple(page.anchors), getattr(page_type, "name", "") or "",
                             bool(getattr(page_type, "blank", False))))
    return tuple(out)
