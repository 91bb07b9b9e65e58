"""nav.xhtml after pandoc: a page-list from the PDF's pages, and fuller landmarks.

pandoc's nav has the table of contents, nested to ``--toc-depth`` (chapters, the
sections of a reading, the apparatus entries), and one landmark (the title page).
lectio adds the page-list (one entry per PDF page, labelled with its printed
folio, pointing at the page-break markers) and landmarks for the cover, the title
page, the contents page (``toc``), the start of the body and the bibliography.
"""

from __future__ import annotations

import posixpath

from lectio.render.epub_contents import HEADING as CONTENTS_HEADING
from lectio.render.epub_xhtml import XHTML_NS, epub_types, local, make, serialize

NAV = "EPUB/nav.xhtml"


def rewrite_nav(root, chapters: dict[str, object], pages: list[tuple[int, str, str]],
                cover: str | None, contents: str | None = None) -> bytes:
    """``root`` is the parsed nav; ``pages`` (page, label, file) the page-list; ``contents`` the contents page."""
    body = root.find(f"{{{XHTML_NS}}}body")
    old = next((n for n in body.iter(f"{{{XHTML_NS}}}nav") if "landmarks" in epub_types(n)), None)
    if old is not None:
        body.remove(old)
    if contents:
        _list_contents_page(body, contents)
    if pages:
        body.append(page_list(pages))
    body.append(landmarks(_landmark_targets(chapters, cover, contents)))
    return serialize(root)


def href(member: str) -> str:
    """A zip member's address as seen from nav.xhtml."""
    return posixpath.relpath(member, posixpath.dirname(NAV))


def page_list(pages: list[tuple[int, str, str]]):
    nav = _nav("page-list", "doc-pagelist", "Pages of the print edition")
    items = nav[-1]
    for page, label, member in pages:
        item = make("li")
        item.append(make("a", {"href": f"{href(member)}#page-{page}"}, label))
        items.append(item)
    return nav


def _list_contents_page(body, contents: str) -> None:
    """The contents page as the table of contents' first entry (as the print bookmarks have it)."""
    nav = next((n for n in body.iter(f"{{{XHTML_NS}}}nav") if "toc" in epub_types(n)), None)
    items = nav.find(f"{{{XHTML_NS}}}ol") if nav is not None else None
    if items is not None:
        item = make("li")
        item.append(make("a", {"href": href(contents)}, CONTENTS_HEADING))
        items.insert(0, item)


def landmarks(targets: list[tuple[str, str, str]]):
    nav = _nav("landmarks", None, "Landmarks")
    nav[0].set("id", "landmarks-title")
    for kind, target, label in targets:
        item = make("li")
        item.append(make("a", {"href": target, "{http://www.idpf.org/2007/ops}type": kind}, label))
        nav[-1].append(item)
    return nav


def _nav(kind: str, role: str | None, title: str):
    attributes = {"{http://www.idpf.org/2007/ops}type": kind, "id": kind, "hidden": "hidden"}
    if role:
        attributes["role"] = role
    nav = make("nav", attributes)
    nav.text = nav.tail = "\n"
    nav.append(make("h2", {}, title))
    nav.append(make("ol"))
    return nav


def _landmark_targets(chapters: dict[str, object], cover: str | None,
                      contents: str | None) -> list[tuple[str, str, str]]:
    targets = [("cover", href(cover), "Cover")] if cover else []
    title_page = next((name for name in chapters if name.endswith("title_page.xhtml")), None)
    if title_page:
        targets.append(("titlepage", href(title_page), "Title page"))
    if contents:
        targets.append(("toc", href(contents), "Contents"))
    body = next((name for name, root in chapters.items() if _body_type(root) == "bodymatter"), None)
    if body:
        targets.append(("bodymatter", href(body), "Start of the text"))
    for name, root in chapters.items():
        section = next((s for s in root.iter(f"{{{XHTML_NS}}}section") if "bibliography" in epub_types(s)), None)
        if section is not None:
            targets.append(("bibliography", f"{href(name)}#{section.get('id')}", "Bibliography"))
    return targets


def _body_type(root) -> str:
    body = next((e for e in root if local(e) == "body"), None)
    return " ".join(epub_types(body)) if body is not None else ""
