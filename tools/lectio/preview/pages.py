"""The pages as served: each EPUB page with the preview's bar (contents, previous, next, the
build's status), ``check``'s findings and the reload script; and the index page.

Everything the preview adds is built with lxml elements whose text is set as text, so a
finding that quotes the editor's file (``<script>`` included) is shown, never run.
"""

from __future__ import annotations

from lxml import etree

from lectio.preview.assets import PREFIX
from lectio.preview.printview import ROUTE
from lectio.preview.site import Site
from lectio.render.epub_nav import NAV
from lectio.render.epub_package import STYLESHEET

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"


def _el(tag: str, text: str = "", parent=None, **attrs):
    attrs = {("class" if k == "class_" else k): v for k, v in attrs.items()}
    element = etree.Element(f"{{{XHTML}}}{tag}", attrs, nsmap={None: XHTML}) if parent is None else \
        etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrs)
    element.text = text or None
    return element


def findings_panel(site: Site):
    """The errors and warnings of the last build, each with its place, code and fix; None when none."""
    shown = site.shown()
    if not shown:
        return None
    errors = len(site.errors)
    panel = _el("section", id="lectio-findings", role="status",
                class_="lectio-findings" + (" lectio-has-errors" if errors else ""))
    heading = f"{errors} error(s), {len(shown) - errors} warning(s) from lectio check"
    _el("strong", heading, panel)
    if site.stale:
        _el("p", "The edition has errors: these pages are from the last build that had none.", panel,
            class_="lectio-stale")
    listing = _el("ol", "", panel)
    for finding in shown:
        item = _el("li", "", listing, class_=f"lectio-finding lectio-finding-{finding.severity}")
        _el("span", str(finding.location), item, class_="lectio-where").tail = " "
        _el("span", finding.severity, item, class_="lectio-severity").tail = ": " + finding.message + " "
        _el("span", f"[{finding.code}]", item, class_="lectio-code")
        if finding.fix:
            _el("span", f"fix: {finding.fix}", item, class_="lectio-fix")
    return panel


def bar(site: Site, name: str):
    """Links to the contents and to the previous and next pages, and the build's version and time."""
    element = _el("nav", "", class_="lectio-bar", id="lectio-bar")
    _el("a", "Contents", element, href="/")
    if name in site.spine:
        where = site.spine.index(name)
        if where > 0:
            _el("a", "Previous", element, href="/" + site.spine[where - 1], rel="prev")
        if where + 1 < len(site.spine):
            _el("a", "Next", element, href="/" + site.spine[where + 1], rel="next")
    if site.book_version:
        _el("a", "Print layout (PDF)", element, href=ROUTE,
            title="laid out with WeasyPrint when opened: it takes a while")
    status = f"build {site.version}, {site.seconds:.1f} s" if site.version else "the first build is under way"
    _el("span", status, element, class_="lectio-status")
    return element


def decorate(site: Site, name: str, data: bytes) -> bytes:
    """An EPUB page with the bar and the findings first in its body, and the reload script."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    _preview_head(root, site)
    body = root.find(f"{{{XHTML}}}body")
    added = [bar(site, name), findings_panel(site)]
    for offset, element in enumerate(e for e in added if e is not None):
        body.insert(offset, element)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _preview_head(root, site: Site) -> None:
    root.set("data-lectio-version", str(site.version))
    head = root.find(f"{{{XHTML}}}head")
    head.append(_el("link", rel="stylesheet", type="text/css", href=PREFIX + "preview.css"))
    script = _el("script", "", src=PREFIX + "reload.js", defer="defer")
    script.text = ""  # <script …></script>, never <script/>
    head.append(script)


def index_page(site: Site) -> bytes:
    """The edition's title, the bar, the findings, and the EPUB's table of contents, linked to the pages."""
    nav = etree.fromstring(site.members[NAV]) if NAV in site.members else None
    root = _el("html", **({"lang": nav.get("lang")} if nav is not None and nav.get("lang") else {}))
    head = _el("head", "", root)
    _el("meta", "", head, charset="utf-8")
    _el("title", f"{site.title} (preview)", head)
    if STYLESHEET in site.members:
        _el("link", "", head, rel="stylesheet", type="text/css", href="/" + STYLESHEET)
    body = _el("body", "", root)
    _el("h1", site.title, body)
    _preview_head(root, site)
    body.append(bar(site, ""))
    panel = findings_panel(site)
    if panel is not None:
        body.append(panel)
    body.append(_contents(nav))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _contents(nav):
    """The nav document's table of contents, its links made absolute (``/EPUB/text/…``)."""
    section = _el("section", "", id="lectio-contents")
    if nav is None:
        _el("p", "Nothing to show yet: the edition has not built without errors.", section)
        return section
    tocs = [n for n in nav.iter(f"{{{XHTML}}}nav") if n.get(f"{{{EPUB_NS}}}type") == "toc"]
    listing = tocs[0].find(f"{{{XHTML}}}ol") if tocs else None
    if listing is not None:
        for link in listing.iter(f"{{{XHTML}}}a"):
            link.set("href", "/" + NAV.rsplit("/", 1)[0] + "/" + link.get("href", ""))
        section.append(listing)
    return section
