"""The EPUB's page-list, exact to the word against the PDF for every page, blank ones included, at the
default 6×9 book and at an A4 course reader (the page-list follows the PDF's geometry)."""

from __future__ import annotations


import pikepdf
from pypdf import PdfReader
import pytest

from lectio import verify
from lectio.render.pagesetup import PageSetup
from tests.render.pagecheck import check

pytestmark = pytest.mark.slow
NAME = "collectivization-reader"


@pytest.fixture
def a4_reader(a4_course_reader):
    root, result = a4_course_reader
    assert result.exit_code == 0, result.output
    return root


def checks_of(root, trim: str, layout: str):
    pdf, epub = root / "build" / f"{NAME}.pdf", root / "build" / f"{NAME}.epub"
    with pikepdf.open(pdf) as opened:
        pages = len(opened.pages)
    return check(str(pdf), str(epub), PageSetup(trim, layout, pages=pages)), PdfReader(pdf).page_labels


@pytest.mark.parametrize("geometry", ["6x9 book", "a4 course-reader"])
def test_every_page_list_target_stands_before_the_first_word_of_its_pdf_page(built, a4_reader, geometry):
    root, trim, layout = (built, "6x9in", "book") if geometry == "6x9 book" else (a4_reader, "a4", "course-reader")
    checks, labels = checks_of(root, trim, layout)
    assert len(checks) == len(labels) and len(checks) % 2 == 0
    wrong = [c for c in checks if not c.exact]
    assert not wrong, "\n".join(f"p.{c.page}: PDF {c.pdf_words} EPUB {c.following!r} in {c.document}" for c in wrong)
    assert [c.label for c in checks] == labels
    assert any(c.broken for c in checks), "no page begins inside a hyphenated word: the case is not exercised"


def test_the_a4_course_reader_epub_passes_epubcheck(a4_reader):
    findings, counts = verify.verify_epub(a4_reader / "build" / f"{NAME}.epub")
    assert counts == {"errors": 0, "warnings": 0}, [str(f) for f in findings]


def test_blank_pages_stand_at_the_end_of_the_content_before_them(built):
    checks, _ = checks_of(built, "6x9in", "book")
    blanks = [c for c in checks if not c.pdf_words and c.page > 2]
    assert blanks, "the seed has blank versos"
    for blank in blanks:
        before = checks[blank.page - 2]
        assert blank.document == before.document and blank.epub_word == ""
