"""``lectio build`` with -v, -q and neither: stage timings, report lines, check's warnings shown once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lectio.cli import display
from tests.cli.test_progress import UNUSED
from tests.conftest import make_tiny_project, run_cli

WARNING = "t.bib:3: warning: entry 'spare2001' is never cited [citations.unused]"


def warned_project(root: Path) -> Path:
    make_tiny_project(root)
    with (root / "t.bib").open("a", encoding="utf-8") as bib:
        bib.write(UNUSED)
    return root


@pytest.fixture(scope="module")
def verbose_build(tmp_path_factory):
    """The tiny project with an uncited entry, built and verified once with -v."""
    root = warned_project(tmp_path_factory.mktemp("verbose") / "tiny")
    result = run_cli("-v", "build", "-p", str(root))
    assert result.exit_code == 0, result.output
    return root, result


def stage_line(name: str, depth: int = 0, pages: bool = False) -> re.Pattern:
    tail = r" \(\d+ pages?\)" if pages else ""
    return re.compile(rf"^{'  ' * depth}{name} \d+\.\d\d s{tail}$", re.M)


def test_verbose_shows_each_stage_with_its_time(verbose_build):
    _, result = verbose_build
    # EPUBCheck starts in a thread of its own as soon as the EPUB is written, beside the PDF: a stage of its own
    for name, depth, pages in (("check", 0, False), ("citations", 1, False), ("sources", 1, False),
                               ("layout", 0, True), ("pdf", 0, False), ("epub", 0, False), ("tei", 0, False),
                               ("verify", 0, False), ("epubcheck", 0, False), ("fidelity", 1, False),
                               ("preflight", 1, False)):
        assert stage_line(name, depth, pages).search(result.stderr), (name, result.stderr)
    assert not stage_line("check").search(result.stdout)  # stages on stderr, the report on stdout
    assert "EPUBCheck: 0 errors, 0 warnings" in result.stdout and "wrote " in result.stdout


def test_build_shows_the_check_warning_once(verbose_build):
    _, result = verbose_build
    assert result.stderr.count("[citations.unused]") == 1
    assert WARNING in result.stderr and "fix: cite it, or remove it from the .bib file" in result.stderr


def test_quiet_verify_prints_no_report_lines(verbose_build):
    root, _ = verbose_build
    result = run_cli("verify", "-p", str(root), "-q")
    assert result.exit_code == 0, result.output
    assert "EPUBCheck" not in result.output and "fidelity" not in result.output and result.stdout == ""
    assert all(display.severity_of(line) == "warning" for line in result.stderr.splitlines() if line[:1] != " ")


def test_default_build_has_no_stage_lines(tmp_path):
    root = warned_project(tmp_path / "tiny")
    result = run_cli("build", "-p", str(root), "--to", "tei", "--no-verify")
    assert result.exit_code == 0, result.output
    assert not stage_line("check").search(result.output) and not stage_line("tei").search(result.output)
    assert f"wrote {root / 'build' / 'tiny.tei.xml'}" in result.stdout and "done in" in result.stderr
    assert result.stderr.count(WARNING) == 1


def test_quiet_build_prints_errors_and_warnings_only(tmp_path):
    root = warned_project(tmp_path / "tiny")
    (root / "a.txt").write_text("OPENING\nA claim.(1) And a second one.(2)\n", encoding="utf-8")
    result = run_cli("-q", "build", "-p", str(root))
    assert result.exit_code == 1
    assert "a.txt:2:30: error: no text for note marker (2) [notes.no-text]" in result.stderr
    assert result.stderr.count(WARNING) == 1 and result.stdout == ""
    assert "done in" not in result.output and "wrote" not in result.output
    assert not (root / "build").exists()
