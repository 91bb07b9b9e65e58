"""The seed's print book as a printer and a reader judge it: hyphenation by language tag,
note calls kept to their word and apart from numbers, the file size."""

from __future__ import annotations

import re

import pyphen
import pytest

from lectio.render import laidout

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
