"""The seed's print book as a printer and a reader judge it: hyphenation by language tag,
note calls kept to their word and apart from numbers, the file size, roman folios."""

from __future__ import annotations

import re

import pyphen
import pytest
from pypdf import PdfReader

from lectio.render import folios, laidout

pytestmark = pytest.mark.slow

BREAK = re.compile(r"([A-Za-z]+)-\n\s*([a-z]+)")


@pytest.fixture(scope="module")
def document(built):
    from lectio import pipeline
    from lectio.build import layout_pdf

    return layout_pdf(pipeline.check(built).book)


def line_breaks(pages) -> list[tuple[str, int]]:
    """Every word broken at a line's end: (the whole word, where it was cut)."""
    return [(head + tail, len(head)) for text in pages for head, tail in BREAK.findall(text)]


def test_an_american_text_tagged_en_is_hyphenated_with_american_patterns(seed_pages):
    us, gb = pyphen.Pyphen(lang="en_US"), pyphen.Pyphen(lang="en_GB")
    breaks = line_breaks(seed_pages)
    british = [f"{w[:cut]}-{w[cut:]}" for w, cut in breaks if cut in gb.positions(w) and cut not in us.positions(w)]
    american = [f"{w[:cut]}-{w[cut:]}" for w, cut in breaks if cut in us.positions(w) and cut not in gb.positions(w)]
    assert not british, british  # capit-als, defen-ded before
    assert american, breaks


def test_no_line_begins_with_a_note_call(document):
    assert laidout.stranded_calls(document) == []


def test_a_note_number_extracts_apart_from_the_year_before_it(seed_pages):
    text = "\n".join(seed_pages)
    assert re.search(r"April 1929\s+5\b", text), "the call 5 after April 1929"
    assert not re.search(r"\b19[0-9]{3}\b", text)  # a year with a note number fused to it: 19295


def test_the_seed_pdf_is_under_one_megabyte(seed_pdf):
    assert seed_pdf.stat().st_size < 1_000_000, seed_pdf.stat().st_size


def test_front_matter_has_roman_folios_and_the_first_reading_opens_at_1(seed_pdf, seed_pages, document):
    labels = PdfReader(seed_pdf).page_labels
    first_reading = next(n for n, text in enumerate(seed_pages) if text.startswith("M\n"))
    assert labels[:first_reading] == [folios.roman(n) for n in range(1, first_reading + 1)]
    assert labels[first_reading:] == [str(n) for n in range(1, len(labels) - first_reading + 1)]
    assert list(folios.page_labels(document)) == labels
    # each page prints its label: the running head's folio, or the folio at the foot of an opening
    for text, label in zip(seed_pages[6:], labels[6:]):
        lines = text.strip().splitlines()
        if lines:
            assert label in (lines[-1].split()[0], lines[-1].split()[-1]), (label, lines[-1])


def test_contents_gives_roman_numbers_for_the_front_matter(seed_pages):
    contents = next(text for text in seed_pages if text.startswith("Contents"))
    assert re.search(r"Note on the text[ .]*vii\n", contents), contents
    assert re.search(r"masses[ .]*1\n", contents), contents
