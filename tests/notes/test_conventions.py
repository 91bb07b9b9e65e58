"""Each marker convention, each source of note texts, and each defect with its file:line."""

import pytest

from lectio import notes
from lectio.errors import ERROR, INFO, WARNING, NotesError
from tests.notes.test_notes import resolve


def codes(findings, severity=None):
    return [(f.code, f.location.line) for f in findings if severity is None or f.severity == severity]


@pytest.mark.parametrize("body, name", [
    ("A.(1) B.(2)\n\nNotes\n\n(1) First.\n\n(2) Second.\n", "t.txt"),
    ("A.[1] B.[2]\n\nNOTES\n\n[1] First.\n\n[2] Second.\n", "t.txt"),
    ("A.\u00b9 B.\u00b2\n\nEndnotes\n\n\u00b9 First.\n\n\u00b2 Second.\n", "t.txt"),
    ("A.(1) B.(2)\n\nReferences\n\n1. First.\n\n2. Second.\n", "t.txt"),
    ("A.[^1] B.[^2]\n\n[^1]: First.\n\n[^2]: Second.\n", "t.md"),
])
def test_every_convention_pairs_with_a_notes_section(tmp_path, body, name):
    text, findings = resolve(tmp_path, body, name=name)
    assert [n.markdown for n in text.notes] == ["First.", "Second."]
    assert text.paragraphs()[0].text == "A. B." and len(text.paragraphs()) == 1
    assert not [f for f in findings if f.severity != INFO]


def test_superscript_run_is_one_marker(tmp_path):
    text, _ = resolve(tmp_path, "A claim.\u00b9\u00b2 More.\n", '[[note]]\nmarker = 12\ntext = "Twelve."\n')
    assert [(n.marker, n.markdown) for n in text.notes] == [("12", "Twelve.")]


def test_sidecar_gives_texts_and_wins_over_the_source(tmp_path):
    body = "A (1) b (2).\n\nNotes\n\n1. From the source.\n\n2. Also from the source.\n"
    text, findings = resolve(tmp_path, body, '[[note]]\nmarker = 2\ntext = "The editor\'s [@k]."\nreconstructed = true\n')
    assert [n.markdown for n in text.notes] == ["From the source.", "The editor's [@k]."]
    assert [n.reconstructed for n in text.notes] == [False, True]
    assert not codes(findings, ERROR) and not codes(findings, WARNING)


def test_inline_notes_nest_brackets_and_number_in_reading_order(tmp_path):
    text, _ = resolve(tmp_path, "One[^a] two^[An [inner] note.] three [@k, 4].\n\n[^a]: A.\n", name="t.md")
    assert [(n.number, n.markdown) for n in text.notes] == [(1, "A."), (2, "An [inner] note."), (3, "[@k, 4]")]
    assert text.paragraphs()[0].text == "One two three."
    assert sorted(r.position for r in text.paragraphs()[0].notes) == [3, 7, 14]  # after the full stop


def test_marker_without_text_is_an_error(tmp_path):
    _, findings = resolve(tmp_path, "Line one.\nA claim (1).\n")
    assert ("notes.no-text", 2) in codes(findings, ERROR)


def test_text_without_marker_in_source_and_sidecar(tmp_path):
    body = "A (1).\n\nNotes\n\n1. One.\n\n2. Two, never called.\n"
    _, findings = resolve(tmp_path, body, '[[note]]\nmarker = 1\ntext = "x"\n\n[[note]]\nmarker = 3\ntext = "y"\n')
    orphans = [(f.severity, f.location.file.endswith(".toml"), f.location.line) for f in findings
               if f.code == "notes.orphan"]
    assert sorted(orphans) == [(ERROR, False, 7), (ERROR, True, 5)]


def test_two_texts_for_one_number(tmp_path):
    _, findings = resolve(tmp_path, "A (1).\n\nNotes\n\n1. One.\n\n1. One again.\n")
    assert ("notes.duplicate-text", 7) in codes(findings, WARNING)


def test_duplicate_gap_and_out_of_order_have_lines(tmp_path):
    _, findings = resolve(tmp_path, "A (1).\nB (2).\nC (2).\nD (5).\nE (3).\n")
    found = codes(findings)
    assert ("notes.duplicate", 3) in found
    assert ("notes.missing-number", 4) in found  # (4) is missing: reported at (5), the marker after the gap
    assert ("notes.out-of-order", 5) in found
    assert [f.message for f in findings if f.code == "notes.missing-number"] == \
        ["no marker (4) in the text before this one"]


def test_decisions_resolve_duplicate_and_gap(tmp_path):
    sidecar = ('[[note]]\nmarker = 1\ntext = "a"\n\n[[note]]\nmarker = 1\noccurrence = 2\nrenumber = 2\n'
               'decision = "The second (1) is note 2."\ntext = "b"\n\n[[note]]\nmarker = 3\ntext = "c"\n')
    text, findings = resolve(tmp_path, "A (1). B (1). C (3).\n", sidecar)
    assert [n.number for n in text.notes] == [1, 2, 3]
    resolved = [(f.code, f.decision) for f in findings if f.severity == INFO]
    assert ("notes.duplicate", "The second (1) is note 2.") in resolved
    assert ("notes.missing-number", "The second (1) is note 2.") in resolved
    assert not codes(findings, WARNING) and not codes(findings, ERROR)


def test_renumber_checked_against_reading_order(tmp_path):
    _, findings = resolve(tmp_path, "A (1). B (2).\n", '[[note]]\nmarker = 2\nrenumber = 5\ntext = "x"\n')
    assert ("notes.renumber", 1) in codes(findings, ERROR)


def test_stripped_citation_flagged_and_restored(tmp_path):
    body = "Viola\u00a0 wrote this. Later\u00a0 another.\n"
    sidecar = '[[citation]]\nafter = "Viola"\ntext = "Probably @viola."\ndecision = "Restored."\n'
    text, findings = resolve(tmp_path, body, sidecar)
    stripped = [(f.severity, f.location.column) for f in findings if f.code == "sources.stripped-citation"]
    assert stripped == [(INFO, 6), (WARNING, 25)]  # the second place nobody restored stays a warning
    block = text.paragraphs()[0]
    assert block.text == "Viola wrote this. Later another."
    assert block.notes[0].position == len("Viola") and text.notes[0].reconstructed


def test_citation_place_not_found(tmp_path):
    _, findings = resolve(tmp_path, "Text.\n", '[[citation]]\nbefore = "nowhere"\ntext = "[@k]"\n')
    assert ("notes.citation-anchor", 1) in codes(findings, ERROR)


def test_markdown_parentheses_are_prose(tmp_path):
    text, _ = resolve(tmp_path, "In 1929 (1) and [2] stay.[^1]\n\n[^1]: Note.\n", name="t.md")
    assert text.paragraphs()[0].text == "In 1929 (1) and [2] stay." and len(text.notes) == 1


def test_notes_file_errors_name_the_line(tmp_path):
    (tmp_path / "n.toml").write_text('[[note]]\nmarker = 1\ntext = "x"\n\n[[cite]]\ntext = "y"\n', encoding="utf-8")
    with pytest.raises(NotesError, match=r"unknown table \[\[cite\]\]"):
        notes.load_notes_file(tmp_path / "n.toml")
    (tmp_path / "n.toml").write_text('[[citation]]\ntext = "y"\n', encoding="utf-8")
    with pytest.raises(NotesError, match="exactly one of 'after' or 'before'") as caught:
        notes.load_notes_file(tmp_path / "n.toml")
    assert caught.value.location.line == 1


def test_references_without_markers_are_a_bibliography(tmp_path):
    body = "An essay that cites nobody by number.\n\nReferences\n\n1. Smith, A Book, 1790.\n\n2. Jones, Another, 1791.\n"
    text, findings = resolve(tmp_path, body)
    assert not text.notes and not findings
    assert [b.text for b in text.paragraphs()][1:] == ["1. Smith, A Book, 1790.", "2. Jones, Another, 1791."]
