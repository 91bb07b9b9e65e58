"""What the benchmark compares lectio with, on the same book.

* **WeasyPrint-once + pandoc-once**: lectio's own print HTML of the book (``render.html.write_html``
  with ``render.pdf.print_css`` and the page geometry of the page count lectio's build gave)
  laid out once and written by the ``weasyprint`` command; plus one ``pandoc`` run from the
  book's Markdown to EPUB with ``--citeproc`` and the edition's bibliography and CSL style.
* **pandoc→Typst + pandoc→EPUB**: the same Markdown converted by pandoc (with ``--citeproc``)
  to a standalone Typst document, compiled to PDF by the ``typst`` package
  (``typst.compile``, the ``[bench]`` extra); plus the same pandoc→EPUB run.

The book's Markdown (:func:`book_markdown`) is made from the project's files: the
introduction, every reading (its ``(n)`` note markers as pandoc footnotes holding the
notes file's text, its short unpunctuated lines as headings) and the apparatus's
commentaries, so that both baselines typeset the same notes and citations as lectio.
Preparing these inputs is not timed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

MARKER = re.compile(r"\((\d+)\)")
HEADING_MAX = 80
TYPST_PAGE = ("-V", "papersize=us-trade", "-V", "fontsize=10pt")  # 6x9 in: the generated editions' trim
MARKDOWN, HTML, PDF, EPUB, TYPST = "book.md", "book.html", "book.pdf", "book.epub", "book.typ"


def book_markdown(project: Path) -> str:
    """The edition as one pandoc Markdown document (title block, chapters, footnotes)."""
    config = tomllib.loads((project / "edition.toml").read_text(encoding="utf-8"))
    edition = config["edition"]
    parts = [f"---\ntitle: {_yaml(edition['title'])}\nlang: {edition.get('language', 'en')}\n---\n"]
    intro = config.get("introduction", {}).get("file")
    if intro:
        parts.append("# Introduction\n\n" + (project / intro).read_text(encoding="utf-8"))
    for reading in config.get("readings", []):
        parts.append(reading_markdown(project, reading))
    apparatus = config.get("apparatus", {}).get("file")
    if apparatus:
        parts.append(apparatus_markdown(tomllib.loads((project / apparatus).read_text(encoding="utf-8"))))
    return "\n\n".join(parts) + "\n"


def reading_markdown(project: Path, reading: dict) -> str:
    """One reading: its title as a chapter heading, its paragraphs, its notes as footnotes."""
    siglum, title = reading["siglum"], reading["title"]
    notes = {}
    if reading.get("notes"):
        sidecar = tomllib.loads((project / reading["notes"]).read_text(encoding="utf-8"))
        notes = {int(n["marker"]): n["text"] for n in sidecar.get("note", [])}
    blocks = [b.strip() for b in (project / reading["source"]).read_text(encoding="utf-8").split("\n\n")]
    blocks = [b for b in blocks if b]
    if blocks and blocks[0] == title:
        blocks = blocks[1:]

    def footnote(match: re.Match) -> str:
        number = int(match.group(1))
        return f"[^{siglum}{number}]" if number in notes else match.group(0)

    body = [("## " + b) if _heading(b) else MARKER.sub(footnote, b) for b in blocks]
    defs = [f"[^{siglum}{n}]: {text}" for n, text in sorted(notes.items())]
    return "\n\n".join([f"# {title}", *body, *defs])


def apparatus_markdown(apparatus: dict) -> str:
    entries = apparatus.get("entry", [])
    return "\n\n".join(["# Readings compared"] + [f"## {e.get('theme', e['id'])}\n\n{e.get('commentary', '')}"
                                                  for e in entries])


def _heading(block: str) -> bool:
    return len(block) <= HEADING_MAX and "\n" not in block and not block.rstrip().endswith((".", ":", ";", ",", '"'))


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bibliography(project: Path) -> tuple[list[Path], Path | None]:
    """The edition's .bib files and its CSL style's file (lectio's own lookup of the style's name)."""
    from lectio.citations.stage import style_path

    config = tomllib.loads((project / "edition.toml").read_text(encoding="utf-8"))
    bib = config.get("bibliography", {})
    style = bib.get("style")
    return [project / f for f in bib.get("files", [])], style_path(style, project) if style else None


def pandoc_args(project: Path) -> list[str]:
    files, style = bibliography(project)
    args = ["--citeproc"] + [f"--bibliography={f}" for f in files]
    return args + ([f"--csl={style}"] if style else [])


def commands(project: Path, work: Path, python: str = sys.executable) -> dict[str, list[str]]:
    """The timed baseline commands, by name; ``work`` holds the inputs :func:`prepare` wrote."""
    from lectio import pandoc

    exe, cite = pandoc.executable(), pandoc_args(project)
    weasy = [python, "-m", "weasyprint", "--base-url", f"{project}/", str(work / HTML), str(work / PDF)]
    return {
        "weasyprint": weasy,
        "pandoc-epub": [exe, str(work / MARKDOWN), *cite, "--toc", "-o", str(work / EPUB)],
        "pandoc-typst": [exe, str(work / MARKDOWN), *cite, "-s", "-t", "typst", *TYPST_PAGE, "-o", str(work / TYPST)],
        "typst": [python, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
                  str(work / TYPST), str(work / "book-typst.pdf")],
    }


def prepare(project: Path, work: Path, pages: int) -> None:
    """Write the baselines' inputs: the book's Markdown, and lectio's print HTML for ``pages`` pages."""
    from lectio import pipeline
    from lectio.render import html, pdf
    from lectio.render.pagesetup import PageSetup

    work.mkdir(parents=True, exist_ok=True)
    (work / MARKDOWN).write_text(book_markdown(project), encoding="utf-8")
    checked = pipeline.check(project)
    config = checked.book.config
    css = pdf.print_css(config) + pdf.geometry_css(config, PageSetup.from_config(config, pages))
    (work / HTML).write_text(html.write_html(checked.book, css), encoding="utf-8")


def main(argv: list[str]) -> int:
    """``bench_baselines.py PROJECT WORK PAGES``: :func:`prepare`, in a process of its own."""
    prepare(Path(argv[0]).resolve(), Path(argv[1]).resolve(), int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
