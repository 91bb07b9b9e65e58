"""The benchmark's steps, in order, with the runs themselves replaced by made-up ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import bench
import bench_measure
import stages

SIZES = (50, 150)


def fake_bench(monkeypatch, tmp_path, editions) -> list[dict]:
    seen: list[dict] = []
    for pages in SIZES:  # the generated editions, where bench looks for them
        (tmp_path / "work" / f"edition-{pages}").parent.mkdir(exist_ok=True)
        stages_folder = tmp_path / "work" / f"edition-{pages}"
        if not stages_folder.exists():
            stages_folder.symlink_to(editions[pages][0])

    def run(command, cwd, env=None, log=None):
        source = (Path(cwd) / "texts" / "A.txt").read_text(encoding="utf-8")
        seen.append({"command": command, "cwd": Path(cwd), "build": (Path(cwd) / "build").exists(),
                     "edited": source})
        (Path(cwd) / "build").mkdir(exist_ok=True)
        return bench_measure.Run(1.0, 0.5, 100.0, 150.0, 0)

    monkeypatch.setattr(bench.measure, "run", run)
    return seen


def test_lectio_steps_interleave_sizes_and_edit_only_the_one_edit_build(monkeypatch, tmp_path, editions):
    seen = fake_bench(monkeypatch, tmp_path, editions)
    out = tmp_path / "out"
    originals = {p: (editions[p][0] / "texts" / "A.txt").read_text(encoding="utf-8") for p in SIZES}
    bench.main(["--sizes", *map(str, SIZES), "--repeat", "2", "--work", str(tmp_path / "work"),
                "--out", str(out), "--skip-baselines"])
    kinds = [s["command"][3:] for s in seen]
    assert kinds == [["build"], ["build"], ["build"], ["build", "--no-verify"]] * 4
    assert [s["cwd"].name for s in seen[::4]] == ["edition-50", "edition-150"] * 2  # A B A B
    assert [s["build"] for s in seen[:4]] == [False, True, True, False]  # cold builds start without build/
    edited = [s["edited"] != originals[int(s["cwd"].name.split("-")[1])] for s in seen]
    assert edited == [False, False, True, False] * 4
    for pages in SIZES:  # the sources are as they were
        assert (editions[pages][0] / "texts" / "A.txt").read_text(encoding="utf-8") == originals[pages]
    raw = json.loads((out / "bench.json").read_text(encoding="utf-8"))
    assert len(raw["runs"]) == 16 and raw["environment"]["repeat"] == 2
    table = (out / "bench.md").read_text(encoding="utf-8")
    assert "### 50 pages requested" in table and "| one-edit rebuild | 1.0 (1.0–1.0) |" in table
    assert seen[0]["command"][:3] == [sys.executable, "-m", "lectio"]
    assert bench.tables(out / "bench.json") == table  # the same tables again from the raw runs


def test_no_verify_only_and_the_budget(monkeypatch, tmp_path, editions):
    seen = fake_bench(monkeypatch, tmp_path, editions)
    bench.main(["--sizes", "50", "150", "--repeat", "3", "--work", str(tmp_path / "work"), "--out",
                str(tmp_path / "out"), "--skip-baselines", "--no-verify-only", "--budget", "0.0000001"])
    assert [s["command"][3:] for s in seen] == [["build", "--no-verify"]] * 3  # one size, then the budget is spent
    assert "Stopped by the time budget" in (tmp_path / "out" / "bench.md").read_text(encoding="utf-8")


def test_plan_lists_the_baselines_after_lectio():
    steps = [kind for kind, _ in bench.plan(False, False)]
    assert steps == ["cold", "noop", "one-edit", "cold-no-verify", "weasyprint", "pandoc-epub", "pandoc-typst", "typst"]
    assert bench.SIZES == stages.SIZES


def test_baselines_run_after_lectio_on_inputs_prepared_once(monkeypatch, tmp_path, editions):
    seen = fake_bench(monkeypatch, tmp_path, editions)
    work = tmp_path / "work"
    bench.main(["--sizes", "50", "--repeat", "2", "--work", str(work), "--out", str(tmp_path / "out")])
    expected = bench.baselines.commands(work / "edition-50", work / "baseline-50")
    commands = [s["command"] for s in seen]
    assert commands[4:8] == commands[12:16] == [expected[k] for k in ("weasyprint", "pandoc-epub", "pandoc-typst", "typst")]
    html = (work / "baseline-50" / bench.baselines.HTML).read_text(encoding="utf-8")
    assert "A Scaled Edition of 50 Pages" in html
    table = (tmp_path / "out" / "bench.md").read_text(encoding="utf-8")
    assert "| one-edit ÷ Typst path | 0.33 (0.33–0.33) |" in table  # 1 s over its three parts, 1 s each
