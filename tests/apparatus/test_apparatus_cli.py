"""``lectio apparatus list|check|suggest``."""

from __future__ import annotations

import json
import re

from tests.conftest import run_cli

APP = "manuscript/apparatus.toml"


def test_list_prints_id_theme_and_sigla(project):
    result = run_cli("apparatus", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert re.match(r"\s*A1\s+who-drove\s+M 1 / S 19\s+Who drove collectivization$", lines[0])
    assert len(lines) >= 12
    listed = json.loads(run_cli("apparatus", "list", "--format", "json").stdout)
    assert listed[0] == {"number": "A1", "id": "who-drove", "theme": "Who drove collectivization",
                         "passages": "M 1 / S 19"}


def test_check_is_clean_on_the_seed(project):
    result = run_cli("apparatus", "check")
    assert result.exit_code == 0, result.output
    assert re.search(r"apparatus.toml: \d+ entries, \d+ passages anchored; 0 errors, 0 warnings", result.output)


def test_check_fails_with_file_and_line(project):
    path = project / APP
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("the most oppressed of the peasant masses", "the most opressed peasants", 1),
                    encoding="utf-8")
    result = run_cli("apparatus", "check")
    assert result.exit_code == 1
    line = next(n for n, l in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "opressed" in l)
    assert f"{APP}:{line}:1: error: M passage not found" in result.output
    assert "closest passage: M 1" in result.output and "Traceback" not in result.output


def test_check_catches_an_unknown_citation_key_in_the_commentary(project):
    path = project / APP
    path.write_text(path.read_text(encoding="utf-8").replace("[@viola1987bestsons]", "[@viola1987bestson]", 1),
                    encoding="utf-8")
    result = run_cli("apparatus", "check")
    assert result.exit_code == 1
    assert re.search(rf"{APP}:\d+:\d+: error: unknown citation key @viola1987bestson\b", result.output)


def test_suggest_is_deterministic_and_writes_nothing(project):
    before = (project / APP).read_bytes()
    first = run_cli("apparatus", "suggest", "--top", "8")
    assert first.exit_code == 0, first.output
    assert first.output == run_cli("apparatus", "suggest", "--top", "8").output
    assert (project / APP).read_bytes() == before
    ranks = re.findall(r"^\s*(\d+)\. (\d\.\d\d)  M (\d+) ~ S (\d+)", first.output, re.M)
    assert len(ranks) == 8
    scores = [float(score) for _, score, _, _ in ranks]
    assert scores == sorted(scores, reverse=True)
    assert "already in:" not in first.output


def test_suggest_json_and_covered_pairs(project):
    result = run_cli("apparatus", "suggest", "--all", "--top", "40", "--format", "json")
    candidates = json.loads(result.stdout)
    assert len(candidates) == 40
    assert {"score", "cosine", "terms", "quotation", "covered", "passages"} <= set(candidates[0])
    assert any(c["covered"] for c in candidates)
    assert all(c["passages"][0]["reference"].startswith("M ") for c in candidates)


def test_suggest_finds_a_shared_quotation(project):
    """Both readings quoting the same words is the strongest signal."""
    from lectio.apparatus import check_project
    from lectio.apparatus.suggest import suggest

    checked = check_project(project, citations_too=False)
    left, right = checked.readings
    block = left.text.paragraphs()[7]
    block.text += " As Stalin put it, “a necessary element of the offensive, but they are an auxiliary”."
    best = suggest([left, right], top=1)[0]
    assert best.quotation and best.left.reference == "M 8" and best.right.reference == "S 23"
