"""--strict: every warning becomes an error, and the check fails."""

from lectio import pipeline
from lectio.errors import ERROR, WARNING
from tests.conftest import make_tiny_project, run_cli

TEXT = "OPENING\nA claim.(1) Another claim.(3)\n"  # the source skips (2): a warning
NOTES = '[[note]]\nmarker = 1\ntext = "[@viola1987]"\n\n[[note]]\nmarker = 3\ntext = "Three."\n'
CODE = "notes.missing-number"


def test_without_strict_a_warning_stays_a_warning(tmp_path):
    root = make_tiny_project(tmp_path / "p", text=TEXT, notes=NOTES)
    checked = pipeline.check(root)
    assert [(f.code, f.severity) for f in checked.findings if f.code == CODE] == [(CODE, WARNING)]
    assert checked.errors == []
    assert run_cli("check", "--project", str(root)).exit_code == 0


def test_strict_turns_every_warning_into_an_error(tmp_path):
    root = make_tiny_project(tmp_path / "p", text=TEXT, notes=NOTES)
    checked = pipeline.check(root, strict=True)
    assert [(f.code, f.severity) for f in checked.findings if f.code == CODE] == [(CODE, ERROR)]
    assert WARNING not in {f.severity for f in checked.findings}
    result = run_cli("check", "--project", str(root), "--strict")
    assert result.exit_code == 1
    assert "no marker (2) in the text before this one" in result.output
