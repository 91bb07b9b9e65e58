"""The seed edition built end to end: what a reader gets in the PDF and the EPUB."""

from __future__ import annotations

import re
import zipfile

import pikepdf
import pytest
from pypdf import PdfReader

from lectio import verify

pytestmark = pytest.mark.slow

NAME = "collectivization-reader"


def pdf_text(built):
    reader = PdfReader(built / "build" / f"{NAME}.pdf")
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Extracted text without line breaks and the hyphens that broke words."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text))


def test_pdf_contains_both_readings_with_paragraph_numbers(built):
    pages = pdf_text(built)
    text = flat("\n".join(pages))
    assert "The essential impulse during the violent episodes" in text
    assert "Stalin effectively announced his break with Bukharin" in text
    assert re.search(r"M\s*1\b", text) and re.search(r"S\s*27\b", text)
    assert "Note on the text" in pages[4] or any("Note on the text" in p for p in pages[3:8])


def test_pdf_fonts_embedded_and_are_source_serif(built):
    findings, figures = verify.check_pdf(built / "build" / f"{NAME}.pdf")
    assert not [f for f in findings if f.code == "pdf.font-not-embedded"]
    assert figures["fonts"] and all(figures["fonts"].values())
    assert any("Source-Serif-Pro" in name for name in figures["fonts"])


def test_pdf_page_size_is_the_trim(built):
    with pikepdf.open(built / "build" / f"{NAME}.pdf") as pdf:
        width, height = [float(v) for v in pdf.pages[0].mediabox[2:]]
    assert (round(width), round(height)) == (432, 648)  # 6 x 9 in


def test_pdf_has_page_numbers(built):
    pages = pdf_text(built)
    labels = PdfReader(built / "build" / f"{NAME}.pdf").page_labels  # i, ii, … then 1, 2, …
    # the folio is in the running head ("10 TITLE", "Title 11") or at the foot: the last line extracted
    numbered = [label for label, page in zip(labels, pages)
                if page.strip() and re.search(rf"(^|\s){label}(\s|$)", page.strip().splitlines()[-1])]
    assert len(numbered) > len(pages) // 2


def test_epub_passes_epubcheck(built):
    findings = verify.check_epub(built / "build" / f"{NAME}.epub")
    errors = [str(f) for f in findings if f.severity == "error"]
    assert errors == []


def test_epub_paragraph_numbers_match_pdf(built):
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as epub:
        xhtml = "".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    for siglum, last in (("M", 12), ("S", 27)):
        assert f'id="{siglum}-1"' in xhtml and f'id="{siglum}-{last}"' in xhtml
        assert f'id="{siglum}-{last + 1}"' not in xhtml
    assert 'epub:type="footnote"' in xhtml and 'epub:type="noteref"' in xhtml


def test_epub_embeds_the_font(built):
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as epub:
        names = epub.namelist()
        css = epub.read("EPUB/styles/stylesheet1.css").decode("utf-8")
    assert any(n.endswith("SourceSerifPro-Regular.otf") for n in names)
    assert "@font-face" in css and "Source Serif Pro" in css
