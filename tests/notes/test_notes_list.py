"""A plain-text notes list as the reading's notes file: every numbering form, continuation
lines, Markdown and citations kept, file:line for every text, decisions in the TOML beside it."""

from __future__ import annotations

import pytest

from lectio import notes, sources
from lectio.errors import ERROR, INFO, NotesError

BODY = "A first claim.(1) A second claim.[2] A third claim.\u00b3 A fourth.(4)\n"
LIST = ("1 A bare number, see [@alpha, p. 7].\n"
        "2. A full stop, and *emphasis*.\n"
        "[3] Brackets, with\n"
        "    an indented continuation [see @beta].\n"
        "(4) Parentheses and **strong**.\n"
        "\n"
        "A second paragraph of note 4.\n")


def build(tmp_path, body=BODY, listed=LIST, tables=None, name="a-notes.txt"):
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / name).write_text(listed, encoding="utf-8")
    if tables is not None:
        (tmp_path / name).with_suffix(".toml").write_text(tables, encoding="utf-8")
    text, found = sources.read_text("A", tmp_path / "a.txt")
    return text, notes.resolve_text(text, notes.load_notes_file(tmp_path / name), found)


def test_every_numbering_form_and_continuations(tmp_path):
    text, resolved = build(tmp_path)
    assert [n.markdown for n in text.notes] == [
        "A bare number, see [@alpha, p. 7].", "A full stop, and *emphasis*.",
        "Brackets, with an indented continuation [see @beta].",
        "Parentheses and **strong**. A second paragraph of note 4."]
    assert [(n.text_location.file.endswith("a-notes.txt"), n.text_location.line) for n in text.notes] == [
        (True, 1), (True, 2), (True, 3), (True, 5)]
    assert not resolved.findings
    assert resolved.ledger.texts_read == (("list", 4),) and resolved.ledger.balanced
    assert resolved.ledger.citations_read == resolved.ledger.citations_held == 2


def test_superscript_and_heading_and_markdown_suffix(tmp_path):
    listed = "Notes\n\n\u00b9 One.\n\u00b2 Two, \"quoted\".\n\u00b3 Three.\n\u2074 Four.\n"
    text, resolved = build(tmp_path, listed=listed, name="a-notes.md")
    assert [n.markdown for n in text.notes] == ["One.", "Two, \u201cquoted\u201d.", "Three.", "Four."]
    assert [n.text_location.line for n in text.notes] == [3, 4, 5, 6]
    assert not resolved.findings


def test_a_year_at_the_start_of_a_line_continues_the_note(tmp_path):
    listed = "1 See the edition of\n1790 printed in London.\n2 Two.\n"
    text, _ = build(tmp_path, body="A claim.(1) Another.(2)\n", listed=listed)
    assert [n.markdown for n in text.notes] == ["See the edition of 1790 printed in London.", "Two."]


def test_text_before_the_first_number_is_an_error_at_its_line(tmp_path):
    _, resolved = build(tmp_path, body="A claim.(1)\n", listed="Received from the printer\n1 One.\n")
    found = [(f.code, f.severity, f.location.line) for f in resolved.findings]
    assert found == [("notes.unnumbered-text", ERROR, 1)]


def test_marker_without_text_and_text_without_marker_are_errors(tmp_path):
    _, resolved = build(tmp_path, body="A claim.(1) B.(2)\n", listed="1 One.\n3 Three, never called.\n")
    found = sorted((f.code, f.severity, f.location.file.rsplit("/", 1)[-1], f.location.line)
                   for f in resolved.findings)
    assert found == [("notes.no-text", ERROR, "a.txt", 1), ("notes.orphan", ERROR, "a-notes.txt", 2)]
    assert resolved.ledger.texts_reported == 1 and resolved.ledger.balanced


def test_decisions_go_in_the_toml_beside_the_list(tmp_path):
    tables = ('[[note]]\nmarker = 2\ndecision = "The printer dropped the text of note 2."\n\n'
              '[[note]]\nmarker = 3\ndecision = "Note 3 belongs to a passage cut by the author."\n')
    text, resolved = build(tmp_path, body="A claim.(1) B.(2)\n", listed="1 One.\n3 Three.\n", tables=tables)
    decided = sorted((f.code, f.severity, f.decision) for f in resolved.findings)
    assert decided == [("notes.no-text", INFO, "The printer dropped the text of note 2."),
                       ("notes.orphan", INFO, "Note 3 belongs to a passage cut by the author.")]
    assert [n.markdown for n in text.notes] == ["One.", notes.NO_TEXT]
    assert resolved.ledger.texts_decided == 1 and resolved.ledger.balanced


def test_the_toml_beside_the_list_wins_for_its_marker(tmp_path):
    text, resolved = build(tmp_path, body="A claim.(1)\n", listed="1 As received.\n",
                           tables='[[note]]\nmarker = 1\ntext = "The editor\'s [@alpha]."\n')
    assert [n.markdown for n in text.notes] == ["The editor's [@alpha]."]
    assert resolved.ledger.texts_replaced == 1 and resolved.ledger.balanced


def test_a_list_that_is_not_utf8_is_refused_with_its_byte(tmp_path):
    (tmp_path / "n.txt").write_bytes(b"1 Caf\xe9.\n")
    with pytest.raises(NotesError) as caught:
        notes.load_notes_file(tmp_path / "n.txt")
    assert caught.value.code == "notes.encoding" and caught.value.location.line == 1


def test_a_markdown_list_keeps_code_and_a_plain_list_gets_typographic_marks(tmp_path):
    listed = "1 Run `make` -- \"now\".\n2 Two.\n3 Three.\n4 Four.\n"
    text, _ = build(tmp_path, listed=listed, name="a-notes.md")
    assert text.notes[0].markdown == "Run `make` -- \u201cnow\u201d."
    text, _ = build(tmp_path, listed=listed, name="b-notes.txt")
    assert text.notes[0].markdown == "Run \u2018make\u2018 \u2013 \u201cnow\u201d."  # TeX rules, as in a .txt source
