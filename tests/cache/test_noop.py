"""A build with nothing changed does no work, says so in one line and exits 0, before anything heavy
is imported; what it says it checked is the manifest of the last build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lectio import manifest
from tests.conftest import run_cli

UP_TO_DATE = "up to date: build/tiny.pdf, build/tiny.epub, build/tiny.tei.xml (lectio build --force rebuilds)\n"


def _times(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (root / "build").iterdir() if p.is_file()}


def test_a_build_with_nothing_changed_does_nothing(copy, spy):
    before = _times(copy)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert result.output == UP_TO_DATE
    assert spy.calls == []
    assert _times(copy) == before


def test_a_subset_of_what_was_built_is_up_to_date_too(copy, spy):
    assert run_cli("build", "--to", "pdf").output == \
        "up to date: build/tiny.pdf (lectio build --force rebuilds)\n"
    assert run_cli("build", "--to", "epub", "--no-verify").output.startswith("up to date: build/tiny.epub ")
    assert spy.calls == []


def test_the_check_imports_neither_weasyprint_nor_pydantic(copy):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "lectio", "build"], cwd=copy,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == UP_TO_DATE
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()}
    assert "click" in imported and "lectio" in imported
    assert not imported & {"weasyprint", "pydantic", "pikepdf", "lxml", "bibtexparser", "pypandoc"}


def test_the_manifest_names_what_the_build_read_and_wrote(copy):
    data = json.loads((copy / "build" / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(data["inputs"]) == ["a.notes.toml", "a.txt", "edition.toml", "epub.css", "print.css", "t.bib"]
    assert data["inputs"]["a.txt"][2] == _sha(copy / "a.txt")
    files = {name: entry[2] for target in data["outputs"].values() for name, entry in target["files"].items()}
    assert files == {name: _sha(copy / "build" / name) for name in ("tiny.pdf", "tiny.epub", "tiny.tei.xml")}
    assert all(target["verified"] for target in data["outputs"].values())


def test_a_file_touched_but_not_changed_is_still_up_to_date(copy, spy):
    import os

    os.utime(copy / "a.txt", ns=(1, 1))
    assert run_cli("build").output == UP_TO_DATE
    assert spy.calls == []
    data = json.loads((copy / "build" / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    assert data["inputs"]["a.txt"][1] == 1  # the new time is kept: the file is not read again next time


def test_the_status_of_a_project_without_a_build_is_not_fresh(tmp_path):
    assert manifest.status(tmp_path, ("pdf",), True) == manifest.Status()


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
