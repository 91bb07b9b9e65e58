"""The seed's EPUB as reading systems see it: note calls, footnotes, navigation, contents page,
accessibility metadata, cover, title and the fonts shipped."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from lectio.render import epub_fonts, fonts
from tests.render.test_epub_book import NS as BOOK_NS
from tests.render.test_epub_book import epub, xml  # noqa: F401  (the module's EPUB fixture)

pytestmark = pytest.mark.slow

NS = {**BOOK_NS, "svg": "http://www.w3.org/2000/svg"}


def chapters(epub) -> dict:
    return {name: xml(data) for name, data in epub.items() if name.startswith("EPUB/text/ch")}


def opf_properties(epub) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    for meta in xml(epub["EPUB/content.opf"]).xpath("//opf:meta[@property]", namespaces=NS):
        props.setdefault(meta.get("property"), []).append(meta.text)
    return props


def test_note_calls_are_superscripts_inside_noteref_links(epub):
    calls = [a for root in chapters(epub).values()
             for a in root.xpath('//h:a[@epub:type="noteref"]', namespaces=NS)]
    assert len(calls) > 40
    for call in calls:
        assert call.get("role") == "doc-noteref"
        sups = call.xpath("h:sup", namespaces=NS)
        assert len(sups) == 1 and sups[0].text.isdigit() and not (call.text or "").strip()


def test_footnotes_are_asides_with_backlinks_and_never_hidden(epub):
    css = epub["EPUB/styles/stylesheet1.css"].decode()
    assert not re.search(r"(footnote|aside)[^{]*\{[^}]*display:\s*none", css)
    notes = 0
    for root in chapters(epub).values():
        calls = {a.get("href")[1:]: a for a in root.xpath('//h:a[@epub:type="noteref"]', namespaces=NS)}
        for aside in root.xpath('//h:aside[@epub:type="footnote"]', namespaces=NS):
            assert aside.get("role") == "doc-footnote" and aside.get("id") in calls
            assert aside.get("hidden") is None and aside.getparent().get("hidden") is None
            text = etree.tostring(root, encoding="unicode")  # Kobo pops up a short note after its call
            assert text.index(f'id="{aside.get("id")}"') > text.index(f'href="#{aside.get("id")}"')
            assert len("".join(aside.itertext())) < 5000
            back = aside.xpath('.//h:a[@role="doc-backlink"]', namespaces=NS)
            assert back and back[0].get("href") == "#" + calls[aside.get("id")].get("id")
            notes += 1
    assert notes > 40


def test_navigation_nests_sections_and_apparatus_entries(epub):
    nav = xml(epub["EPUB/nav.xhtml"])
    top = nav.xpath('//h:nav[@epub:type="toc"]/h:ol/h:li', namespaces=NS)
    entries = nav.xpath('//h:nav[@epub:type="toc"]//h:li', namespaces=NS)
    assert len(top) == 9 and len(entries) == 32  # … Bibliography, Index of names, Index of passages cited
    assert top[0].xpath("h:a/@href", namespaces=NS) == ["text/contents.xhtml"]
    compared = next(li for li in top if "Readings compared" in "".join(li.itertext()))
    nested = compared.xpath("h:ol/h:li/h:a/@href", namespaces=NS)
    assert len(nested) == 17 and all("#app-" in href for href in nested)
    introduction = next(li for li in top if "".join(li.xpath("h:a//text()", namespaces=NS)) == "Introduction")
    assert len(introduction.xpath("h:ol/h:li", namespaces=NS)) == 4


def test_contents_page_is_in_the_spine_after_the_title_page_and_is_the_toc_landmark(epub):
    opf = xml(epub["EPUB/content.opf"])
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine[:3] == ["cover_xhtml", "title_page_xhtml", "contents_xhtml"]
    assert opf.xpath('//opf:guide/opf:reference[@type="toc"]/@href', namespaces=NS) == ["text/contents.xhtml"]
    page = xml(epub["EPUB/text/contents.xhtml"])
    links = page.xpath('//h:section[@epub:type="toc"]//h:a/@href', namespaces=NS)
    nav_links = xml(epub["EPUB/nav.xhtml"]).xpath('//h:nav[@epub:type="toc"]//h:a/@href', namespaces=NS)
    assert links == [href.removeprefix("text/") for href in nav_links[1:]]  # all but itself
    for href in links:
        name, _, anchor = href.partition("#")
        assert xml(epub["EPUB/text/" + name]).xpath(f'//*[@id="{anchor}"]')
    landmarks = xml(epub["EPUB/nav.xhtml"]).xpath('//h:nav[@epub:type="landmarks"]//h:a', namespaces=NS)
    assert [a.get("href") for a in landmarks if a.get(f"{{{NS['epub']}}}type") == "toc"] == ["text/contents.xhtml"]


def test_accessibility_metadata_claims_no_conformance_nobody_configured(epub):
    props = opf_properties(epub)
    assert "a11y:certifiedBy" not in props and "dcterms:conformsTo" not in props
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityHazard",
                 "schema:accessibilitySummary"):
        assert props.get(prop), prop
    features = set(props["schema:accessibilityFeature"])
    assert {"tableOfContents", "structuralNavigation", "pageNavigation", "printPageNumbers"} <= features
    assert xml(epub["EPUB/nav.xhtml"]).xpath('//h:nav[@epub:type="page-list"]//h:a', namespaces=NS)


def test_the_title_is_one_dc_title_with_the_subtitle(epub):
    opf = xml(epub["EPUB/content.opf"])
    titles = opf.xpath("//dc:title/text()", namespaces=NS)
    assert titles == ["Collectivization: Two Readings: The break with Bukharin and the mass line, set side by side"]
    assert "title-type" not in opf_properties(epub)


def test_cover_is_an_svg_whose_height_follows_its_width(epub):
    page = xml(epub["EPUB/text/cover.xhtml"])
    svg = page.xpath("//svg:svg", namespaces=NS)[0]
    assert svg.get("viewBox") == "0 0 1600 2400" and svg.get("preserveAspectRatio") == "xMidYMid meet"
    assert svg.get("aria-label", "").startswith("Cover: ") and svg.get("role") == "img"
    style = page.findtext("h:head/h:style", namespaces=NS)
    assert "width: 100%; height: auto" in style and "vh" not in style  # no height a scrolled frame makes 0
    item = xml(epub["EPUB/content.opf"]).xpath('//opf:item[@href="text/cover.xhtml"]', namespaces=NS)[0]
    assert "svg" in item.get("properties").split()


def test_only_the_font_faces_the_text_uses_are_shipped(epub):
    shipped = sorted(name.rsplit("/", 1)[1] for name in epub if name.startswith("EPUB/fonts/"))
    assert shipped == ["SourceSerifPro-It.otf", "SourceSerifPro-Regular.otf", "SourceSerifPro-Semibold.otf"]
    css = epub["EPUB/styles/stylesheet1.css"].decode()
    assert sorted(re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)) == shipped
    roots = [xml(data) for name, data in epub.items() if name.endswith(".xhtml")]
    assert epub_fonts.used_faces(roots, css) == {(400, "normal"), (400, "italic"), (600, "normal")}
    manifest = xml(epub["EPUB/content.opf"]).xpath('//opf:item[starts-with(@href, "fonts/")]/@href', namespaces=NS)
    assert sorted(h.rsplit("/", 1)[1] for h in manifest) == shipped
    assert len(fonts.FACES) == 6


def test_bold_text_ships_the_bold_face():
    page = xml(b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>plain <strong>strong '
               b'<em>both</em></strong></p><pre>code only</pre></body></html>')
    css = 'body { font-family: "Source Serif Pro", serif; } p { font-weight: normal; }'
    assert epub_fonts.used_faces([page], css) == {(400, "normal"), (700, "normal"), (700, "italic")}
    assert epub_fonts.used_faces([page], css + " strong { font-weight: 600; }") == {
        (400, "normal"), (600, "normal"), (600, "italic")}
