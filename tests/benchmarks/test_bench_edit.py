"""The one-edit rebuild's edit changes one word of one reading's source, and is undone."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import bench_edit


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_word_of_one_reading_changes_and_comes_back(editions, tmp_path):
    project = tmp_path / "ed"
    shutil.copytree(editions[50][0], project)
    before = snapshot(project)
    change = bench_edit.choose(project)
    change.apply()
    after = snapshot(project)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["texts/A.txt"]  # the first reading's source, nothing else
    old, new = before[changed[0]].decode().split(), after[changed[0]].decode().split()
    assert len(old) == len(new)
    differ = [(a, b) for a, b in zip(old, new) if a != b]
    assert len(differ) == 1 and differ[0][1] == differ[0][0][::-1]
    change.undo()
    assert snapshot(project) == before


def test_the_changed_word_is_in_no_apparatus_passage(editions):
    project = editions[50][0]
    change = bench_edit.choose(project)
    apparatus = tomllib.loads((project / "apparatus.toml").read_text(encoding="utf-8"))
    text = change.path.read_text(encoding="utf-8")
    sentence_start = text.rfind(". ", 0, change.offset)
    around = text[sentence_start + 2:text.find(".", change.offset) + 1]
    assert around and all(around not in s for s in bench_edit.strings(apparatus))
    assert change == bench_edit.choose(project)  # the same edit every time


def test_undo_refuses_a_file_changed_meanwhile(editions, tmp_path):
    project = tmp_path / "ed"
    shutil.copytree(editions[50][0], project)
    change = bench_edit.choose(project)
    try:
        change.undo()  # not applied: the new word is not there
    except ValueError as exc:
        assert "is not at offset" in str(exc)
    else:
        raise AssertionError("undo of an edit not applied went through")
