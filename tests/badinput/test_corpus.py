"""Every case of the corpus (cases.py) through ``lectio check``: exit 1, its exact message,
no traceback, and nothing written (no build/ folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.badinput.cases import CASES, SOURCE, Case
from tests.conftest import make_tiny_project, run_cli


def make_case(root: Path, case: Case) -> Path:
    project = make_tiny_project(root / "tiny", text=SOURCE)
    edition = (project / "edition.toml").read_text(encoding="utf-8")
    for old, new in case.edition.items():
        assert old in edition, old
        edition = edition.replace(old, new, 1)
    (project / "edition.toml").write_text(edition, encoding="utf-8")
    for name, content in case.files.items():
        path = project / name
        if isinstance(content, int):
            with path.open("wb") as handle:
                handle.truncate(content)
        else:
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    for name, target in case.links.items():
        os.symlink(target, project / name)
    return project


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_its_message(case: Case, tmp_path: Path, monkeypatch):
    project = make_case(tmp_path, case)
    monkeypatch.chdir(project)
    result = run_cli("check")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for expected in case.expected:
        assert expected in result.output
    assert not (project / "build").exists()


def test_the_tiny_project_itself_passes(tmp_path: Path, monkeypatch):
    """The corpus's base project is clean: each case's error comes from its one bad file."""
    project = make_case(tmp_path, Case("clean", {}, ()))
    monkeypatch.chdir(project)
    result = run_cli("check")
    assert result.exit_code == 0, result.output


def test_utf8_bom_is_accepted(tmp_path: Path, monkeypatch):
    project = make_case(tmp_path, Case("bom", {"a.txt": "\ufeffOPENING\nA first paragraph that makes a claim.(1)\n"},
                                       ()))
    monkeypatch.chdir(project)
    assert run_cli("check").exit_code == 0
