"""``lectio new --from text.txt text-notes.txt``: the notes list becomes the reading's notes file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from lectio.scaffold.detect import looks_like_notes_list, pair_lists
from tests.conftest import run_cli

TEXT = "THE MILL AT THE FORD\n\nThe mill stood at the ford.(1) It ground for the valley.(2)\n"
LIST = "1 Built, it is said, by the monks.\n2. Until the flood of that spring.\n"


def test_new_takes_a_notes_list_beside_its_text(tmp_path: Path, monkeypatch):
    (tmp_path / "mill.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "mill-notes.txt").write_text(LIST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "ed", "--from", "mill.txt", "mill-notes.txt")
    assert result.exit_code == 0, result.output
    assert ('reading M: mill.txt, "The Mill at the Ford"; 2 note marker(s), (N), their texts in the notes list '
            "mill-notes.txt") in result.stdout
    assert "0 errors, 0 warnings" in result.stdout
    readings = tomllib.loads((tmp_path / "ed/edition.toml").read_text(encoding="utf-8"))["readings"]
    assert [(r["source"], r["notes"]) for r in readings] == [("manuscript/mill.txt", "manuscript/mill-notes.txt")]
    assert (tmp_path / "ed/manuscript/mill-notes.txt").read_text(encoding="utf-8") == LIST


def test_missing_texts_get_stubs_beside_the_list(tmp_path: Path, monkeypatch):
    (tmp_path / "mill.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("1 Only the first.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "ed", "--from", "mill.txt", "notes.txt")
    assert result.exit_code == 0 and "1 with a text in the notes list notes.txt, 1 without" in result.stdout
    assert "# marker = 2" in (tmp_path / "ed/manuscript/notes.toml").read_text(encoding="utf-8")
    assert "[notes.no-text]" in result.stdout


def test_only_files_named_for_notes_that_read_as_lists(tmp_path: Path):
    for name, body in {"a.txt": LIST, "a-notes.txt": LIST, "b-notes.txt": "Prose about notes.\n",
                       "c.notes.toml": "[[note]]\n"}.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    assert [looks_like_notes_list(tmp_path / n) for n in ("a.txt", "a-notes.txt", "b-notes.txt", "c.notes.toml")] == [
        False, True, False, False]
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    paired = pair_lists((tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "a-notes.txt"))
    assert [(t.name, n.name if n else None) for t, n in paired] == [("a.txt", "a-notes.txt"), ("b.txt", None)]
