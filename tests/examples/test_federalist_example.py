"""examples/federalist: The Federalist No. 10 (Markdown, ``[^N]`` notes), Brutus I (Word,
its footnotes) and the end of No. 51 (plain text, ``[N]`` markers, a plain-text notes list),
three readings compared, as a reader finds them."""

from __future__ import annotations

import re

import pytest

from tests.examples.outputs import epub_document, flat, flat_notes, reading_notes

pytestmark = pytest.mark.slow


def test_word_footnotes_are_the_readings_notes_with_their_citations(federalist_epub):
    notes = flat_notes(federalist_epub, "B", 4)
    assert "the federal convention sat at philadelphia from may to september 1787." in notes[0]
    assert "proverbs 31:28" in notes[1] and "call her blessed" in notes[1]
    assert "control of faction by the extent of the union" in notes[2] and "hamilton" in notes[2]
    assert "the federalist" in notes[2]
    assert "the spirit of laws" in notes[3] and "montesquieu" in notes[3] and "esprit des loix" in notes[3]


def test_word_paragraphs_are_numbered_and_brackets_kept(federalist_epub):
    reading = epub_document(federalist_epub, "reading-B")
    assert len(re.findall(r'id="B-\d+"', reading)) >= 7
    text = flat(reading)
    assert "offered to [your acceptance], be a wise one" in text and "will be [shut] up" in text


def test_markdown_footnotes_with_citations(federalist_epub):
    notes = flat_notes(federalist_epub, "F", 5)
    assert "douglass adair" in notes[0] and "authorship of the disputed federalist papers" in notes[0]
    assert "david hume" in notes[1] and "the received text reads adversed" in notes[1]
    assert "brutus a month earlier" in notes[2] and "complete anti-federalist" in notes[2]
    assert "cecelia m. kenyon" in notes[4]


def test_markdown_inside_a_footnote_is_kept(federalist_epub):
    notes = reading_notes(federalist_epub, "F")
    assert len(re.findall(r"<li>", notes[3])) == 4 and "the mercantile" in flat(notes[3])
    assert "first collected in book form in 1788" in flat(notes[3])
    assert "<em>adversed</em>" in notes[1]
    assert "<em>Daily Advertiser</em>" in epub_document(federalist_epub, "reading-F")


def test_a_plain_text_notes_list_gives_the_notes(federalist_epub):
    notes = flat_notes(federalist_epub, "P", 4)
    assert 'the "compound republic"' in notes[0]
    assert "storing" in notes[0]
    assert "protection of minorities" in notes[1] and "j. and a. m'lean" in notes[1]
    assert "multiplicity of interests, not a sovereign" in notes[2]  # a continuation line
    assert "frederick mosteller and david l. wallace" in notes[3]

