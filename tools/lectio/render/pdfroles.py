"""What each piece of text on a laid-out page is, read from WeasyPrint's boxes before the PDF is written.

WeasyPrint tags every text box as a ``Span`` with a marked-content id (MCID) and
builds its structure tree from the boxes, but the tree cannot say that a span is a
paragraph number in the margin, a footnote or a passage in another language. The
laid-out document can: each text box carries its element (class, id) and its
computed ``lang``. ``collect`` returns, page by page, the text boxes with their
role, keyed by where WeasyPrint draws them (the text matrix: ``position_x``,
``position_y + baseline``, in CSS px), so that :mod:`lectio.render.pdftags` can find
the same text in the page's content stream. It also collects each link's readable
description (its ``title``, ``aria-label`` or text) by ``href``.

Roles are found by class, not by text: ``span.pn`` (paragraph numbers, set in the
margin), ``.footnote`` (the note's body, not its ``::footnote-call``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType

from lectio.render import laidout, xrefs

MATCH_PX = 0.05  # the text matrix is written with six decimals
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Role:
    """One text box: in the margin (an artifact), in a footnote (its id), its language."""

    x: float
    y: float
    margin: bool = False
    note: str = ""
    lang: str = ""


@dataclass(frozen=True)
class PageRoles:
    texts: tuple[Role, ...] = ()

    def at(self, x: float, y: float) -> Role | None:
        """The text box drawn at (x, y), if any."""
        for role in self.texts:
            if abs(role.x - x) <= MATCH_PX and abs(role.y - y) <= MATCH_PX:
                return role
        return None


@dataclass(frozen=True)
class Roles:
    pages: tuple[PageRoles, ...]
    links: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    lang: str = ""


@dataclass(frozen=True)
class _Context:
    margin: bool = False
    note: str = ""
    where: tuple[str, ...] = ()  # the titles of the sections around, outermost first


@dataclass
class _Found:
    texts: list[Role] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # href → the link's text (or title)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id → the sections around it


def collect(document, lang: str) -> Roles:
    """The roles of every page's text boxes and the links' descriptions."""
    pages, found = [], _Found()
    for page in document.pages:
        found.texts = []
        box = laidout.page_box(page)
        if box is not None:
            _walk(box, _Context(), found)
        pages.append(PageRoles(tuple(found.texts)))
    links = {href: describe(text, found.places.get(href[1:], ()) if href.startswith("#") else ())
             for href, text in found.links.items()}
    return Roles(tuple(pages), MappingProxyType(links), lang)


def describe(text: str, where: tuple[str, ...]) -> str:
    """A link's description: its text, with the titles of the sections it leads to when the text says less."""
    place = ": ".join(where)
    if not place or place in text:
        return text
    return place if not text or text in place else f"{text}, {place}"


def _walk(box, context: _Context, found: _Found) -> None:
    context = _context(box, context)
    _element(box, context, found)
    if type(box).__name__ == "TextBox":
        found.texts.append(Role(box.position_x, box.position_y + box.baseline, context.margin, context.note,
                                _lang(box)))
        return
    for child in getattr(box, "children", ()):
        _walk(getattr(child, "_box", child), context, found)  # an absolute placeholder wraps its box


def _context(box, context: _Context) -> _Context:
    element, tag = getattr(box, "element", None), getattr(box, "element_tag", "") or ""
    if element is None or tag == "":
        return context
    classes = (element.get("class") or "").split()
    if ("pn" in classes or "ln" in classes) and "::" not in tag:
        return replace(context, margin=True)
    if "footnote" in classes and not tag.endswith("::footnote-call") and not context.note:
        return replace(context, note=element.get("id") or "note")
    if tag == "section":
        title = element.get("data-title") or _heading(element)
        return replace(context, where=context.where + (title,)) if title and title not in context.where else context
    return context


def _heading(element) -> str:
    for child in element:
        if str(child.tag).rsplit("}", 1)[-1] in HEADINGS:
            return _text(child)
    return ""


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _lang(box) -> str:
    try:
        return str(box.style["lang"] or "")
    except KeyError:
        return ""


def _element(box, context: _Context, found: _Found) -> None:
    """A link's text and an id's place, from the box of their element."""
    element, tag = getattr(box, "element", None), getattr(box, "element_tag", "") or ""
    if element is None or "::" in tag:
        return
    if element.get("id"):
        found.places.setdefault(element.get("id"), context.where)
    href = element.get("href")
    if tag == "a" and href:
        text = element.get("aria-label") or element.get("title") or _text(element)
        found.links.setdefault(href, text)
        if target := xrefs.target(href):  # written out into another layout (``xrefs``), and linked there again
            found.links.setdefault("#" + target, text)
