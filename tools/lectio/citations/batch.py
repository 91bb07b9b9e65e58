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

Because a job's HTML depends on nothing but the job, the entries it reads, the style, the filter
and pandoc, it is kept in the build's cache (``cache.Store``, kind ``citeproc``) by the hash of
those, and only the jobs the cache lacks go to pandoc: a rebuild after an edit that changed no note
runs no citeproc at all, and one that changed a text's notes formats that text alone.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lectio import cache, manifest, pandoc
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


def run(jobs: list[Job], entries: list[BibEntry], style: Path, timeout: float, what: str,
        store: cache.Store | None = None) -> list[str]:
    """Each job's HTML, in order: from ``store`` where it has the job, else from one pandoc run."""
    if not jobs:
        return []
    bibs = _resolved(jobs, entries)
    names = _names(jobs, bibs, style) if store is not None else [None] * len(jobs)
    kept = [_kept(store, name) for name in names]
    missing = [job for job, html in zip(jobs, kept) if html is None]
    formatted = iter(_formatted(missing, bibs, style, timeout, what) if missing else [])
    outs = [html if html is not None else next(formatted) for html in kept]
    new = [(name, out) for name, html, out in zip(names, kept, outs) if name is not None and html is None]
    if new:  # kept only when the build succeeds: a failed build writes nothing (``manifest.after_success``)
        manifest.after_success(lambda: [store.put(name, out.encode("utf-8")) for name, out in new])
    return outs


def _formatted(jobs: list[Job], bibs: dict[str, str], style: Path, timeout: float, what: str) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="lectio-bib-") as folder:
        args = ["-f", "markdown", "-t", "html5", "--wrap=none", "--lua-filter", str(FILTER),
                "--csl", str(citeprocfix.write_style(style, Path(folder)))]
        files = _bib_files(jobs, bibs, Path(folder))
        for path in files.values():
            args += ["--bibliography", str(path)]
        document = "\n\n".join(_div(job, files.get(job.entries)) for job in jobs)
        out = pandoc.run(args, document, timeout=timeout, what=what)
    parts = out.split(MARK + "\n")[1:]
    if len(parts) != len(jobs):
        raise RenderError(f"{what}: pandoc gave {len(parts)} results for {len(jobs)} texts", code="pandoc.failed")
    return [citeprocfix.restore(part) for part in parts]


def _resolved(jobs: list[Job], entries: list[BibEntry]) -> dict[str, str]:
    """The resolved entries as .bib text, for each kind of job among ``jobs`` (none without entries)."""
    prepare = {NOTES: citeprocfix.note_entries, LIST: citeprocfix.bibliography_entries}
    return {kind: bibtex.dumps(prepare[kind](entries)) for kind in dict.fromkeys(job.entries for job in jobs)} \
        if entries else {}


def _names(jobs: list[Job], bibs: dict[str, str], style: Path) -> list[str]:
    """Each job's key in the cache: the job, the entries as it reads them, the style, the filter, pandoc."""
    try:
        program = pandoc.executable()
        made = [style.read_bytes(), FILTER.read_bytes(), program, repr(os.stat(program)[6:9])]
    except OSError:
        return [None] * len(jobs)
    return [cache.key("citeproc", *made, bibs.get(job.entries, ""), job.markdown, job.entries,
                      str(job.suppress_bibliography), job.nocite) for job in jobs]


def _kept(store: cache.Store | None, name: str | None) -> str | None:
    data = store.get(name) if store is not None and name is not None else None
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:  # an unreadable entry is a miss
        return None


def _bib_files(jobs: list[Job], bibs: dict[str, str], folder: Path) -> dict[str, Path]:
    """The resolved entries (:func:`_resolved`) that ``jobs`` read, each kind written once."""
    files = {}
    for kind in dict.fromkeys(job.entries for job in jobs if job.entries in bibs):
        files[kind] = folder / f"resolved-{kind}.bib"
        files[kind].write_text(bibs[kind], encoding="utf-8")
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
