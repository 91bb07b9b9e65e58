"""The seed edition's EPUB: EPUBCheck, the page-list against the PDF, notes, metadata, cover."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from lectio import verify

pytestmark = pytest.mark.slow

NAME = "collectivization-reader"
NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def epub(built):
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes):
    return etree.fromstring(data)


def skeleton(text: str) -> str:
    """Letters only: spacing, hyphenation, note calls and paragraph numbers differ between the two."""
    return "".join(c for c in text if c.isalpha()).casefold()


def test_epubcheck_reports_no_error_and_no_warning(built):
    findings, counts = verify.verify_epub(built / "build" / f"{NAME}.epub")
    assert counts == {"errors": 0, "warnings": 0}, [str(f) for f in findings]


def test_page_list_has_every_pdf_page_and_each_entry_resolves(built, epub):
    folios = PdfReader(built / "build" / f"{NAME}.pdf").page_labels  # i, ii, … then 1, 2, … (every page)
    nav = xml(epub["EPUB/nav.xhtml"])
    links = nav.xpath('//h:nav[@epub:type="page-list"]//h:a', namespaces=NS)
    assert [a.text for a in links] == folios and folios[0] == "i" and "1" in folios
    for link in links:
        member, anchor = link.get("href").split("#")
        target = xml(epub[f"EPUB/{member}"]).xpath(f'//*[@id="{anchor}"]', namespaces=NS)
        assert target and target[0].get("{http://www.idpf.org/2007/ops}type") == "pagebreak"
        assert target[0].get("role") == "doc-pagebreak" and target[0].get("aria-label") == link.text


def words_after_markers(epub) -> dict[int, str]:
    """The text that follows each page-break marker, in reading order."""
    text = "".join(epub[n].decode() for n in sorted(epub) if re.match(r"EPUB/text/ch\d+\.xhtml", n))
    text = re.sub(r'<a [^>]*epub:type="noteref"[^>]*>.*?</a>', "", text)
    text = re.sub(r'<span class="pn">(<span[^>]*>[^<]*</span>)?[^<]*</span>', "", text)
    text = re.sub(r'<section [^>]*epub:type="footnotes".*?</section>', "", text, flags=re.S)
    found = {}
    for match in re.finditer(r'<span [^>]*id="page-(\d+)"[^>]*/>', text):
        following = re.sub(r"<[^>]+>", " ", text[match.end():match.end() + 600])
        found[int(match.group(1))] = skeleton(following)
    return found


def test_each_marker_stands_before_words_printed_on_that_pdf_page(built, epub):
    pages = [skeleton(page.extract_text()) for page in PdfReader(built / "build" / f"{NAME}.pdf").pages]
    checked = 0
    for page, following in words_after_markers(epub).items():
        if not pages[page - 1] or len(following) < 40:
            continue  # a blank page shares the next page's place
        # print-only generated text (", p. 14" after a passage reference) may cut the first words
        assert any(following[i:i + 20] in pages[page - 1] for i in range(0, 41, 8)), f"page {page}"
        checked += 1
    assert checked > len(pages) // 2


def test_every_note_links_back_to_its_call(epub):
    notes = 0
    for name, data in epub.items():
        if not name.startswith("EPUB/text/"):
            continue
        root = xml(data)
        for aside in root.xpath('//h:aside[@epub:type="footnote"]', namespaces=NS):
            back = aside.xpath('.//h:a[@role="doc-backlink"]', namespaces=NS)
            assert back, f"{name}#{aside.get('id')} has no back-link"
            call = root.xpath(f'//*[@id="{back[0].get("href")[1:]}"]')
            assert call and call[0].get("href") == f"#{aside.get('id')}"
            assert "".join(call[0].itertext()) + "." == back[0].text
            notes += 1
    assert notes > 40


def test_package_metadata_and_accessibility(epub):
    opf = xml(epub["EPUB/content.opf"])
    props = {}
    for meta in opf.xpath("//opf:meta[@property]", namespaces=NS):
        props.setdefault(meta.get("property"), []).append(meta.text)
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityHazard",
                 "schema:accessibilitySummary", "pageBreakSource"):
        assert props.get(prop), prop
    assert {"tableOfContents", "readingOrder", "structuralNavigation", "printPageNumbers",
            "pageBreakMarkers"} <= set(props["schema:accessibilityFeature"])
    assert not props["dcterms:modified"][0].startswith("1970")
    assert opf.xpath("//dc:source/text()", namespaces=NS)
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["en"]


def test_cover_image_and_landmarks(epub):
    opf = xml(epub["EPUB/content.opf"])
    cover = opf.xpath('//opf:item[@properties="cover-image"]', namespaces=NS)
    assert cover and epub["EPUB/" + cover[0].get("href")].startswith(b"\x89PNG")
    nav = xml(epub["EPUB/nav.xhtml"])
    kinds = nav.xpath('//h:nav[@epub:type="landmarks"]//h:a/@epub:type', namespaces=NS)
    assert {"cover", "titlepage", "bodymatter", "bibliography"} <= set(kinds)


def test_chapter_titles_are_their_headings(epub):
    titles = [xml(epub[n]).findtext("h:head/h:title", namespaces=NS) for n in epub if n.startswith("EPUB/text/ch")]
    assert titles and not [t for t in titles if t.endswith(".xhtml")]


def _ace_ready() -> bool:
    """Ace on the PATH or where benchmarks/ace.sh installs it (.ci/ace-setup does), and a Chromium."""
    home = Path(os.environ.get("ACE_HOME") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lectio-ace")
    ace = shutil.which("ace") or (home / "node_modules/.bin/ace-cli").is_file()
    return bool(ace and (shutil.which("chromium") or shutil.which("chromium-browser")))


@pytest.mark.skipif(not _ace_ready(), reason="Ace by DAISY or Chromium is not installed (bash .ci/ace-setup)")
@pytest.mark.parametrize("geometry", ["6x9 book", "a4 course-reader"])
def test_ace_finds_no_violation(built, a4_course_reader, geometry, tmp_path):
    root = built if geometry == "6x9 book" else a4_course_reader[0]
    done = subprocess.run(["bash", "benchmarks/ace.sh", str(root / "build" / f"{NAME}.epub"), str(tmp_path / "ace")],
                          capture_output=True, text=True, timeout=300, cwd=verify.__file__.rsplit("/tools/", 1)[0])
    assert done.returncode == 0, done.stdout + done.stderr
