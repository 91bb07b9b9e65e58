"""The index that anchors passages once per reading finds exactly what the plain scan finds.

``anchoring.find`` folds and searches every paragraph for every passage; ``quoteindex``
folds each reading once and looks passages up in sampled q-grams. The two must give
the same places, in the same order, for any text, quotation, prefix and suffix.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hypothesis import given, settings, strategies as st

from lectio import pipeline
from lectio.apparatus import anchoring
from lectio.apparatus.quoteindex import GRAM, STEP
from lectio.config.apparatus_schema import Selector
from lectio.errors import Location
from lectio.model import PARA, Block, Reading, Text

ROOT = Path(__file__).resolve().parents[2]
# few letters, so that quotations recur; every character the folding changes or drops
ALPHABET = "ab ab-\u2013\u2014\u00ad\u200b\n\t\u201c\u201d\u2019'\"\ue000."


def reading_of(paragraphs: list[str]) -> Reading:
    text = Text("A", Path("a.txt"), "a.txt")
    text.raw = "\n\n".join(paragraphs)
    offset = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        text.blocks.append(Block(PARA, paragraph, list(range(offset, offset + len(paragraph))), number, number))
        offset += len(paragraph) + 2
    return Reading("A", "A", "", text)


def scanned(reading: Reading, exact: str, prefix: str, suffix: str) -> list[tuple]:
    return [(id(hit.block), hit.start, hit.end) for hit in anchoring.find(reading, exact, prefix, suffix)]


def indexed(reading: Reading, exact: str, prefix: str, suffix: str) -> list[tuple]:
    return [(id(block), start, end) for block, start, end in anchoring.index(reading).hits(exact, prefix, suffix)]


paragraphs = st.lists(st.text(ALPHABET, max_size=120), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(paragraphs, st.data())
def test_the_index_finds_what_the_scan_finds(texts, data):
    reading = reading_of(texts)
    folded = [anchoring.fold(t).text for t in texts]
    source = data.draw(st.sampled_from(folded))
    start = data.draw(st.integers(0, len(source)))
    # quotations cut from the text (short ones, and ones long enough for the q-grams) or made up
    exact = data.draw(st.one_of(st.just(source[start:start + data.draw(st.integers(1, GRAM + 2 * STEP))]),
                                st.text("ab -'\"", min_size=1, max_size=30)))
    prefix = data.draw(st.sampled_from(["", source[max(0, start - 3):start].strip(), "a", "b "]))
    suffix = data.draw(st.sampled_from(["", "a", "b", "-"]))
    exact = exact.strip() or "a"
    assert indexed(reading, exact, prefix.strip(), suffix) == scanned(reading, exact, prefix.strip(), suffix)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET + "\u3000\u2028\u00a0", max_size=80))
def test_folding_by_translation_equals_folding_character_by_character(text):
    fast, slow = anchoring.fold(text), anchoring._fold_chars(text)
    assert (fast.text, fast.index) == (slow.text, slow.index)


def test_a_repeated_quotation_is_found_at_every_place_of_a_long_reading():
    sentence = "the same long sentence stands here again and again"
    reading = reading_of([f"{n} {sentence} {n}." for n in range(500)])
    hits = anchoring.index(reading).hits(anchoring.fold_quotation(sentence))
    assert [block.number for block, _, _ in hits] == list(range(1, 501))
    assert indexed(reading, sentence, "", "") == scanned(reading, sentence, "", "")
    passage, finding = anchoring.anchor(reading, Selector(exact=sentence, prefix="250"), Location("x", 1))
    assert finding is None and passage.block.number == 251


def test_every_passage_of_the_seed_and_of_a_generated_edition_anchors_where_the_scan_puts_it(tmp_path):
    spec = importlib.util.spec_from_file_location("make_edition", ROOT / "benchmarks" / "make_edition.py")
    make_edition = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_edition)
    make_edition.generate(60, tmp_path)
    for project in (ROOT, tmp_path):
        book = pipeline.check(project).book
        readings = {r.siglum: r for r in book.readings}
        assert book.apparatus
        for entry in book.apparatus:
            for passage in entry.passages:
                exact = anchoring.fold_quotation(passage.block.text[passage.start:passage.end])
                [hit] = [h for h in anchoring.find(readings[passage.siglum], exact) if h.block is passage.block] or [None]
                assert (hit.start, hit.end) == (passage.start, passage.end)
