"""The seed edition as a printed book (6x9in, book layout): boxes, fonts, parity,
running heads, chapters on rectos, notes per chapter, margin numbers, preflight."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from lectio import verify
from lectio.verify import preflight
from tests.render.runs import text_runs

pytestmark = pytest.mark.slow

NAME = "collectivization-reader"
TITLE_HEAD = "COLLECTIVIZATION: TWO READINGS"


@pytest.fixture(scope="module")
def pdf(seed_pdf):
    return seed_pdf


@pytest.fixture(scope="module")
def pages(seed_pages):
    return seed_pages


@pytest.fixture(scope="module")
def labels(pdf) -> list[str]:
    """The page labels the PDF gives its pages (its folios: i, ii, … then 1, 2, …)."""
    return PdfReader(pdf).page_labels


@pytest.fixture(scope="module")
def chapters(pdf):
    """Level-1 bookmarks: title → page number (1-based)."""
    reader = PdfReader(pdf)
    return {item.title: reader.get_destination_page_number(item) + 1
            for item in reader.outline if not isinstance(item, list)}


def test_trim_box_is_6x9_and_no_bleed(pdf):
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            assert [round(float(v)) for v in page.trimbox] == [0, 0, 432, 648]
            assert [round(float(v)) for v in page.mediabox] == [0, 0, 432, 648]


def test_page_count_is_even(pdf):
    with pikepdf.open(pdf) as document:
        assert len(document.pages) % 2 == 0


def test_only_real_book_faces_embedded(pdf):
    findings, figures = verify.check_pdf(pdf)
    assert figures["fonts"] and all(figures["fonts"].values())
    # the book face, and lectio's face of the supplied-text brackets (render/signfont.py) where the book has them
    assert all(name.startswith(("Source-Serif-Pro", "Lectio-Signs")) for name in figures["fonts"]), figures["fonts"]
    assert any(name.startswith("Lectio-Signs") for name in figures["fonts"]), "the seed prints ⟨ ⟩ in S 19"
    assert not figures["synthesized"]
    assert not [f for f in findings if f.severity == "error" or f.code == "pdf.other-font"]


def test_chapters_open_on_rectos(chapters):
    for title in ("Note on the text", "Introduction", "Readings compared", "Bibliography"):
        assert chapters[title] % 2 == 1, (title, chapters[title])
    assert all(page % 2 == 1 for page in chapters.values()), chapters


def test_running_heads_and_folios(pages, chapters, labels):
    start = chapters["Introduction"]
    verso, recto = pages[start], pages[start + 1]  # the pages after the chapter opening
    # margin boxes are drawn after the text: the head is the last line extracted
    assert f"{labels[start]} {TITLE_HEAD}" in verso.splitlines()
    assert f"Introduction {labels[start + 1]}" in recto.splitlines()


def test_no_running_head_on_chapter_openings(pages, chapters, labels):
    for title, number in chapters.items():
        if title == "Contents":
            continue
        text = pages[number - 1]
        assert TITLE_HEAD not in text, title
        assert text.rstrip().endswith(labels[number - 1]), title  # the folio dropped to the foot


def test_blank_pages_are_blank(pages):
    assert any(not text.strip() for text in pages)
    for number, text in enumerate(pages, start=1):
        assert not re.fullmatch(r"\s*\d+\s*", text), f"page {number} has only a folio"


def test_contents_gives_page_numbers(pages, chapters, labels):
    contents = next(text for text in pages[:8] if text.startswith("Contents"))
    assert re.search(rf"Note on the text[ .]*{labels[chapters['Note on the text'] - 1]}\b", contents)
    assert re.search(rf"Bibliography[ .]*{labels[chapters['Bibliography'] - 1]}\b", contents)


def test_front_matter_order(pages):
    assert pages[0].strip() == TITLE_HEAD  # half-title
    assert not pages[1].strip()
    assert pages[2].startswith("Collectivization: Two Readings")
    assert "Set in Source Serif Pro" in pages[3] and "Identifier" in pages[3]


def test_sigla_in_small_caps_extract_as_text(pages):
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert "(M 1–12, S 1–27)" in text  # the Note on the text names the edition's own sigla and ranges


def test_notes_restart_in_each_chapter(pages, chapters):
    compared = "\n".join(pages[chapters["Readings compared"] - 1:chapters["Bibliography"] - 1])
    notes = [int(n) for n in re.findall(r"^(\d+)\. ", compared, re.M)]
    assert notes and notes[0] == 1 and max(notes) < 38


def test_paragraph_numbers_in_outer_margin(pdf, chapters):
    reader = PdfReader(pdf)
    width = float(reader.pages[0].mediabox.width)
    seen = {"left": 0, "right": 0}
    for index, page in enumerate(reader.pages[:chapters["Readings compared"] - 1]):  # there "M 7" are links
        for text, x in text_runs(page):
            if re.fullmatch(r"[MS] \d+", text.strip()):
                recto = index % 2 == 0
                assert (x > width * 0.85) if recto else (x < width * 0.15), (index + 1, text, x)
                seen["right" if recto else "left"] += 1
    assert seen["left"] and seen["right"]


def test_metadata_and_bookmarks(pdf):
    _, figures = preflight.check(pdf)
    meta = figures["metadata"]
    assert meta["title"] == "Collectivization: Two Readings" and meta["lang"] == "en"
    assert meta["author"] and meta["bookmarks"] >= 6


def test_preflight_report_names_boxes_fonts_and_spine(pdf):
    _, figures = preflight.check(pdf)
    report = "\n".join(preflight.report_lines(figures))
    assert "TrimBox   6.000 × 9.000 in (152.4 × 228.6 mm)" in report
    assert "on white paper" in report and "on cream paper" in report
    assert f"pages     {figures['pages']} (even" in report
