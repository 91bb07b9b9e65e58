"""Text-quote selectors at unit level: prefix and suffix choose the place, every message says where."""

from pathlib import Path

import pytest

from lectio import sources
from lectio.apparatus import anchoring
from lectio.config.apparatus_schema import Selector
from lectio.errors import ERROR, Location
from lectio.model import Reading

BODY = "The cat sat on the mat.\n\nA dog sat on the mat too; a bird sat on the wall.\n"
WHERE = Location("app.toml", 7)


@pytest.fixture
def reading(tmp_path: Path) -> Reading:
    path = tmp_path / "r.txt"
    path.write_text(BODY, encoding="utf-8")
    text, _ = sources.read_text("R", path)
    return Reading("R", "R", "", text)


def selector_of(fields: dict) -> Selector:
    return Selector.model_construct(**{"exact": "", "prefix": "", "suffix": "", **fields})


def passage_text(passage) -> str:
    return passage.block.text[passage.start:passage.end]


@pytest.mark.parametrize(("selector", "paragraph", "start"), [
    ({"exact": "sat on the", "prefix": "cat"}, 0, 8),
    ({"exact": "sat on the", "prefix": "dog"}, 1, 6),
    ({"exact": "sat on the", "suffix": "wall"}, 1, 33),
    ({"exact": "sat on the", "prefix": "dog", "suffix": "mat"}, 1, 6),
])
def test_prefix_and_suffix_each_choose_the_place(reading, selector, paragraph, start):
    passage, finding = anchoring.anchor(reading, selector_of(selector), WHERE)
    assert finding is None
    assert passage.block is reading.text.paragraphs()[paragraph]
    assert (passage.start, passage.end, passage_text(passage)) == (start, start + 10, "sat on the")


def test_prefix_and_suffix_must_both_hold(reading):
    _, finding = anchoring.anchor(reading, selector_of({"exact": "sat on the", "prefix": "cat", "suffix": "wall"}), WHERE)
    assert finding.code == "apparatus.not-found" and finding.severity == ERROR
    assert finding.message == 'R passage not found: "sat on the"'


def test_every_occurrence_is_listed_when_ambiguous(reading):
    _, finding = anchoring.anchor(reading, selector_of({"exact": "sat on the"}), WHERE)
    assert finding.code == "apparatus.ambiguous" and finding.location == WHERE and finding.severity == ERROR
    places = [f"R {b.number} ({reading.text.display_path}:{line}:{column})"
              for b, line, column in ((reading.text.paragraphs()[0], 1, 9), (reading.text.paragraphs()[1], 3, 7),
                                      (reading.text.paragraphs()[1], 3, 34))]
    assert finding.message == "R passage matches 3 times: " + "; ".join(places)
    assert "prefix or suffix" in finding.fix


def test_overlapping_occurrences_are_all_found(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Say abababa now.\n", encoding="utf-8")
    text, _ = sources.read_text("R", path)
    hits = anchoring.find(Reading("R", "R", "", text), "aba")
    assert [(h.start, h.end) for h in hits] == [(4, 7), (6, 9), (8, 11)]


def test_empty_exact_is_its_own_error(reading):
    for selector in ({}, {"exact": "  "}, {"prefix": "cat"}):
        passage, finding = anchoring.anchor(reading, selector_of(selector), WHERE)
        assert passage is None
        assert (finding.code, finding.message, finding.location, finding.severity) == (
            "apparatus.empty", "passage of R has no 'exact' text", WHERE, ERROR)
        assert finding.fix == 'quote the passage in exact = "…"'


def test_not_found_names_the_closest_place_and_the_difference(reading):
    _, finding = anchoring.anchor(reading, selector_of({"exact": "a bird sat on the hall"}), WHERE)
    assert finding.message == 'R passage not found: "a bird sat on the hall"'
    assert finding.fix.startswith(f"closest passage: R 2 at {reading.text.display_path}:3:27 (")
    assert "diff: a bird sat on the [-w-]{+h+}all" in finding.fix


def test_char_diff_keeps_a_little_context_and_counts_the_rest():
    theirs = "x" * 40 + "A" + "y" * 40 + "B" + "z" * 40 + "C" + "w" * 40 + "D"
    yours = theirs.replace("A", "a").replace("B", "b").replace("C", "c").replace("D", "d")
    assert anchoring.char_diff(theirs, yours) == (
        "…" + "x" * 14 + "[-A-]{+a+}" + "y" * 14 + "…" + "y" * 14 + "[-B-]{+b+}" + "z" * 14 + "…" + "z" * 14
        + "[-C-]{+c+}" + "w" * 14 + "…" + "w" * 14 + "… (1 more differences)")


def test_char_diff_merges_changes_one_or_two_characters_apart():
    assert anchoring.char_diff("abXcdeYf", "abxcdeyf") == "ab[-X-]{+x+}cde[-Y-]{+y+}f"
    assert anchoring.char_diff("abXcdYef", "abxcdyef") == "ab[-XcdY-]{+xcdy+}ef"
    assert anchoring.char_diff("abXcYef", "abxcyef") == "ab[-XcY-]{+xcy+}ef"


def test_char_diff_merges_from_the_first_change():
    assert anchoring.char_diff("XcY", "xcy") == "[-XcY-]{+xcy+}"
    assert anchoring.char_diff("XcYdZ", "xcydz") == "[-XcYdZ-]{+xcydz+}"
