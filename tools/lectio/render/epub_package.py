"""The EPUB after pandoc: what lectio changes in the package, and the zip it writes.

pandoc (sandboxed) cannot be given a stylesheet or a cover file, writes a
``dcterms:modified`` of 1970 and only a few accessibility properties. lectio
therefore opens the EPUB pandoc made and:

- fixes the XHTML (note back-links, ARIA roles, page titles; ``epub_xhtml``),
- puts page-break markers where the PDF's pages begin (``pagelist``),
- adds a cover (``cover``), the page-list and landmarks (``epub_nav``),
- writes the package metadata: subtitle, modified from SOURCE_DATE_EPOCH, the
  pagination source and EPUB Accessibility 1.1 properties,
- writes the zip with ``mimetype`` first and fixed dates, so that the same input
  gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from html import escape

from lxml import etree

from lectio.config import Edition
from lectio.render import cover, timestamps
from lectio.render.epub_nav import NAV, rewrite_nav
from lectio.render.epub_xhtml import add_backlinks, add_roles, parse, serialize, set_title
from lectio.render.pagelist import insert_pagebreaks

OPF = "EPUB/content.opf"
TEXT = "EPUB/text/"
TITLE_PAGE = TEXT + "title_page.xhtml"
COVER_IMAGE, COVER_PAGE = "EPUB/media/cover.png", TEXT + "cover.xhtml"
OPF_NS, DC_NS = "http://www.idpf.org/2007/opf", "http://purl.org/dc/elements/1.1/"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def finish(epub: bytes, edition: Edition, pages=None, replace: dict[str, bytes] | None = None,
           contents: "Contents | None" = None) -> bytes:
    """The finished EPUB from pandoc's; ``pages`` are the PDF's page starts (``pagemap``), ``contents``
    what the accessibility summary says of the book (its paragraph numbering, its apparatus)."""
    members = read_members(epub)
    chapters = {name: parse(data, name) for name, data in members.items()
                if name.startswith(TEXT) and name.endswith(".xhtml")}
    for root in chapters.values():
        add_backlinks(root)
        add_roles(root)
        set_title(root, edition.title)
    paged = insert_pagebreaks(chapters, pages, TITLE_PAGE) if pages else []
    members.update({name: serialize(root) for name, root in chapters.items()})
    members.update(replace or {})
    members[COVER_IMAGE] = cover.cover_png(edition)
    members[COVER_PAGE] = cover_page(edition)
    members[OPF] = rewrite_opf(members[OPF], edition, bool(paged), contents or Contents())
    members[NAV] = rewrite_nav(members[NAV], chapters, paged, COVER_PAGE)
    return write_zip(members)


def read_members(epub: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(epub)) as source:
        return {info.filename: source.read(info.filename) for info in source.infolist()}


def write_zip(members: dict[str, bytes]) -> bytes:
    """``mimetype`` first and stored; every member with the same date and mode."""
    buffer = io.BytesIO()
    names = ["mimetype"] + [name for name in members if name != "mimetype"]
    with zipfile.ZipFile(buffer, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr, info.create_system = 0o644 << 16, 3
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, members[name])
    return buffer.getvalue()


def modified() -> str:
    """dcterms:modified: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    return timestamps.source_date() or datetime.datetime.now(datetime.timezone.utc).strftime(timestamps.ISO)


def cover_page(edition: Edition) -> bytes:
    alt = escape(f"Cover: {edition.title}" + (f". {edition.subtitle}" if edition.subtitle else ""))
    language = escape(edition.language)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{language}" xml:lang="{language}">\n<head>\n'
            f'<meta charset="utf-8"/>\n<title>Cover</title>\n<style>body {{ margin: 0; text-align: center; }} '
            f'img {{ max-width: 100%; max-height: 100vh; }}</style>\n</head>\n<body epub:type="cover">\n'
            f'<img epub:type="cover" role="doc-cover" src="../media/cover.png" alt="{alt}"/>\n'
            f'</body>\n</html>\n').encode("utf-8")


def rewrite_opf(data: bytes, edition: Edition, paged: bool, contents: "Contents | None" = None) -> bytes:
    root = parse(data)
    metadata = root.find(f"{{{OPF_NS}}}metadata")
    for meta in list(metadata.iter(f"{{{OPF_NS}}}meta")):
        if (meta.get("property") or "").startswith(("schema:", "dcterms:modified", "a11y:", "pageBreakSource")):
            metadata.remove(meta)
    _titles(metadata, edition)
    _meta(metadata, "dcterms:modified", modified())
    if paged:
        source = f"urn:isbn:{edition.isbn}" if edition.isbn else \
            f"{edition.title}, print edition (PDF) made by lectio from the same sources"
        _dc(metadata, "source", source)
        _meta(metadata, "pageBreakSource", source)
    for prop, value in accessibility(edition, paged, contents or Contents()):
        _meta(metadata, prop, value)
    _add_cover(root, metadata)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + _tostring(root)


def _tostring(root) -> bytes:
    return etree.tostring(root, encoding="utf-8") + b"\n"


def _titles(metadata, edition: Edition) -> None:
    title = metadata.find(f"{{{DC_NS}}}title")
    if title is None or not edition.subtitle:
        return
    _meta(metadata, "title-type", "main", refines=f"#{title.get('id')}")
    _dc(metadata, "title", edition.subtitle, identifier="epub-subtitle")
    _meta(metadata, "title-type", "subtitle", refines="#epub-subtitle")


@dataclass(frozen=True)
class Contents:
    """What the summary says of the book, from the edition's data: ``numbering`` as
    ``assemble.paragraph_numbering`` writes it (``A 1–12, B 1–30``), whether it has an apparatus."""

    numbering: str = ""
    apparatus: bool = False


def accessibility(edition: Edition, paged: bool, contents: Contents = Contents()) -> list[tuple[str, str]]:
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "displayTransformability",
                "alternativeText"]
    if paged:
        features += ["pageBreakMarkers", "pageNavigation", "printPageNumbers"]
    numbers = f" ({contents.numbering})" if contents.numbering else ""
    headed = "chapter and apparatus entry" if contents.apparatus else "chapter"
    summary = ("Text only, apart from the cover, whose image has a text alternative. The book has a table of "
               f"contents, landmarks and a heading for every {headed}; notes link to their calls and back; "
               f"paragraph numbers{numbers} are the same as in print.")
    if paged:
        summary += (" A page list gives the pages of the print edition; each marker stands before the first "
                    "whole word of its print page.")
    certifier = edition.publisher or " and ".join(edition.editors)
    return [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual"),
            *(("schema:accessibilityFeature", f) for f in features),
            ("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", summary),
            ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
            ("a11y:certifiedBy", certifier)]


def _add_cover(root, metadata) -> None:
    manifest = root.find(f"{{{OPF_NS}}}manifest")
    for attributes in ({"id": "cover-image", "href": "media/cover.png", "media-type": "image/png",
                        "properties": "cover-image"},
                       {"id": "cover_xhtml", "href": "text/cover.xhtml", "media-type": "application/xhtml+xml"}):
        _append(manifest, etree.Element(f"{{{OPF_NS}}}item", attributes))
    spine = root.find(f"{{{OPF_NS}}}spine")
    spine.insert(0, etree.Element(f"{{{OPF_NS}}}itemref", {"idref": "cover_xhtml"}))
    spine[0].tail = "\n    "
    _append(metadata, etree.Element(f"{{{OPF_NS}}}meta", {"name": "cover", "content": "cover-image"}))


def _meta(metadata, prop: str, value: str, refines: str | None = None) -> None:
    element = etree.Element(f"{{{OPF_NS}}}meta", {"property": prop})
    if refines:
        element.set("refines", refines)
    element.text = value
    _append(metadata, element)


def _dc(metadata, name: str, value: str, identifier: str | None = None) -> None:
    element = etree.Element(f"{{{DC_NS}}}{name}", {"id": identifier} if identifier else {})
    element.text = value
    _append(metadata, element)


def _append(parent, element) -> None:
    if len(parent):
        parent[-1].tail = "\n    "
    element.tail = "\n  "
    parent.append(element)
