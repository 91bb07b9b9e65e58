"""The contents page: an XHTML page in the reading order, after the title page.

The navigation document (nav.xhtml) is for the reading system's own menu; many
readers never show it in the text, and a reader turning pages from the start
should meet a contents page as in print. The page is the nav's table of contents
(readings, their sections, the apparatus entries: pandoc's ``--toc-depth``) with
its links made relative to the text folder, under a "Contents" heading; the
nav's ``toc`` landmark points at it.
"""

from __future__ import annotations

import copy
import posixpath

from lectio.render.epub_xhtml import EPUB_NS, XHTML_NS, epub_types, make

CONTENTS_PAGE = "EPUB/text/contents.xhtml"
HEADING = "Contents"


def toc_list(nav_root):
    """The ``<ol>`` of the nav's table of contents, or None."""
    nav = next((n for n in nav_root.iter(f"{{{XHTML_NS}}}nav") if "toc" in epub_types(n)), None)
    return nav.find(f"{{{XHTML_NS}}}ol") if nav is not None else None


def count_entries(nav_root) -> int:
    """How many entries the table of contents has, at every depth."""
    items = toc_list(nav_root)
    return 0 if items is None else len(items.findall(f".//{{{XHTML_NS}}}li"))


def contents_page(nav_root, nav_name: str, language: str, title: str, stylesheet: str):
    """The contents page as an XHTML root, or None when the nav has no table of contents."""
    items = toc_list(nav_root)
    if items is None:
        return None
    items = copy.deepcopy(items)
    here = posixpath.dirname(CONTENTS_PAGE)
    for element in items.iter():
        element.attrib.pop("id", None)
        if element.get("href"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(nav_name), element.get("href")))
            element.set("href", posixpath.relpath(target, here))
    root = make("html", {"lang": language, "{http://www.w3.org/XML/1998/namespace}lang": language})
    head = make("head")
    head.append(make("meta", {"charset": "utf-8"}))
    head.append(make("title", {}, f"{HEADING}: {title}"))
    head.append(make("link", {"rel": "stylesheet", "type": "text/css",
                              "href": posixpath.relpath(stylesheet, here)}))
    body = make("body", {f"{{{EPUB_NS}}}type": "frontmatter"})
    section = make("section", {f"{{{EPUB_NS}}}type": "toc", "role": "doc-toc", "id": "contents",
                               "class": "contents", "aria-labelledby": "contents-title"})
    section.append(make("h1", {"id": "contents-title"}, HEADING))
    items.set("class", "contents")
    section.append(items)
    body.append(section)
    root.extend([head, body])
    return root


