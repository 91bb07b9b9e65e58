"""--strict: every warning becomes an error, and the check fails."""

from lectio import pipeline
from lectio.errors import ERROR, WARNING
from tests.conftest import make_tiny_project, run_cli

TEXT = "OPENING\nA claim.(1) Another claim.(2)\n"  # marker (2) has no note text: a warning


def test_without_strict_a_warning_stays_a_warning(tmp_path):
    root = make_tiny_project(tmp_path / "p", text=TEXT)
    checked = pipeline.check(root)
    assert [(f.code, f.severity) for f in checked.findings if f.code == "notes.no-text"] == [("notes.no-text", WARNING)]
    assert checked.errors == []
    assert run_cli("check", "--project", str(root)).exit_code == 0


def test_strict_turns_every_warning_into_an_error(tmp_path):
    root = make_tiny_project(tmp_path / "p", text=TEXT)
    checked = pipeline.check(root, strict=True)
    assert [(f.code, f.severity) for f in checked.findings if f.code == "notes.no-text"] == [("notes.no-text", ERROR)]
    assert WARNING not in {f.severity for f in checked.findings}
    result = run_cli("check", "--project", str(root), "--strict")
    assert result.exit_code == 1
    assert "no text for note marker (2)" in result.output
