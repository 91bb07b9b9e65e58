"""The benchmark's Markdown: one table per size from the raw runs (medians, min–max, ratios).

A raw run is a dict: ``size``, ``repeat``, ``kind`` (one of :data:`LECTIO` or :data:`PARTS`),
``wall``, ``cpu``, ``rss_mb``, ``tree_mb``, ``code``. A baseline (:data:`BASELINES`) is the sum
of its parts' runs of the same repeat; a ratio is taken per repeat (the runs of one repeat
follow one another, so they saw the same load) and its median and min–max are shown.
"""

from __future__ import annotations

import statistics

LECTIO = {
    "cold": "lectio build, cold, verified",
    "cold-no-verify": "lectio build --no-verify, cold",
    "noop": "no-op rebuild",
    "one-edit": "one-edit rebuild",
}
PARTS = ("weasyprint", "pandoc-epub", "pandoc-typst", "typst")
BASELINES = {
    "weasyprint+pandoc": ("WeasyPrint-once + pandoc-once", ("weasyprint", "pandoc-epub")),
    "typst+pandoc": ("pandoc→Typst + pandoc→EPUB", ("pandoc-typst", "typst", "pandoc-epub")),
}
RATIOS = (  # (numerator, denominator, label)
    ("cold", "weasyprint+pandoc", "cold verified ÷ WeasyPrint+pandoc"),
    ("cold-no-verify", "weasyprint+pandoc", "cold --no-verify ÷ WeasyPrint+pandoc"),
    ("one-edit", "typst+pandoc", "one-edit ÷ Typst path"),
    ("noop", "typst+pandoc", "no-op ÷ Typst path"),
)
MEASURES = ("wall", "cpu")


def by_repeat(runs: list[dict], size: int) -> dict[int, dict[str, dict]]:
    """The successful runs of ``size``, by repeat then kind, with the baselines summed in."""
    out: dict[int, dict[str, dict]] = {}
    for run in runs:
        if run["size"] == size and run["code"] == 0:
            out.setdefault(run["repeat"], {})[run["kind"]] = run
    for kinds in out.values():
        for name, (_, parts) in BASELINES.items():
            if all(p in kinds for p in parts):
                kinds[name] = combine([kinds[p] for p in parts])
    return out


def combine(parts: list[dict]) -> dict:
    """Runs made one after the other: times add up, the peak is the largest of theirs."""
    return {"wall": sum(p["wall"] for p in parts), "cpu": sum(p["cpu"] for p in parts),
            "rss_mb": max(p["rss_mb"] for p in parts), "tree_mb": max(p["tree_mb"] for p in parts), "code": 0}


def spread(values: list[float], digits: int = 1) -> str:
    """``median (min–max)``, or the one value, or empty."""
    if not values:
        return ""
    median = f"{statistics.median(values):.{digits}f}"
    if len(values) == 1:
        return median
    return f"{median} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratios(repeats: dict[int, dict[str, dict]], top: str, bottom: str, measure: str) -> list[float]:
    return [kinds[top][measure] / kinds[bottom][measure] for kinds in repeats.values()
            if top in kinds and bottom in kinds and kinds[bottom][measure] > 0]


def size_table(runs: list[dict], size: int, pages: int | None = None, others: dict | None = None) -> str:
    """The Markdown for one size: a row per measured build, then the ratios; ``others``: the
    baselines' page counts by name."""
    repeats = by_repeat(runs, size)
    failed = sorted({r["kind"] for r in runs if r["size"] == size and r["code"] != 0})
    counts = [f"{pages} pages laid out"] if pages else []
    counts += [", ".join(f"{name} {count}" for name, count in (others or {}).items() if count)]
    counts = [c for c in counts if c]
    title = f"### {size} pages requested" + (f" ({'; '.join(counts)})" if counts else "")
    lines = [title, "", "| build | wall s | CPU s | peak MB (largest process) | peak MB (process tree) |",
             "| --- | --- | --- | --- | --- |"]
    rows = {**LECTIO, **{name: label for name, (label, _) in BASELINES.items()}}
    for kind, label in rows.items():
        got = [kinds[kind] for kinds in repeats.values() if kind in kinds]
        if got:
            cells = [spread([g[m] for g in got], 2 if kind == "noop" else 1) for m in MEASURES]
            cells += [f"{max(g[m] for g in got):.0f}" for m in ("rss_mb", "tree_mb")]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "| ratio | wall | CPU |", "| --- | --- | --- |"]
    for top, bottom, label in RATIOS:
        cells = [spread(ratios(repeats, top, bottom, m), 2) for m in MEASURES]
        if any(cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if failed:
        lines += ["", "Failed (left out above): " + ", ".join(failed) + "."]
    return "\n".join(lines)


SUMMARY = ("cold", "cold-no-verify", "noop", "one-edit", "weasyprint+pandoc", "typst+pandoc")


def summary(runs: list[dict], pages: dict[int, int], measure: str = "cpu") -> str:
    """One row per size: the medians of ``measure``, the two main ratios, the tree's peak memory."""
    head = ("| pages (laid out) | cold verified | cold --no-verify | no-op | one-edit | WeasyPrint+pandoc | "
            "Typst path | cold ÷ WeasyPrint+pandoc | one-edit ÷ Typst | peak MB |")
    lines = [head, "|" + " --- |" * 10]
    for size in sorted({r["size"] for r in runs}):
        repeats = by_repeat(runs, size)
        cells = [f"{size} ({pages.get(size) or '?'})"]
        for kind in SUMMARY:
            got = [k[kind][measure] for k in repeats.values() if kind in k]
            cells.append(f"{statistics.median(got):.{2 if kind == 'noop' else 1}f}" if got else "")
        for top, bottom in (("cold", "weasyprint+pandoc"), ("one-edit", "typst+pandoc")):
            got = ratios(repeats, top, bottom, measure)
            cells.append(f"{statistics.median(got):.2f}" if got else "")
        peaks = [k[kind]["tree_mb"] for k in repeats.values() for kind in LECTIO if kind in k]
        cells.append(f"{max(peaks):.0f}" if peaks else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(runs: list[dict], pages: dict[int, int], header: str = "", others: dict | None = None) -> str:
    """The summary (CPU seconds, then wall seconds), then a table per size."""
    sizes = sorted({r["size"] for r in runs})
    parts = [header] if header else []
    parts += ["CPU seconds, medians:", summary(runs, pages, "cpu"), "Wall seconds, medians:", summary(runs, pages, "wall")]
    return "\n\n".join(parts + [size_table(runs, s, pages.get(s), (others or {}).get(s)) for s in sizes]) + "\n"
