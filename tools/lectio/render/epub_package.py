"""The EPUB after pandoc: what lectio changes in the package, and the zip it writes.

pandoc (sandboxed) cannot be given a stylesheet, fonts or a cover file, writes a
``dcterms:modified`` of 1970 and only a few accessibility properties. lectio
therefore opens the EPUB pandoc made and:

- fixes the XHTML (note calls in ``<sup>``, note back-links, ARIA roles, page
  titles; ``epub_xhtml``),
- adds a contents page after the title page (``epub_contents``) and a cover,
- puts page-break markers where the PDF's pages begin (``pagelist``),
- writes the stylesheet with ``@font-face`` rules for the faces the text uses, and
  ships those font files only (``epub_fonts``),
- rewrites the nav (page-list, landmarks; ``epub_nav``) and the package metadata
  (``epub_opf``),
- writes the zip with ``mimetype`` first and fixed dates, so that the same input
  gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from html import escape

from lectio.config import Edition
from lectio.render import cover, epub_fonts, fonts
from lectio.render.epub_contents import CONTENTS_PAGE, contents_page
from lectio.render.epub_nav import NAV, rewrite_nav
from lectio.render.epub_opf import CONTENTS_ID, Contents, Item, full_title, rewrite_opf
from lectio.render.epub_xhtml import add_backlinks, add_roles, parse, raise_calls, serialize, set_title
from lectio.render.epublines import insert_line_anchors
from lectio.render.pagelist import insert_pagebreaks

OPF = "EPUB/content.opf"
TEXT = "EPUB/text/"
TITLE_PAGE = TEXT + "title_page.xhtml"
STYLESHEET = "EPUB/styles/stylesheet1.css"
COVER_IMAGE, COVER_PAGE = "EPUB/media/cover.png", TEXT + "cover.xhtml"
FONTS = "EPUB/fonts/"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def finish(epub: bytes, edition: Edition, stylesheet, pages=None, contents: Contents = Contents(),
           labels: list[str] | None = None, line_anchors=()) -> bytes:
    """The finished EPUB from pandoc's. ``stylesheet(faces)`` is the CSS with the @font-face rules of
    ``faces`` (None: all); ``pages`` are the PDF's page starts (``pagemap``), ``labels`` their printed
    folios; ``contents`` what the accessibility summary says of the book; ``line_anchors`` an anchor per
    print line (``epublines``)."""
    members = read_members(epub)
    chapters = {name: parse(data, name) for name, data in members.items()
                if name.startswith(TEXT) and name.endswith(".xhtml")}
    for root in chapters.values():
        raise_calls(root)
        add_backlinks(root)
        add_roles(root)
        set_title(root, edition.title)
    nav = parse(members[NAV], NAV)
    page = contents_page(nav, NAV, edition.language, edition.title, STYLESHEET)
    if page is not None:
        chapters = _after(chapters, TITLE_PAGE, CONTENTS_PAGE, page)
    paged = insert_pagebreaks(chapters, pages, TITLE_PAGE, labels) if pages else []
    insert_line_anchors(chapters, line_anchors)
    members.update({name: serialize(root) for name, root in chapters.items()})
    members[COVER_IMAGE] = cover.cover_png(edition)
    members[COVER_PAGE] = cover_page(edition)
    faces = epub_fonts.used_faces([*chapters.values(), nav, parse(members[COVER_PAGE])],
                                  stylesheet(()).decode("utf-8"))
    members[STYLESHEET] = stylesheet(faces)
    shipped = fonts.font_files(faces=faces)
    members.update({FONTS + path.name: path.read_bytes() for path in shipped})
    items = _items(shipped, page is not None)
    members[OPF] = rewrite_opf(members[OPF], edition, bool(paged), contents, items)
    members[NAV] = rewrite_nav(nav, chapters, paged, COVER_PAGE, CONTENTS_PAGE if page is not None else None)
    return write_zip(members)


def _after(chapters: dict, before: str, name: str, root) -> dict:
    """``chapters`` in reading order with ``name`` right after ``before`` (first when absent)."""
    names = list(chapters)
    where = names.index(before) + 1 if before in names else 0
    names.insert(where, name)
    return {n: (root if n == name else chapters[n]) for n in names}


def _items(shipped, with_contents: bool) -> list[Item]:
    items = [Item("cover-image", "media/cover.png", "image/png", "cover-image"),
             Item("cover_xhtml", "text/cover.xhtml", "application/xhtml+xml", "svg", spine_after="")]
    if with_contents:
        items.append(Item(CONTENTS_ID, "text/contents.xhtml", "application/xhtml+xml",
                          spine_after="title_page_xhtml"))
    items += [Item(f"font-{path.stem}", f"fonts/{path.name}", "font/otf") for path in shipped]
    return items


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


def cover_page(edition: Edition) -> bytes:
    """The cover as an SVG whose ``viewBox`` keeps the image's proportions: its width is the page's and
    its height follows from the width, with no viewport unit. A scrolled reader sizes its frame to the
    content (epub.js: a cover of ``height: 95vh`` or ``100%`` gets a frame of height 0, measured with
    benchmarks/screenshots.sh), and a paginated one caps images and SVGs to the page (epub.js does)."""
    width, height = cover.SIZE
    alt = escape(f"Cover: {full_title(edition)}")
    language = escape(edition.language)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{language}" xml:lang="{language}">\n<head>\n'
            f'<meta charset="utf-8"/>\n<title>Cover</title>\n<style>html, body {{ margin: 0; padding: 0; }} '
            f'body {{ text-align: center; }} svg {{ display: block; margin: 0 auto; width: 100%; height: auto; }}'
            f'</style>\n</head>\n<body epub:type="cover">\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
            f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="{alt}" '
            f'epub:type="cover"><title>{alt}</title>'
            f'<image width="{width}" height="{height}" xlink:href="../media/cover.png"/></svg>\n'
            f'</body>\n</html>\n').encode("utf-8")
