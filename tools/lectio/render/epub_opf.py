"""content.opf after pandoc: the title, the dates, the pagination source, accessibility and extra items.

The title is one ``dc:title``, "Title: Subtitle" (``full_title``), not a main
title refined by a second ``dc:title`` with ``title-type subtitle``: EPUB 3.3
keeps ``title-type`` but lets reading systems ignore refinements, and Apple Books,
Kobo, Google Play Books and Calibre show the first ``dc:title`` alone or run the
two together; retailers ask for the subtitle in the title field or in the
distributor's own subtitle field (docs/epub.md).

Accessibility metadata (EPUB Accessibility 1.1) states only what is true of the
book: the features lectio really writes (the page-list ones only with a
page-list), no hazards, a summary made from the edition's data. A conformance
claim (``dcterms:conformsTo``) and its certifier (``a11y:certifiedBy``) appear
only when the editor sets ``[edition] accessibility_conformance`` and
``accessibility_certifier``: lectio cannot certify a book.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lxml import etree

from lectio.config import Edition
from lectio.render import timestamps
from lectio.render.epub_xhtml import parse

OPF_NS, DC_NS = "http://www.idpf.org/2007/opf", "http://purl.org/dc/elements/1.1/"
CONTENTS_ID = "contents_xhtml"
REPLACED = ("schema:", "dcterms:modified", "dcterms:conformsTo", "a11y:", "pageBreakSource", "title-type")


@dataclass(frozen=True)
class Contents:
    """What the summary says of the book, from the edition's data: ``numbering`` as
    ``assemble.paragraph_numbering`` writes it (``A 1–12, B 1–30``), whether it has an apparatus."""

    numbering: str = ""
    apparatus: bool = False


@dataclass(frozen=True)
class Item:
    """A manifest item lectio adds; ``spine_after`` (an idref) puts it in the reading order."""

    id: str
    href: str
    media_type: str
    properties: str = ""
    spine_after: str | None = None


def full_title(edition: Edition) -> str:
    """The title, with the subtitle after a colon (no colon after a title ending in ?, ! or :)."""
    if not edition.subtitle:
        return edition.title
    joint = " " if edition.title.rstrip()[-1:] in "?!:." else ": "
    return edition.title.rstrip() + joint + edition.subtitle


def modified() -> str:
    """dcterms:modified: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    return timestamps.source_date() or datetime.datetime.now(datetime.timezone.utc).strftime(timestamps.ISO)


def rewrite_opf(data: bytes, edition: Edition, paged: bool, contents: Contents, items: list[Item]) -> bytes:
    root = parse(data)
    metadata = root.find(f"{{{OPF_NS}}}metadata")
    for meta in list(metadata.iter(f"{{{OPF_NS}}}meta")):
        if (meta.get("property") or "").startswith(REPLACED):
            metadata.remove(meta)
    for title in metadata.findall(f"{{{DC_NS}}}title")[1:]:
        metadata.remove(title)
    metadata.find(f"{{{DC_NS}}}title").text = full_title(edition)
    _meta(metadata, "dcterms:modified", modified())
    if paged:
        source = page_break_source(edition)
        _dc(metadata, "source", source)
        _meta(metadata, "pageBreakSource", source)
    for prop, value in accessibility(edition, paged, contents):
        _meta(metadata, prop, value)
    _add_items(root, items)
    _guide_to_contents(root, items)
    _append(metadata, etree.Element(f"{{{OPF_NS}}}meta", {"name": "cover", "content": "cover-image"}))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="utf-8") + b"\n"


def page_break_source(edition: Edition) -> str:
    """The print edition the page-list follows: its ISBN, else the edition's identifier and title."""
    if edition.isbn:
        return f"urn:isbn:{edition.isbn.replace('-', '')}"
    return f"{edition.identifier} (print edition of {full_title(edition)})"


def accessibility(edition: Edition, paged: bool, contents: Contents = Contents()) -> list[tuple[str, str]]:
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "displayTransformability",
                "alternativeText"]
    if paged:
        features += ["pageBreakMarkers", "pageNavigation", "printPageNumbers"]
    numbers = f" ({contents.numbering})" if contents.numbering else ""
    headed = "chapter, section and apparatus entry" if contents.apparatus else "chapter and section"
    summary = ("Text only, apart from the cover, whose image has a text alternative. The book has a contents "
               f"page, a table of contents and landmarks, and a heading for every {headed}; notes link to "
               f"their calls and back; paragraph numbers{numbers} are the same as in print.")
    if paged:
        summary += (" A page list gives the pages of the print edition; each marker stands before the first "
                    "word of its print page.")
    claims = [("dcterms:conformsTo", edition.accessibility_conformance)] if edition.accessibility_conformance else []
    if edition.accessibility_conformance and edition.accessibility_certifier:
        claims.append(("a11y:certifiedBy", edition.accessibility_certifier))
    return [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
            *(("schema:accessibilityFeature", f) for f in features),
            ("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary), *claims]


def _add_items(root, items: list[Item]) -> None:
    manifest, spine = root.find(f"{{{OPF_NS}}}manifest"), root.find(f"{{{OPF_NS}}}spine")
    for item in items:
        attributes = {"id": item.id, "href": item.href, "media-type": item.media_type}
        if item.properties:
            attributes["properties"] = item.properties
        _append(manifest, etree.Element(f"{{{OPF_NS}}}item", attributes))
        if item.spine_after is None:
            continue
        refs = [ref.get("idref") for ref in spine]
        where = refs.index(item.spine_after) + 1 if item.spine_after in refs else 0
        ref = etree.Element(f"{{{OPF_NS}}}itemref", {"idref": item.id})
        ref.tail = "\n    "
        spine.insert(where, ref)


def _guide_to_contents(root, items: list[Item]) -> None:
    """The EPUB 2 guide's ``toc`` (read by Kindle conversions) points at the contents page, when there is one."""
    page = next((item.href for item in items if item.id == CONTENTS_ID), None)
    for reference in root.iter(f"{{{OPF_NS}}}reference"):
        if page and reference.get("type") == "toc":
            reference.set("href", page)
            reference.set("title", "Contents")


def _meta(metadata, prop: str, value: str, refines: str | None = None) -> None:
    element = etree.Element(f"{{{OPF_NS}}}meta", {"property": prop})
    if refines:
        element.set("refines", refines)
    element.text = value
    _append(metadata, element)


def _dc(metadata, name: str, value: str) -> None:
    element = etree.Element(f"{{{DC_NS}}}{name}")
    element.text = value
    _append(metadata, element)


def _append(parent, element) -> None:
    if len(parent):
        parent[-1].tail = "\n    "
    element.tail = "\n  "
    parent.append(element)
