"""A project whose reading names a plain-text notes list: checked clean, decisions in the
Note on the text, and a missing text an error that stops ``check``."""

from __future__ import annotations

from lectio import pipeline
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

TEXT = "OPENING\nA first claim.(1) A second claim.(2) A third claim.(3)\n"
LIST = "Notes\n\n1 See [@viola1987, 12].\n2. *Ibid.*, with\n   more [see @viola1987, 14].\n"
EDITION = TINY_EDITION.replace('notes = "a.notes.toml"', 'notes = "a-notes.txt"')


def project(tmp_path, tables=None):
    root = make_tiny_project(tmp_path / "p", text=TEXT, edition=EDITION)
    (root / "a-notes.txt").write_text(LIST, encoding="utf-8")
    if tables:
        (root / "a-notes.toml").write_text(tables, encoding="utf-8")
    return root


def test_a_missing_text_stops_check_at_its_marker(tmp_path):
    result = run_cli("check", "--project", str(project(tmp_path)))
    assert result.exit_code == 1
    assert "a.txt:2:52: error: no text for note marker (3) [notes.no-text]" in result.output


def test_a_decision_beside_the_list_settles_it_and_is_listed(tmp_path):
    root = project(tmp_path, '[[note]]\nmarker = 3\ndecision = "The *printer* dropped note 3."\n\n'
                             '[[note]]\nmarker = 4\ndecision = "Note 4 has lost its passage."\n')
    (root / "a-notes.txt").write_text(LIST + "4 A text no marker calls.\n", encoding="utf-8")
    checked = pipeline.check(root)
    assert not checked.errors
    text = checked.book.readings[0].text
    assert [n.markdown for n in text.notes] == ["See [@viola1987, 12].", "*Ibid.*, with more [see @viola1987, 14].",
                                               "The received text gives no text for this note."]
    assert [n.text_location.line for n in text.notes] == [3, 4, 1]  # the third: where the decision is
    assert any("The <em>printer</em> dropped note 3." in p for p in checked.book.note_on_text)
    listed = [p for p in checked.book.note_on_text if "Note 4 has lost its passage." in p]
    assert len(listed) == 1 and "a-notes.txt:6" in listed[0]
    assert "Viola" in text.notes[0].html and "14" in text.notes[1].html and "<em>Ibid.</em>" in text.notes[1].html
