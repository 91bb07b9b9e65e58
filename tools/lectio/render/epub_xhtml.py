"""pandoc's XHTML, read and written back with lxml, and the fixes lectio makes to it.

- Each pop-up note (``<aside epub:type="footnote">``) gets its number as a link
  back to its call (``role="doc-backlink"``), so a reader without pop-ups, or a
  reader who followed the note link, can return to the text.
- Sections whose ``epub:type`` has an ARIA counterpart get that ``role`` too
  (Ace asks for both).
- A note call's number is set in ``<sup>`` inside its link: the link keeps
  ``epub:type="noteref"`` and ``role="doc-noteref"`` (pop-ups in Apple Books,
  Kobo and others), and a reader that ignores ``epub|type`` selectors (epub.js,
  many web-based readers) still raises the number instead of running it into
  the text ("1929.1 He").

Footnotes stay pandoc's ``<aside epub:type="footnote" role="doc-footnote" id=…>``
at the end of their chapter, never ``hidden`` nor ``display: none``: Apple Books
hides an ``aside`` footnote from the page and shows it in a pop-up when its
``noteref`` is followed (Apple's asset guide), Kobo and Thorium do the same, and
a reader without pop-ups shows the notes at the end of the chapter, each with a
link back to its call (docs/epub.md).
"""

from __future__ import annotations

from lxml import etree

from lectio.errors import RenderError

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
ROLES = {"bibliography": "doc-bibliography", "introduction": "doc-introduction", "preface": "doc-preface",
         "chapter": "doc-chapter", "endnotes": "doc-endnotes", "conclusion": "doc-conclusion",
         "appendix": "doc-appendix", "index": "doc-index", "foreword": "doc-foreword", "prologue": "doc-prologue"}


def local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def make(tag: str, attributes: dict[str, str] | None = None, text: str | None = None):
    element = etree.Element(f"{{{XHTML_NS}}}{tag}", nsmap={None: XHTML_NS, "epub": EPUB_NS})
    for key, value in (attributes or {}).items():
        element.set(key, value)
    element.text = text
    return element


def parse(data: bytes, name: str = "EPUB"):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{name}: pandoc wrote XHTML that is not well-formed ({exc})",
                          fix="look for raw HTML in a note, a citation or the Note on the text that does not "
                              "close its tags", code="epub.xhtml") from None


def serialize(root) -> bytes:
    body = etree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + body + "\n").encode("utf-8")


def epub_types(element) -> list[str]:
    return (element.get(f"{{{EPUB_NS}}}type") or "").split()


def add_backlinks(root) -> int:
    """Give every footnote a numbered link back to its call; returns how many."""
    calls = {a.get("href", "")[1:]: a for a in root.iter(f"{{{XHTML_NS}}}a") if "noteref" in epub_types(a)}
    count = 0
    for aside in root.iter(f"{{{XHTML_NS}}}aside"):
        call = calls.get(aside.get("id", ""))
        if call is None or "footnote" not in epub_types(aside) or call.get("id") is None:
            continue
        number = "".join(call.itertext()).strip()
        link = make("a", {"href": f"#{call.get('id')}", "role": "doc-backlink", "class": "note-back",
                          "title": f"Back to the call of note {number}"}, f"{number}.")
        first = aside[0] if len(aside) and local(aside[0]) == "p" else aside
        link.tail = " " + (first.text or "")
        first.text = None
        first.insert(0, link)
        count += 1
    return count


def raise_calls(root) -> int:
    """Wrap each note call's number in ``<sup>`` (inside the link); returns how many."""
    count = 0
    for call in root.iter(f"{{{XHTML_NS}}}a"):
        if "noteref" not in epub_types(call) or any(local(child) == "sup" for child in call):
            continue
        sup = make("sup")
        sup.text, call.text = call.text, None
        for child in list(call):
            sup.append(child)
        call.append(sup)
        count += 1
    return count


def set_title(root, fallback: str) -> None:
    """pandoc titles each chapter file by its file name; use its first heading instead."""
    title = root.find(f"{{{XHTML_NS}}}head/{{{XHTML_NS}}}title")
    if title is None or not (title.text or "").endswith(".xhtml"):
        return
    heading = next(root.iter(f"{{{XHTML_NS}}}h1"), None)
    text = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    title.text = text or fallback


def add_roles(root) -> None:
    for element in root.iter(f"{{{XHTML_NS}}}section"):
        roles = [ROLES[kind] for kind in epub_types(element) if kind in ROLES]
        if roles and not element.get("role"):
            element.set("role", roles[0])
