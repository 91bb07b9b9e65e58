"""``lectio apparatus suggest`` across every pair of readings, with or without an apparatus file."""

from __future__ import annotations

import json
import re

from lectio.apparatus.suggest import project_readings, suggest
from tests.conftest import run_cli
from tests.pipeline.many_readings import make_project


def pairs(output: str) -> list[tuple[str, str]]:
    return re.findall(r"^\s*\d+\. \d\.\d\d  ([A-F]) \d+ ~ ([A-F]) \d+", output, re.M)


def test_a_pair_only_the_second_and_third_readings_share_is_proposed(tmp_path):
    root = make_project(tmp_path / "p", 3)
    readings, entries = project_readings(root)
    best = suggest(readings, entries, top=5)[0]
    assert (best.left.siglum, best.right.siglum) == ("B", "C")
    assert best.quotation == "a road that every town"
    assert (best.left.reference, best.right.reference) == ("B 3", "C 3")


def test_every_pair_of_readings_is_compared(tmp_path):
    root = make_project(tmp_path / "p", 3)
    result = run_cli("apparatus", "suggest", "--project", str(root), "--top", "20")
    assert result.exit_code == 0, result.output
    assert {("A", "B"), ("A", "C"), ("B", "C")} <= set(pairs(result.output))
    assert all(left < right for left, right in pairs(result.output))  # each pair in reading order


def test_six_readings_give_pairs_beyond_the_first_two(tmp_path):
    root = make_project(tmp_path / "p", 6, apparatus=False)
    result = run_cli("apparatus", "suggest", "--project", str(root), "--top", "40", "--format", "json")
    assert result.exit_code == 0, result.output
    found = {tuple(p["reference"].split()[0] for p in c["passages"]) for c in json.loads(result.stdout)}
    assert {("E", "F"), ("A", "F"), ("D", "E")} <= found


def test_suggest_runs_without_an_apparatus_file(tmp_path):
    root = make_project(tmp_path / "p", 3, apparatus=False)
    assert "[apparatus]" not in (root / "edition.toml").read_text(encoding="utf-8")
    result = run_cli("apparatus", "suggest", "--project", str(root), "--top", "3")
    assert result.exit_code == 0, result.output
    assert pairs(result.output)[0] == ("B", "C") and "already in" not in result.output
    assert not (root / "apparatus.toml").exists()  # nothing written


def test_pairs_already_in_an_entry_are_marked_across_readings(tmp_path):
    root = make_project(tmp_path / "p", 3)
    result = run_cli("apparatus", "suggest", "--project", str(root), "--all", "--top", "10")
    covered = re.findall(r"([A-F]) \d+ ~ ([A-F]) \d+  \(.*already in: (e\d)", result.output)
    assert {(left, right) for left, right, _ in covered} >= {("A", "B"), ("B", "C")}
    plain = run_cli("apparatus", "suggest", "--project", str(root), "--top", "10")
    assert "already in" not in plain.output


def test_one_reading_is_refused_with_a_message(tmp_path):
    root = make_project(tmp_path / "p", 1)
    result = run_cli("apparatus", "suggest", "--project", str(root))
    assert result.exit_code == 1
    assert "edition.toml: error: suggest compares readings, and the edition has only one " \
           "[apparatus.one-reading]" in result.output
    assert "fix: add another [[readings]] table to edition.toml" in result.output
