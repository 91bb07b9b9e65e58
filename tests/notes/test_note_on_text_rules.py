"""The Note on the text says what every normalization rule changed, where, in the book's locators;
the seed's Note on the text is a golden file (LECTIO_UPDATE_GOLDEN=1 rewrites it)."""

import html
import re
from pathlib import Path

import pytest

from lectio import assemble, notes, pipeline, sources
from lectio.sources import structure
from lectio.model import Reading
from lectio.notetext import NOT_CHANGES, RULE_WORDS
from lectio.sources.normalize import RULES
from tests.citations.test_formatting import check_golden

ROOT = Path(__file__).resolve().parents[2]


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def note_for(tmp_path, raw: str, sidecar: str = "", title: str = "A Title", author: str = "Jane Roe") -> list[str]:
    """The Note on the text of one reading read from ``raw`` (and its notes file ``sidecar``)."""
    path = tmp_path / "a.txt"
    path.write_text(raw, encoding="utf-8")
    text, found = sources.read_text("A", path)
    notes_path = tmp_path / "a.notes.toml"
    notes_path.write_text(sidecar, encoding="utf-8")
    found = found + notes.resolve_notes(text, notes.load_notes_file(notes_path), found)
    structure.apply(text, title, author)
    return [plain(p) for p in assemble.note_on_text([Reading("A", title, author, text)], found)]


def test_seed_note_on_text_golden():
    book = pipeline.check(ROOT).book
    lines = [plain(p) for p in book.note_on_text]
    check_golden("seed-note-on-text.txt", lines)
    joined = "\n".join(lines)
    assert "S 7 and 8: A note number is printed twice" in joined
    assert "(S 19 <”>)" in joined and not re.search(r"\blines? \d", joined)
    # the locators are right: the two "(12)" stand in S 7 and S 8, the supplied mark in S 19
    blocks = {b.number: b for b in book.readings[1].text.blocks if b.number}
    assert [b for b in (7, 8) if any(r.note.marker == "12" for r in blocks[b].notes)] == [7, 8]
    assert [blocks[19].text[s.start:s.end] for s in blocks[19].spans if s.kind == "supplied"] == ["”"]
    stripped = {m.group(1) for m in re.finditer(r"^M (\d+): A citation had been stripped", joined, re.M)}
    assert stripped == {str(b.number) for f in book.findings if f.code == "sources.stripped-citation"
                        for b in book.readings[0].text.blocks if b.number and f.location.line == b.line}


def test_every_rule_has_words():
    block_rules = {"caps-heading", "short-line-heading", "quote-marks", "block-quote", "title-line", "front-line",
                   "elision"}
    assert {r.name for r in RULES} | block_rules <= set(RULE_WORDS) | NOT_CHANGES


def test_heading_case_is_recorded_with_the_heading(tmp_path):
    raw = "THE FIRST PART\n\nA paragraph of the text that is long enough to be one.\n"
    [_, reading] = note_for(tmp_path, raw)
    assert "headings set in capitals given title case (1: “The First Part” before A 1)" in reading


def test_quotation_marks_removed_around_block_quotations_are_recorded(tmp_path):
    raw = ("He wrote:\n\n“This is a quotation that is long enough to stand as a block on its own.”\n\n"
           "And then more text follows here.\n")
    [_, reading] = note_for(tmp_path, raw)
    assert ("quotation marks removed around paragraphs that are one quotation, set as block quotations (1: A 2)"
            in reading)


@pytest.mark.parametrize("raw, words", [
    ('He said "yes" to it all, and more.\n', "straight double quotation marks made typographic (2)"),
    ("It was Bob's, not Ann's, in the end.\n", "straight single quotation marks and apostrophes made typographic (2)"),
    ("It waited... and then it went on.\n", "runs of dots made an ellipsis (1)"),
    ("Two  spaces   here and there in it.\n", "runs of spaces reduced to one (2)"),
    ("A line with a space at its end. \nAnd another one.\n", "spaces at line ends removed (1)"),
    ("Dashes -- like this --- in TeX.\n", "TeX dashes (-- and ---) made en and em dashes (2)"),
    ("A\r\nB is a line of its own here.\r\n", "line ends made uniform (2)"),
])
def test_each_character_rule_is_counted(tmp_path, raw, words):
    [_, reading] = note_for(tmp_path, raw, title="", author="")
    assert words in reading


def test_front_and_elision_lines_are_located(tmp_path):
    raw = "A Title\n\nby Jane Roe\n\nFirst paragraph of the text, long enough.\n\n* * *\n\nSecond paragraph.\n"
    [_, reading] = note_for(tmp_path, raw, author="Somebody Else")
    assert "elision lines printed unnumbered (1: “* * *” before A 2)" in reading
    assert "other lines at its head (a byline, a subtitle) printed unnumbered (1: “by Jane Roe” before A 1)" in reading


def test_no_rule_no_words(tmp_path):
    [_, reading] = note_for(tmp_path, "Plain text with nothing to normalize in it.\n", title="", author="")
    assert "Normalized" not in reading


def test_signs_listed_with_their_paragraphs(tmp_path):
    raw = "First paragraph without a mark.\n\nThe the text is here and a word is lost here.\n"
    sidecar = ('[[emendation]]\nexact = "The the text"\nreplace = "The text"\nsign = "deleted"\n'
               'reason = "A word printed twice."\n\n'
               '[[emendation]]\nexact = "a word is lost"\nreplace = "a word is not lost"\nsign = "supplied"\n'
               'reason = "A word left out."\n')
    [opening, _, *decisions] = note_for(tmp_path, raw, sidecar, title="", author="")
    assert "[ ] enclose what is in the source, deleted by the editor (A 2 [the])" in opening
    assert "< > enclose what is supplied by the editor (A 2 <not>)" in opening
    assert "A 2: The received text is emended. A word printed twice." in decisions
