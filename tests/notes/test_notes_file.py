"""A reading's notes file against its schema: every mistake in one run, each at its line and column."""

from __future__ import annotations

import pytest

from lectio import notes
from lectio.errors import NotesError
from tests.conftest import run_cli


def load_errors(tmp_path, text: str) -> list:
    (tmp_path / "n.toml").write_text(text, encoding="utf-8")
    with pytest.raises(NotesError) as caught:
        notes.load_notes_file(tmp_path / "n.toml")
    return [(f.code, f.message, f.fix, (f.location.line, f.location.column)) for f in caught.value.findings]


def test_a_table_where_an_array_of_tables_is_expected(tmp_path):
    assert load_errors(tmp_path, '[note]\nmarker = 1\ntext = "x"\n\n[[citation]]\nafter = "a"\ntext = "y"\n') == [
        ("notes.shape", "note must be an array of tables, not a table",
         "write [[note]] (two brackets) over each of its tables, not [note]", (1, 1))]


def test_every_mistake_of_the_file_at_once(tmp_path):
    text = ('[[note]]\nmarker = 1.5\ntext = "x"\n\n[[note]]\nmarker = 2\ntext = "y"\noccurrence = 0\n\n'
            '[[citation]]\ntext = "z"\n\n[[emendation]]\nexact = "a"\nreplace = "b"\nreason = 3\n')
    assert load_errors(tmp_path, text) == [
        ("notes.type", "note[0].marker must be a number or a string, not a number", "for example: marker = 12", (2, 1)),
        ("notes.form", "note[1].occurrence must be a whole number, at least 1, e.g. 2; found 0",
         "for example: occurrence = 2", (8, 1)),
        ("notes.needs-one-of", "citation[0]: a [[citation]] needs exactly one of 'after' or 'before'",
         'write after = "the text just before the place" (or before = "the text just after it")', (10, 1)),
        ("notes.type", "emendation[0].reason must be a string (in quotes), not a number",
         'for example: reason = "a word printed twice"', (16, 1)),
    ]


def test_entries_know_their_header_line(tmp_path):
    (tmp_path / "n.toml").write_text('\n[[note]]\nmarker = 1\ntext = "x"\n\n[[note]]\nmarker = "b"\ntext = "y"\n',
                                     encoding="utf-8")
    loaded = notes.load_notes_file(tmp_path / "n.toml")
    assert [(n.marker, n.location.line) for n in loaded.notes] == [("1", 2), ("b", 6)]


def test_check_reports_a_broken_notes_file_and_exits_1(project):
    (project / "manuscript" / "M.notes.toml").write_text('[note]\nmarker = 1\ntext = "x"\n', encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("manuscript/M.notes.toml:1:1: error: note must be an array of tables, not a table [notes.shape]\n"
            "    fix: write [[note]] (two brackets) over each of its tables, not [note]") in result.output
