"""The build as a plain sequence of steps (config → … → verify).

``check`` runs every stage short of rendering and collects findings; ``build``
then renders. Each stage is a function of the previous stage's result.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from lectio import (apparatus, assemble, cache, citations, config as config_stage, index, notes, pandoc, progress,
                    sources, variants)
from lectio.errors import ERROR, INFO, WARNING, Finding, SourceError, StageFailed
from lectio.model import Book, Reading, Text
from lectio.sources import structure


@dataclass
class Checked:
    book: Book
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


@progress.stage("check")
def check(project: Path | str = ".", strict: bool = False, cached: bool = False) -> Checked:
    """Run config → sources → notes → citations → apparatus → assemble; collect findings. ``cached`` (a
    build): the notes citeproc formatted before are taken from the build's cache."""
    with progress.stage("config"):
        config = config_stage.load(project)
    findings: list[Finding] = []
    readings = read_readings(config, findings)
    with progress.stage("variants"):
        collated = variants.collate_readings(config, readings, findings)
    intro = _read_introduction(config, findings)
    findings += _editor_files(config)
    entries = []
    if config.apparatus.file:
        with progress.stage("apparatus"):
            entries, found = apparatus.load_apparatus(config.resolve(config.apparatus.file), readings)
        findings += found
    texts = ([intro] if intro else []) + [r.text for r in readings] + [e.commentary for e in entries]
    bibliography = _citations(config, texts, findings, cached)
    with progress.stage("assemble"):
        book = assemble.assemble(config, intro, readings, entries, bibliography, findings, collated)
    with progress.stage("index"):
        indexes, found = index.build(config, book)  # matched in the assembled text: a stage after assemble
    findings += found
    book = dataclasses.replace(book, indexes=indexes)
    if strict:
        for finding in findings:
            if finding.severity == WARNING:
                finding.severity = ERROR
    return Checked(book, findings)


@progress.stage("sources")
def read_readings(config, findings: list[Finding]) -> list[Reading]:
    """Every reading through sources and notes: what the apparatus anchors on."""
    return [_read_reading(config, item, findings) for item in config.readings]


def _read_reading(config, item: "config_stage.Reading", findings: list[Finding]) -> Reading:
    text, found = sources.read_text(item.siglum, config.resolve(item.source), _max_mb(config))
    sidecar = notes.load_notes_file(config.resolve(item.notes) if item.notes else None)
    found += notes.resolve_notes(text, sidecar, found)
    findings += found
    structure.apply(text, item.title, item.author)
    return Reading(item.siglum, item.title, item.author, text, item.description, item.language)


@progress.stage("markup scan")
def _editor_files(config) -> list[Finding]:
    """Raw HTML, unsafe links (see render.sanitize) and overlong words in every file the editor writes
    (Word and HTML sources are sanitized by their reader: sources.office); stylesheet URLs that point
    out of the project (warnings)."""
    from lectio.fsutil import display_path, read_utf8
    from lectio.render import pdf, sanitize

    names = [config.introduction.file, config.apparatus.file]
    names += [name for item in config.readings for name in (item.source, item.notes, item.variants)]
    names += [w.source for item in config.readings for w in item.witnesses]
    found = []
    for path in dict.fromkeys(config.resolve(n) for n in names if n):
        if path.is_file() and path.suffix.lower() not in sources.OFFICE:  # sanitized by their reader
            raw = read_utf8(path, SourceError, max_mb=_max_mb(config))
            found += sanitize.scan(raw, display_path(path)) + sanitize.long_words(raw, display_path(path))
    refusals = sanitize.stylesheet_refusals(pdf.editor_stylesheets(config), config.root, pdf.allowed_folders(config))
    return found + [finding for _, finding in refusals]


def _max_mb(config) -> float:
    return config.output.max_source_mb


def _read_introduction(config, findings: list[Finding]) -> Text | None:
    if not config.introduction.file:
        return None
    text, found = sources.read_text("intro", config.resolve(config.introduction.file), _max_mb(config))
    found += notes.resolve_notes(text, notes.NotesFile(), found)
    findings += found
    structure.apply(text)
    return text


@progress.stage("citations")
def _citations(config, texts: list[Text], findings: list[Finding], cached: bool = False) -> list[tuple[str, str]]:
    files = [config.resolve(f) for f in config.bibliography.files]
    bib = citations.load_bibliography(files)
    timeout = config.output.pandoc_timeout
    findings += bib.findings
    findings += citations.check_citations(texts, bib)
    findings += pandoc.bracket_findings(texts)
    if files:
        findings += citations.agreement_findings(bib, timeout)
    if any(f.severity == ERROR for f in findings):
        return []
    style = citations.style_path(config.bibliography.style, config.root)
    keys = [k for t in texts for n in t.notes for k in citations.cited_keys(n.markdown)]
    store = cache.Store(config.output_dir, "citeproc") if cached else None  # a job formatted before: not again
    return citations.format_texts(_grouped(texts), bib, style, timeout, keys, store)  # one citeproc run at most


def _grouped(texts: list[Text]) -> list[Text]:
    """Apparatus commentaries are formatted as one sequence, so ibid. follows across entries."""
    ordinary = [t for t in texts if not t.key.startswith("app-")]
    commentary = [t for t in texts if t.key.startswith("app-")]
    if commentary:
        ordinary.append(_ApparatusNotes(commentary))
    return ordinary


class _ApparatusNotes(Text):
    """All apparatus notes numbered as one series (shared Note objects, so formatting lands)."""

    def __init__(self, commentary: list[Text]):
        super().__init__("apparatus", commentary[0].path, commentary[0].display_path)
        self.notes = [n for t in commentary for n in t.notes]
        for number, note in enumerate(self.notes, start=1):
            note.number = number


def fail_on_errors(checked: Checked, echo=None) -> None:
    """Stop on the check's errors; ``echo`` (the build's) gets its warnings and resolved findings first,
    so that a build shows them as ``lectio check`` does (the errors are the raised error's)."""
    for finding in checked.findings if echo is not None else ():
        if finding.severity in (WARNING, INFO):
            echo(str(finding))
    if checked.errors:
        raise StageFailed(findings=checked.findings)
