"""Time every stage of a build at several sizes and fit how each grows.

    .venv/bin/python benchmarks/stages.py --pages 50 150 300 500 1000 --repeat 3 --layout-up-to 300

Editions are made by ``make_edition.py`` (cached in ``--work``). Each run is a fresh
process that goes through the stages the way ``lectio build --no-verify`` does, timing
each one in CPU seconds, its own and its children's (pandoc): a busy machine disturbs them
less than wall time; sizes are interleaved (50, 150, 300, 50, 150, 300, …) so that a slow minute
of the machine falls on every size alike, and the median of the repeats is kept.

For each stage the growth exponent is the slope of a least-squares line through
(log pages, log seconds): 1 is linear, 2 quadratic; "last doubling" is the slope between the
two largest sizes (a fixed cost, such as starting pandoc, flattens the first). Stages that take under 20 ms
at the largest size are shown but their exponent means little. To measure the code
of another checkout, put its ``tools`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("config", "sources", "notes", "variants", "apparatus", "citations", "assemble", "index", "html", "layout", "pagemap",
          "lines", "epub", "pagelist", "write", "tei")
SIZES = (50, 150, 300, 500, 1000)  # as benchmarks/bench.py


def measure(project: Path, layout: bool) -> dict[str, float]:
    """Seconds per stage for one build of ``project`` (in this process)."""
    from lectio import apparatus, assemble, config as config_stage, notes, pipeline, sources
    from lectio.sources import structure

    times: dict[str, float] = {}

    def timed(stage, function, *args):
        started = cpu()
        value = function(*args)
        times[stage] = times.get(stage, 0.0) + cpu() - started
        return value

    config = timed("config", config_stage.load, project)
    findings: list = []
    readings = []
    for item in config.readings:
        text, found = timed("sources", sources.read_text, item.siglum, config.resolve(item.source))
        sidecar = timed("notes", notes.load_notes_file, config.resolve(item.notes) if item.notes else None)
        found += timed("notes", notes.resolve_notes, text, sidecar, found)
        timed("notes", structure.apply, text, item.title, item.author)
        readings.append(pipeline.Reading(item.siglum, item.title, item.author, text))
    collated = timed("variants", pipeline.variants.collate_readings, config, readings, findings)
    intro = timed("sources", pipeline._read_introduction, config, findings)
    entries = []
    if config.apparatus.file:
        entries, _ = timed("apparatus", apparatus.load_apparatus, config.resolve(config.apparatus.file), readings)
    texts = ([intro] if intro else []) + [r.text for r in readings] + [e.commentary for e in entries]
    bibliography = timed("citations", pipeline._citations, config, texts, findings)
    book = timed("assemble", assemble.assemble, config, intro, readings, entries, bibliography, findings, collated)
    indexes, _ = timed("index", pipeline.index.build, config, book)
    book = dataclasses.replace(book, indexes=indexes)
    if layout:
        _render(book, timed, times)
    return times


def _render(book, timed, times: dict[str, float]) -> None:
    """The print book (through ``build.layout_pdf``, so a parallel layout is measured too; its
    ``html`` time taken out of ``layout``), its page map and line anchors, the EPUB, the PDF
    written (``write``: WeasyPrint's ``write_pdf`` and lectio's tagging), the TEI export."""
    from lectio import build
    from lectio.render import epub, epub_package, epublines, folios, laidout, lines, pagemap, pdf, tei

    timed("html", html_only, book)
    document = timed("layout", build.layout_pdf, book)
    times["layout"] -= times["html"]
    pages = timed("pagemap", lambda: laidout.first_column(pagemap.page_starts(document), document))
    labels = timed("pagemap", lambda: list(folios.page_labels(document)))
    anchors = timed("lines", lambda: epublines.anchors(book, lines.line_map(book, document)))
    insert = epub_package.insert_pagebreaks
    epub_package.insert_pagebreaks = lambda *args: timed("pagelist", insert, *args)
    try:
        timed("epub", epub.render_epub, book, pages, labels, anchors)
    finally:
        epub_package.insert_pagebreaks = insert
    times["epub"] -= times.get("pagelist", 0.0)
    timed("write", pdf.pdf_bytes, document, book.config)
    timed("tei", tei.write_tei, book)
    times["pages"] = len(document.pages)


def html_only(book) -> str:
    """The print HTML alone (``layout`` makes it again: its time is in both)."""
    from lectio.render import html, pdf

    return html.write_html(book, pdf.print_css(book.config))


def cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (pandoc)."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


def edition(work: Path, pages: int) -> Path:
    folder = work / f"edition-{pages}"
    if not (folder / "edition.toml").exists():
        subprocess.run([sys.executable, str(HERE / "make_edition.py"), "--pages", str(pages), "--out", str(folder)],
                       check=True, capture_output=True)
    return folder


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(seconds) on log(pages)."""
    points = [(math.log(x), math.log(y)) for x, y in points if y > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    spread = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / spread if spread else None


def table(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    head = "| stage | " + " | ".join(f"{s} p." for s in sizes) + " | growth | last doubling |"
    lines = [head, "|" + " --- |" * (len(sizes) + 3)]
    for stage in STAGES:
        row = [results[s].get(stage) for s in sizes]
        if all(v is None for v in row):
            continue
        points = [(s, v) for s, v in zip(sizes, row) if v is not None]
        fits = [slope(points), slope(points[-2:])]
        cells = " | ".join("" if v is None else f"{v:.3f}" for v in row)
        lines.append(f"| {stage} | {cells} | " + " | ".join("" if f is None else f"{f:.2f}" for f in fits) + " |")
    if any("pages" in results[s] for s in sizes):
        lines.append("| (pages laid out) | " + " | ".join(str(int(results[s].get("pages", 0)) or "") for s in sizes)
                     + " | |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layout-up-to", type=int, default=150, help="lay out (and map pages) up to this size")
    parser.add_argument("--work", type=Path, default=Path("/tmp/lectio-bench"))
    parser.add_argument("--json", type=Path, help="also write the medians here")
    parser.add_argument("--table", type=Path, help="only print the table of medians written by --json")
    parser.add_argument("--one", nargs=2, metavar=("PROJECT", "LAYOUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.table:
        print(table({int(k): v for k, v in json.loads(args.table.read_text(encoding="utf-8")).items()}))
        return 0
    if args.one:
        print(json.dumps(measure(Path(args.one[0]), args.one[1] == "1")))
        return 0
    runs: dict[int, list[dict[str, float]]] = {pages: [] for pages in args.pages}
    for _ in range(args.repeat):
        for pages in args.pages:
            project = edition(args.work, pages)
            done = subprocess.run([sys.executable, __file__, "--one", str(project), str(int(pages <= args.layout_up_to))],
                                  check=True, capture_output=True, text=True, env=os.environ)
            runs[pages].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"{pages} pages: {runs[pages][-1]}", file=sys.stderr)
    medians = {pages: {stage: statistics.median(run[stage] for run in done) for stage in done[0]}
               for pages, done in runs.items()}
    print(table(medians))
    if args.json:
        args.json.write_text(json.dumps(medians, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
