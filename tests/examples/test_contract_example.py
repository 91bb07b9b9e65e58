"""examples/contract: Hobbes (plain text, Notes section), Locke (Markdown, inline notes) and
Rousseau (plain text in French, ``[N]`` markers, TOML notes), as a reader finds them."""

from __future__ import annotations

import re

import pytest

from tests.examples.outputs import epub_document, flat, flat_notes, reading_notes

pytestmark = pytest.mark.slow


def test_notes_section_is_read_as_notes_with_their_citations(contract_epub):
    notes = flat_notes(contract_epub, "H", 3)
    assert "argument from equality in latin" in notes[0] and "elementa philosophica de cive" in notes[0]
    assert "marginal summaries are left out" in notes[0]
    assert "richard tuck" in notes[1] and "compare the first edition" in notes[1] and "andrew crooke" in notes[1]
    assert "two treatises of government" in notes[2] and "rousseau" in notes[2]
    reading = epub_document(contract_epub, "reading-H")
    assert re.findall(r'id="H-(\d+)"', reading) == ["1", "2", "3"]  # the Notes section is not text
    assert "marginal summaries" not in flat(reading.split("<aside")[0])


def test_inline_markdown_notes_and_bracketed_markers_are_the_notes(contract_epub):
    locke = flat_notes(contract_epub, "L", 3)
    assert "robert filmer" in locke[0] and "patriarcha" in locke[0]
    assert "the judicious hooker" in locke[1] and "ecclesiasticall politie" in locke[1]
    assert "peter laslett" in locke[2]
    rousseau = flat_notes(contract_epub, "R", 4)
    assert "robert derathé" in rousseau[0] and "marc-michel rey" in rousseau[1]
    assert "paternal power" in rousseau[2] and "hugo grotius" in rousseau[3]


def test_the_french_reading_is_printed_whole(contract_epub, example_build):
    reading = flat(epub_document(contract_epub, "reading-R"))
    for passage in ("l'homme est né libre, & par-tout il est dans les fers.",
                    "je dirois ; tant qu'un peuple est contraint d'obéir",
                    "le plaisir de commander supplée à cet amour que le chef n'a pas pour ses peuples."):
        assert passage in reading


def test_the_french_reading_is_marked_as_french_and_the_others_are_not(contract_epub):
    assert re.search(r'<section id="reading-R"[^>]*\blang="fr"', epub_document(contract_epub, "reading-R"))
    for siglum in "HL":
        section = re.search(rf'<section id="reading-{siglum}"[^>]*>', epub_document(contract_epub, f"reading-{siglum}"))
        assert section and "lang=" not in section.group(), siglum


def test_titles_with_a_langid_keep_their_capitalization(contract_epub):
    bibliography = epub_document(contract_epub, "bibliography")
    assert "Jean-Jacques Rousseau et la science politique de son temps" in bibliography
    assert "De jure belli ac pacis libri tres" in bibliography


def test_a_french_title_is_not_title_cased_in_english(contract_epub):
    assert "Du contrat social, ou Principes du droit politique" in epub_document(contract_epub, "bibliography")


def test_citations_after_words_in_note_prose_are_set_apart(contract_epub):
    notes = " ".join(flat(n) for s in "HLR" for n in reading_notes(contract_epub, s))
    for apart in ('"the judicious hooker" (richard hooker', "the critical edition (john locke",
                  "the same argument (jean-jacques rousseau", "comes of age (john locke"):
        assert apart in notes


def test_a_cue_word_citation_after_words_in_note_prose_is_not_run_into_them(contract_epub):
    notes = " ".join(flat(n) for s in "HLR" for n in reading_notes(contract_epub, s))
    for glued in ('licence" see john locke', "refutes see robert filmer", "aristotle see hugo grotius"):
        assert glued not in notes


def test_emphasis_before_a_citation_in_a_note_is_kept(contract_epub):
    assert "<em>state of nature</em>" in reading_notes(contract_epub, "L")[0]

