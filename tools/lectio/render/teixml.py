"""Small helpers for building a TEI document with lxml: namespaced elements, text that
XML can hold, unique ``xml:id`` values, and the HTML fragments lectio formats (notes,
bibliography entries, the Note on the text) turned into TEI phrase-level markup.

The TEI writer (:mod:`lectio.render.tei`) builds the whole document as an lxml tree, so
every character of an editor's text is escaped by the serializer, never by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree, html as lxml_html

from lectio.render.ids import unique
from lectio.render.sanitize import safe_url

NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._-]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("", text)


def element(parent, tag: str, text: str = "", **attrs: str):
    """A new TEI element ``tag`` (``parent`` None: a root) with its attributes and text."""
    attrib = {_attr_name(k): xml_text(v) for k, v in attrs.items() if v is not None and v != ""}
    made = etree.Element(f"{{{NS}}}{tag}", attrib, nsmap={None: NS}) if parent is None else \
        etree.SubElement(parent, f"{{{NS}}}{tag}", attrib)
    if text:
        made.text = xml_text(text)
    return made


def _attr_name(name: str) -> str:
    return {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name)


def block(parent, tag: str, text: str = "", **attrs: str):
    """An element of element-only content (a paragraph in a ``div``): on a line of its own."""
    made = element(parent, tag, text, **attrs)
    if len(parent) == 1 and not parent.text:
        parent.text = "\n"
    made.tail = "\n"
    return made


def append_text(parent, text: str) -> None:
    """Add ``text`` at the end of ``parent``'s content."""
    text = xml_text(text)
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def local(node) -> str:
    return etree.QName(node).localname


@dataclass
class Ids:
    """The ``xml:id`` values of one document: each given once (a second request gets ``-2``, ``-3``)."""

    taken: set[str] = field(default_factory=set)

    def new(self, wanted: str) -> str:
        return unique(ncname(wanted), self.taken)


def ncname(text: str) -> str:
    """``text`` as an XML name without a colon (an ``xml:id``): other characters become ``_``,
    and a name that would not start with a letter or ``_`` gets ``id-`` before it."""
    name = _NOT_NAME.sub("_", text) or "_"
    return name if re.match(r"[A-Za-z_]", name) else f"id-{name}"


# HTML element → (TEI element, its attributes); None: its content only
PHRASES = {
    "em": ("hi", {"rend": "italic"}), "i": ("hi", {"rend": "italic"}), "cite": ("hi", {"rend": "italic"}),
    "strong": ("hi", {"rend": "bold"}), "b": ("hi", {"rend": "bold"}), "u": ("hi", {"rend": "underline"}),
    "sup": ("hi", {"rend": "superscript"}), "sub": ("hi", {"rend": "subscript"}),
    "s": ("hi", {"rend": "strikethrough"}), "del": ("hi", {"rend": "strikethrough"}),
    "code": ("hi", {"rend": "code"}), "q": ("q", {}),
}
BLOCKS = {"p": "p", "ul": "list", "ol": "list", "li": "item", "blockquote": "quote"}


def html_into(parent, markup: str, bibliography: dict[str, str], blocks: bool = True) -> None:
    """Append the HTML fragment ``markup`` (already sanitized by the HTML writers' rules) to
    ``parent`` as TEI; with ``blocks`` False, paragraphs and lists are flattened into phrases
    (a ``bibl`` holds no paragraph). A citation's span points to its bibliography entries."""
    markup = xml_text(markup)
    if not markup.strip():
        return
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    _children_into(parent, root, bibliography, blocks)


def _children_into(parent, source, bibliography: dict[str, str], blocks: bool) -> None:
    append_text(parent, source.text or "")
    for child in source:
        if isinstance(child.tag, str):
            _node_into(parent, child, bibliography, blocks)
        append_text(parent, child.tail or "")


def _node_into(parent, node, bibliography: dict[str, str], blocks: bool) -> None:
    tag = node.tag.lower()
    if tag in ("script", "style"):
        return
    target = _target(parent, node, tag, bibliography, blocks)
    _children_into(target, node, bibliography, blocks)


def _target(parent, node, tag: str, bibliography: dict[str, str], blocks: bool):
    """The TEI element ``node``'s content goes into (``parent`` itself for a transparent one)."""
    if tag == "br":
        return element(parent, "lb")
    if tag in PHRASES:
        name, attrs = PHRASES[tag]
        return element(parent, name, **attrs)
    if tag == "a":
        href = (node.get("href") or "").strip()
        return element(parent, "ref", target=href) if href and safe_url(href) else parent
    if tag == "span":
        return _span(parent, node, bibliography)
    if blocks and tag in BLOCKS:
        attrs = {"rend": "numbered" if tag == "ol" else "bulleted"} if tag in ("ul", "ol") else {}
        return element(parent, BLOCKS[tag], **attrs)
    return parent


def _span(parent, node, bibliography: dict[str, str]):
    classes = (node.get("class") or "").split()
    if "smallcaps" in classes or "small-caps" in classes:
        return element(parent, "hi", rend="small-caps")
    if "citation" in classes:
        keys = [bibliography[k] for k in (node.get("data-cites") or "").split() if k in bibliography]
        if keys:
            return element(parent, "ref", type="citation", target=" ".join(f"#{k}" for k in keys))
    return parent
