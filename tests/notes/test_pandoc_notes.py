"""Texts read by pandoc arrive with their notes attached: the notes stage keeps them,
numbers them, pairs only the literal ``[^N]`` pandoc left, applies the notes file, and
accounts for everything."""

from __future__ import annotations

from pathlib import Path

from lectio import notes
from lectio.errors import ERROR, Location
from lectio.model import Block, Note, NoteRef, Span, Text

RAW = "One claim.[^1] Two (3) and literal [^2] end, cited [@gamma].\n\n[^1]: A note, see [@alpha] and *this*.\n"


def pandoc_text(tmp_path: Path) -> Text:
    body = "One claim. Two (3) and literal [^2] end, cited.4"  # "4" set as superscript
    block = Block("para", body, list(range(len(body))), 1, number=1, spans=[Span(len(body) - 1, len(body), "sup")])
    first = Note(0, "A note, see [@alpha] and *this*.", Location("t.md", 1, 11), marker="1",
                 text_location=Location("t.md", 3, 1))
    cited = Note(0, "[@gamma]", Location("t.md", 1, 52))
    block.notes = [NoteRef(10, first), NoteRef(len(body) - 2, cited)]
    text = Text("T", tmp_path / "t.md", "t.md", blocks=[block], notes=[first, cited], raw=RAW, markdown=True)
    text.reader = "pandoc"
    return text


def sidecar(tmp_path: Path, body: str):
    (tmp_path / "n.toml").write_text(body, encoding="utf-8")
    return notes.load_notes_file(tmp_path / "n.toml")


def test_notes_attached_by_pandoc_are_kept_and_a_left_marker_is_paired(tmp_path):
    text = pandoc_text(tmp_path)
    side = sidecar(tmp_path, '[[note]]\nmarker = 2\ntext = "Second, [see @beta, 4]."\n\n'
                             '[[emendation]]\nexact = "Two"\nreplace = "Too"\nreason = "a misprint"\n')
    resolved = notes.resolve_text(text, side, [])
    assert [(n.number, n.markdown) for n in text.notes] == [
        (1, "A note, see [@alpha] and *this*."), (2, "Second, [see @beta, 4]."), (3, "[@gamma]")]
    assert text.blocks[0].text.startswith("One claim. Too (3) and literal  end")  # "(3)" is prose here
    assert text.notes[0].text_location == Location("t.md", 3, 1)
    assert not [f for f in resolved.findings if f.severity == ERROR]
    assert resolved.ledger.balanced and resolved.ledger.texts_read == (("reader", 2), ("toml", 1))
    assert resolved.ledger.citations_read == resolved.ledger.citations_held == 3


def test_a_superscript_number_is_a_marker_when_a_list_gives_its_text(tmp_path):
    text = pandoc_text(tmp_path)
    (tmp_path / "n.txt").write_text("2 Two.\n4 Four, [@delta].\n", encoding="utf-8")
    resolved = notes.resolve_text(text, notes.load_notes_file(tmp_path / "n.txt"), [])
    assert [n.markdown for n in text.notes] == ["A note, see [@alpha] and *this*.", "Two.", "[@gamma]",
                                               "Four, [@delta]."]
    assert not text.blocks[0].spans and text.blocks[0].text.endswith("cited.")
    assert resolved.ledger.balanced


def test_a_left_marker_without_text_is_an_error_unless_decided(tmp_path):
    text = pandoc_text(tmp_path)
    findings = notes.resolve_notes(text, notes.NotesFile(), [])
    assert [(f.code, f.severity) for f in findings] == [("notes.no-text", ERROR)]
    text = pandoc_text(tmp_path)
    decided = notes.resolve_notes(text, sidecar(tmp_path, '[[note]]\nmarker = 2\ndecision = "Lost in the source."\n'),
                                  [])
    assert [(f.code, f.severity, f.decision) for f in decided] == [("notes.no-text", "info", "Lost in the source.")]


def test_the_editors_text_replaces_the_readers_and_the_accounts_say_so(tmp_path):
    text = pandoc_text(tmp_path)
    side = sidecar(tmp_path, '[[note]]\nmarker = 1\ntext = "The editor\'s, [@alpha]."\n\n'
                             '[[note]]\nmarker = 2\ntext = "Two."\n\n'
                             '[[note]]\nmarker = 9\ntext = "Kept aside, [@beta]."\ndecision = "Not called."\n')
    resolved = notes.resolve_text(text, side, [])
    assert [n.markdown for n in text.notes] == ["The editor's, [@alpha].", "Two.", "[@gamma]"]
    assert resolved.ledger.texts_replaced == 1
    assert [(f.code, f.severity) for f in resolved.findings] == [("notes.orphan", ERROR)]  # no text numbered 9
    assert not [f for f in resolved.findings if f.code.startswith("notes.lost")]


def test_a_numbered_list_under_a_notes_heading_gives_the_texts(tmp_path):
    """pandoc reads "## Notes" then "1. text" as a heading and list items without their numbers."""
    lines = ["A claim (1) and another (2).", "Notes", "First, [@alpha].", "Second, *two*."]
    raw = "\n\n".join(lines) + "\n"
    blocks, offset = [], 0
    for number, (kind, line) in enumerate(zip(("para", "heading", "item", "item"), lines)):
        blocks.append(Block(kind, line, list(range(offset, offset + len(line))), 1 + 2 * number))
        offset += len(line) + 2
    blocks[3].spans = [Span(8, 11, "emph")]
    blocks[3].text = "Second, two."
    blocks[3].origin = blocks[3].origin[:12]
    text = Text("T", tmp_path / "t.md", "t.md", blocks=blocks, raw=raw, markdown=True)
    text.reader = "pandoc"
    resolved = notes.resolve_text(text, notes.NotesFile(), [])
    assert [n.markdown for n in text.notes] == ["First, [@alpha].", "Second, *two*."]
    assert [b.text for b in text.blocks] == ["A claim and another."]
    assert resolved.ledger.balanced and not resolved.findings


def test_a_list_text_for_a_note_pandoc_attached_is_a_second_text(tmp_path):
    text = pandoc_text(tmp_path)
    (tmp_path / "n.txt").write_text("1 Typed again.\n2 Two.\n", encoding="utf-8")
    resolved = notes.resolve_text(text, notes.load_notes_file(tmp_path / "n.txt"), [])
    assert text.notes[0].markdown == "A note, see [@alpha] and *this*."
    assert [(f.code, f.location.line) for f in resolved.findings] == [("notes.duplicate-text", 1)]
    assert resolved.ledger.balanced
