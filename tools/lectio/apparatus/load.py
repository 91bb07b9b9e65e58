"""Stage 5: the editor's apparatus, entries contrasting the readings.

Each ``[[entry]]`` of the apparatus file has an id, a theme, the editor's commentary
(Markdown, with ``[@key]`` citations) and optional links to other entries (``see``),
and one passage of each reading, in a table named by the reading's siglum and
anchored by quotation (see ``anchoring``). Every problem is a finding with the
file and line of the key concerned, so one run reports them all; an entry with
an error is left out of the book.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from lectio import notes
from lectio.apparatus import anchoring
from lectio.config import tomlfile
from lectio.config.apparatus_schema import ApparatusFile, Entry, entry_model
from lectio.config.report import Source
from lectio.errors import ERROR, WARNING, ApparatusError, Finding, Location
from lectio.fsutil import display_path
from lectio.model import ApparatusEntry, Reading, Span, Text, offset_of
from lectio.sources import markdown

LONG_PASSAGE = 700  # characters; a longer passage may not fit one page of the synopsis


def load_apparatus(path: Path, readings: list[Reading]) -> tuple[list[ApparatusEntry], list[Finding]]:
    """Read the apparatus file, anchor every passage, check the links; entries with errors are left out."""
    data, raw = tomlfile.read(path, "apparatus", ApparatusError)
    where = tomlfile.source(path, raw, "apparatus", ApparatusFile)
    items, findings = _top_level(data, where)
    model = entry_model(tuple(r.siglum for r in readings))
    entries: list[ApparatusEntry] = []
    typed: dict[int, Entry] = {}
    commentaries = []
    indexes = {reading.siglum: anchoring.index(reading) for reading in readings}  # once per reading
    for index, item in enumerate(items):
        if not isinstance(item, dict):  # reported by _top_level
            continue
        value, found = tomlfile.check(model, item, where, prefix=("entry", index))
        if value is not None:
            typed[index] = value
            found = _check_id(value, index, typed, where)
        if not any(f.severity == ERROR for f in found):
            commentaries.append(commentary_source(value, path, raw, _at(where, index)))
            entry = ApparatusEntry(value.id, value.theme, commentaries[-1][0], [], list(value.see),
                                   _at(where, index, line_only=True))
            found += _anchor_entry(entry, value, index, where, readings, indexes)
            entries.append(entry)
        findings += found
    markdown.fill_many(commentaries)  # one pandoc run for all the commentaries that can share one
    for entry in entries:
        findings += notes.resolve_notes(entry.commentary, notes.NotesFile(), [])
    written = {item.get("id") for item in items if isinstance(item, dict)}  # an entry left out is still known
    findings += _check_links(entries, typed, written, where)
    _mark(entries)
    return entries, findings


def _at(where: Source, index: int, *keys: str, line_only: bool = False) -> Location:
    """The place of a key of entry ``index`` (of the entry's header when the key is not written)."""
    line, column = where.locator.find(("entry", index, *keys))
    return Location(where.file, line, 0 if line_only else column)


def _top_level(data: dict, where: Source) -> tuple[tuple, list[Finding]]:
    """The file holds only [[entry]] tables: each is then checked on its own."""
    _, found = tomlfile.check(ApparatusFile, data, where)
    entries = data.get("entry", ())
    if not isinstance(entries, tuple):
        entries = ()
    return entries, found


def _check_id(entry: Entry, index: int, typed: dict[int, Entry], where: Source) -> list[Finding]:
    first = next(i for i, other in typed.items() if other.id == entry.id)
    if first == index:
        return []
    return [Finding("apparatus.duplicate-id", f"entry id {entry.id!r} is used twice (first at "
                    f"{_at(where, first, 'id')})", _at(where, index, "id"), ERROR, fix="give each entry its own id")]


def _anchor_entry(entry: ApparatusEntry, item: Entry, index: int, where: Source,
                  readings: list[Reading], indexes: dict) -> list[Finding]:
    found = []
    for reading in readings:
        place = _at(where, index, reading.siglum, "exact")
        passage, finding = anchoring.anchor(reading, item.passage(reading.siglum), place, indexes[reading.siglum])
        if finding:
            found.append(finding)
        if passage:
            entry.passages.append(passage)
            if passage.end - passage.start > LONG_PASSAGE:
                found.append(Finding("apparatus.long-passage", f"{passage.reference} passage of entry {entry.id!r} "
                                     f"is {passage.end - passage.start} characters long", place, WARNING,
                                     fix="quote the heart of the passage: the synopsis sets it beside the others"))
    return found


def _mark(entries: list[ApparatusEntry]) -> None:
    """Anchored passages become spans of their paragraphs, so the writers mark them."""
    for entry in entries:
        for passage in entry.passages:
            passage.block.spans.append(Span(passage.start, passage.end, "anchor", entry.id))


def _check_links(entries: list[ApparatusEntry], typed: dict[int, Entry], known: set, where: Source) -> list[Finding]:
    ids = [e.id for e in entries]
    found = []
    for entry in entries:
        index = next(i for i, item in typed.items() if item.id == entry.id)
        place = _at(where, index, "see")
        for target in entry.see:
            if target == entry.id:
                found.append(Finding("apparatus.self-link", f"entry {entry.id!r} links to itself", place, WARNING))
            elif target not in known:
                near = difflib.get_close_matches(target, ids, n=1)
                found.append(Finding("apparatus.unknown-link", f"entry {entry.id!r} links to unknown entry {target!r}",
                                     place, ERROR, fix=f"did you mean {near[0]!r}?" if near else "use the id of "
                                     "another [[entry]]"))
    return found


def commentary_text(item: Entry, path: Path, raw: str, where: Location) -> Text:
    """The commentary as a Markdown text of its own (read by pandoc, see sources.markdown), whose
    positions are those of the apparatus file (so that an unknown citation key is reported at its
    line and column)."""
    text, body, to_raw = commentary_source(item, path, raw, where)
    markdown.fill_many([(text, body, to_raw)])
    return text


def commentary_source(item: Entry, path: Path, raw: str, where: Location):
    """An empty text for the commentary, its Markdown, and how an offset in it maps to the file."""
    body = item.commentary
    offset = raw.find(body) if body.strip() else -1
    if offset >= 0:
        def to_raw(position: int) -> int:
            return offset + position
    else:  # escapes in the TOML string changed the text: everything on the entry's line
        line_start = offset_of(raw, where.line or 1)

        def to_raw(position: int) -> int:
            return line_start
    text = Text(f"app-{item.id}", path, display_path(path), raw=raw, markdown=True, reader="pandoc")
    return text, body if body.strip() else "", to_raw


def passage_refs(entry: ApparatusEntry, readings: list[Reading]) -> str:
    """``B 7 / C 23``, with ``B ?`` for a passage that did not anchor."""
    found = {p.siglum: p.reference for p in entry.passages}
    return " / ".join(found.get(r.siglum, f"{r.siglum} ?") for r in readings)


@dataclass
class Checked:
    """What ``lectio apparatus list|check`` report: the anchored entries and the findings."""

    file: str
    readings: list[Reading]
    entries: list[ApparatusEntry]
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    def summary(self) -> str:
        anchored = sum(len(e.passages) for e in self.entries)
        warnings = sum(f.severity == WARNING for f in self.findings)
        return (f"{self.file}: {len(self.entries)} entries, {anchored} passages anchored; "
                f"{len(self.errors)} errors, {warnings} warnings")


def check_project(project, citations_too: bool = True) -> Checked:
    """The apparatus stage alone: readings through notes, then anchoring, links and citation keys."""
    from lectio import config as config_stage, pipeline

    config = config_stage.load(project)
    if not config.apparatus.file:
        raise ApparatusError("the edition has no apparatus file", Location(display_path(config.path)),
                             fix="add [apparatus] file = \"manuscript/apparatus.toml\" to edition.toml")
    readings = pipeline.read_readings(config, [])
    path = config.resolve(config.apparatus.file)
    entries, findings = load_apparatus(path, readings)
    if citations_too:
        findings += _commentary_citations(config, entries)
    return Checked(display_path(path), readings, entries, findings)


def _commentary_citations(config, entries: list[ApparatusEntry]) -> list[Finding]:
    """Every ``[@key]`` of the commentary must be in the bibliography."""
    from lectio import citations

    bib = citations.load_bibliography([config.resolve(f) for f in config.bibliography.files])
    found = citations.check_citations([e.commentary for e in entries], bib)
    return [f for f in found if f.code != "citations.unused"]
