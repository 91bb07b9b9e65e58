"""The benchmark's tables and ratios, from made-up timings (no build runs)."""

from __future__ import annotations

import bench_report as report
import stages

KINDS = {"cold": 30.0, "noop": 0.5, "one-edit": 6.0, "cold-no-verify": 15.0,
         "weasyprint": 10.0, "pandoc-epub": 2.0, "pandoc-typst": 1.0, "typst": 1.0}


def runs(repeats=(1, 2, 3), scale=None, size=50) -> list[dict]:
    scale = scale or {1: 1.0, 2: 2.0, 3: 1.5}
    return [{"size": size, "repeat": r, "kind": kind, "wall": wall * scale[r], "cpu": wall / 2,
             "rss_mb": 100.0 + r, "tree_mb": 200.0 + r, "code": 0} for r in repeats for kind, wall in KINDS.items()]


def row(table: str, label: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"| {label} |"))
    return [cell.strip() for cell in line.strip("|").split("|")][1:]


def test_baselines_are_the_sum_of_their_parts_per_repeat():
    repeats = report.by_repeat(runs(), 50)
    assert repeats[2]["weasyprint+pandoc"]["wall"] == 24.0  # (10 + 2) × 2
    assert repeats[1]["typst+pandoc"]["wall"] == 4.0  # pandoc→Typst 1, typst 1, pandoc→EPUB 2
    assert repeats[3]["typst+pandoc"]["tree_mb"] == 203.0  # the largest of the parts, not their sum


def test_table_shows_medians_ranges_peaks_and_ratios():
    table = report.size_table(runs(), 50, pages=62)
    assert table.splitlines()[0] == "### 50 pages requested (62 pages laid out)"
    assert row(table, "lectio build, cold, verified") == ["45.0 (30.0–60.0)", "15.0 (15.0–15.0)", "103", "203"]
    assert row(table, "no-op rebuild")[0] == "0.75 (0.50–1.00)"
    assert row(table, "WeasyPrint-once + pandoc-once")[0] == "18.0 (12.0–24.0)"
    # one repeat's lectio over the same repeat's baseline: 30/12 = 2.5 every time
    assert row(table, "cold verified ÷ WeasyPrint+pandoc") == ["2.50 (2.50–2.50)", "2.50 (2.50–2.50)"]
    assert row(table, "one-edit ÷ Typst path")[0] == "1.50 (1.50–1.50)"
    assert row(table, "cold --no-verify ÷ WeasyPrint+pandoc")[1] == "1.25 (1.25–1.25)"  # CPU: 7.5 / 6


def test_ratio_is_taken_per_repeat_not_of_medians():
    data = runs(repeats=(1, 2))
    data = [dict(r, wall=r["wall"] * (3 if r["repeat"] == 2 and r["kind"] == "cold" else 1)) for r in data]
    values = report.ratios(report.by_repeat(data, 50), "cold", "weasyprint+pandoc", "wall")
    assert sorted(values) == [2.5, 7.5]  # repeat 1: 30/12; repeat 2: 180/24


def test_failed_runs_are_left_out_and_named():
    data = runs(repeats=(1,))
    data[0]["code"] = 1  # the cold verified build failed
    table = report.size_table(data, 50)
    assert "lectio build, cold, verified" not in table
    assert "cold verified ÷" not in table
    assert table.endswith("Failed (left out above): cold.")


def test_one_value_is_shown_without_a_range_and_sizes_are_sorted():
    text = report.markdown(runs(repeats=(1,), size=150) + runs(repeats=(1,)), {50: 62}, "header line")
    assert text.startswith("header line\n\nCPU seconds, medians:")
    assert "\n### 50 pages requested (62 pages laid out)\n" in text
    assert text.index("### 50 pages") < text.index("### 150 pages requested\n")
    assert row(text, "one-edit rebuild")[0] == "6.0"
    titled = report.markdown(runs(repeats=(1,)), {50: 62}, others={50: {"WeasyPrint-once": 61, "Typst": 31}})
    assert "\n### 50 pages requested (62 pages laid out; WeasyPrint-once 61, Typst 31)\n" in titled


def test_summary_has_a_row_per_size_with_medians_ratios_and_lectios_peak():
    summary = report.summary(runs() + runs(size=150), {50: 62}, "wall")
    lines = summary.splitlines()
    assert len(lines) == 4 and lines[0].startswith("| pages (laid out) | cold verified |")
    assert row(summary, "50 (62)") == ["45.0", "22.5", "0.75", "9.0", "18.0", "6.0", "2.50", "1.50", "203"]
    assert row(summary, "150 (?)")[0] == "45.0"
    text = report.markdown(runs(), {50: 62})
    assert text.index("CPU seconds, medians:") < text.index("Wall seconds, medians:") < text.index("### 50 pages")


def test_stage_growth_fit_and_sizes():
    assert abs(stages.slope([(50, 1.0), (100, 2.0), (400, 8.0)]) - 1.0) < 1e-9
    assert abs(stages.slope([(50, 1.0), (150, 9.0)]) - 2.0) < 1e-9
    table = stages.table({50: {"layout": 1.0, "write": 0.5}, 150: {"layout": 3.0, "write": 4.5}})
    assert row(table, "layout") == ["1.000", "3.000", "1.00", "1.00"]
    assert row(table, "write")[2] == "2.00"
    assert stages.SIZES == (50, 150, 300, 500, 1000)
