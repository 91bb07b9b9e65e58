"""One citeproc run per build: every text's notes and the bibliography in one pandoc process.

Formatting each text on its own started pandoc once per text, and each run read the whole
bibliography: a book with more readings and more entries paid for both (texts × entries).
Here the jobs (a text's notes, the bibliography) are written into one Markdown document,
each in a ``::: lectio-job`` div, and pandoc runs once with ``data/citeproc-jobs.lua``,
which gives each div to citeproc as a document of its own (its own bibliography file,
``suppress-bibliography``, ``nocite``) and writes its HTML after a ``<!--lectio-job-->``
line. A job's HTML is therefore what a run of pandoc on that job alone gave (first
citations, short forms and ibid. start afresh in each text), and the resolved .bib files
are still the only bibliographies pandoc is given (named on the command line, as
``--sandbox`` requires).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from lectio import pandoc
from lectio.citations import bibtex, citeprocfix
from lectio.citations.bibtex import BibEntry
from lectio.errors import RenderError

FILTER = Path(__file__).resolve().parent.parent / "data" / "citeproc-jobs.lua"
MARK = "<!--lectio-job-->"
NOTES, LIST = "notes", "list"  # which resolved .bib a job reads: citeprocfix.note_entries or bibliography_entries


@dataclass(frozen=True)
class Job:
    """One document for citeproc: its Markdown, the .bib it reads, and its metadata."""

    markdown: str
    entries: str = NOTES
    suppress_bibliography: bool = True
    nocite: str = ""  # "@a, @b": entries listed without being cited


def run(jobs: list[Job], entries: list[BibEntry], style: Path, timeout: float, what: str) -> list[str]:
    """Each job's HTML, in order, from one pandoc run."""
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="lectio-bib-") as folder:
        args = ["-f", "markdown", "-t", "html5", "--wrap=none", "--lua-filter", str(FILTER),
                "--csl", str(citeprocfix.write_style(style, Path(folder)))]
        files = _bib_files(jobs, entries, Path(folder))
        for path in files.values():
            args += ["--bibliography", str(path)]
        document = "\n\n".join(_div(job, files.get(job.entries)) for job in jobs)
        out = pandoc.run(args, document, timeout=timeout, what=what)
    parts = out.split(MARK + "\n")[1:]
    if len(parts) != len(jobs):
        raise RenderError(f"{what}: pandoc gave {len(parts)} results for {len(jobs)} texts", code="pandoc.failed")
    return [citeprocfix.restore(part) for part in parts]


def _bib_files(jobs: list[Job], entries: list[BibEntry], folder: Path) -> dict[str, Path]:
    """The resolved entries, as each kind of job needs them, written once (none without entries)."""
    if not entries:
        return {}
    prepare = {NOTES: citeprocfix.note_entries, LIST: citeprocfix.bibliography_entries}
    files = {}
    for kind in dict.fromkeys(job.entries for job in jobs):
        files[kind] = folder / f"resolved-{kind}.bib"
        files[kind].write_text(bibtex.dumps(prepare[kind](entries)), encoding="utf-8")
    return files


def _div(job: Job, bib: Path | None) -> str:
    attributes = [".lectio-job"]
    if bib is not None:
        attributes.append(f'bibliography="{bib}"')
    if job.suppress_bibliography:
        attributes.append('suppress="true"')
    if job.nocite:
        attributes.append(f'nocite="{job.nocite}"')
    return f"::: {{{' '.join(attributes)}}}\n{job.markdown}\n:::"
