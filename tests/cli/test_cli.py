"""Exit codes and messages, and the rule that bad input writes nothing."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_check_seed_is_clean(project):
    result = run_cli("check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_check_json(project):
    result = run_cli("check", "--format", "json")
    findings = json.loads(result.stdout)
    assert {"code", "file", "line", "column", "severity", "message"} <= set(findings[0])
    assert any(f["code"] == "notes.duplicate" and f["decision"] for f in findings)


def test_unknown_citation_key_fails_with_location(project):
    notes = project / "manuscript" / "S.notes.toml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("[@stalin1929rightdeviation]", "[@stalin1929rightdeviaton]", 1),
                     encoding="utf-8")
    result = run_cli("check")
    assert result.exit_code == 1
    assert "unknown citation key @stalin1929rightdeviaton" in result.output
    assert "did you mean @stalin1929rightdeviation" in result.output


def test_bad_config_exits_1_without_traceback(project):
    (project / "edition.toml").write_text("[edition\n", encoding="utf-8")
    result = run_cli("build")
    assert result.exit_code == 1
    assert "edition.toml:1" in result.output and "Traceback" not in result.output
    assert not (project / "build").exists()


def test_bad_input_leaves_previous_outputs(project):
    build = project / "build"
    build.mkdir()
    previous = build / "collectivization-reader.pdf"
    previous.write_bytes(b"previous build")
    (project / "bib" / "edition.bib").write_bytes(b"@book{x, title={caf\xe9}}")
    result = run_cli("build")
    assert result.exit_code == 1 and "not valid UTF-8" in result.output
    assert previous.read_bytes() == b"previous build"


def test_usage_error_exits_2(project):
    assert run_cli("build", "--to", "docx").exit_code == 2


def test_normalize_diff_does_not_touch_sources(project):
    source = project / "manuscript" / "000_60675b7950f4f9e5.txt"
    before = source.read_bytes()
    result = run_cli("normalize", "M", "--diff")
    assert result.exit_code == 0
    assert "+Lynne Viola wrote:" in result.stdout and "tex-single-quote 9" in result.output
    assert source.read_bytes() == before


def test_normalize_write_keeps_backup_and_rereads_the_same(project):
    source = project / "manuscript" / "000_60675b7950f4f9e5.txt"
    before = source.read_bytes()
    assert run_cli("normalize", "M", "--write").exit_code == 0
    assert (project / "manuscript" / "000_60675b7950f4f9e5.txt.orig").read_bytes() == before
    assert source.read_text(encoding="utf-8").startswith("## The essential r\u00f4le")
    assert run_cli("normalize", "M", "--write").exit_code == 1  # backup exists: refuse


def test_unknown_siglum(project):
    result = run_cli("normalize", "X")
    assert result.exit_code == 1 and "no reading with siglum 'X'" in result.output
