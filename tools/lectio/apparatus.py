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
import re
from dataclasses import dataclass, field
from pathlib import Path

from lectio import anchoring, notes, tomlfile
from lectio.errors import ERROR, WARNING, ApparatusError, Finding, Location
from lectio.fsutil import display_path
from lectio.model import ApparatusEntry, Reading, Span, Text
from lectio.sources import normalize, split_blocks

ENTRY_KEYS = {"id": str, "theme": str, "commentary": str, "see": list}
REQUIRED = ("id", "theme", "commentary")
SELECTOR_KEYS = {"exact": str, "prefix": str, "suffix": str}
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
RESERVED_ID = re.compile(r"n\d+\Z")  # app-n3 is the anchor of the commentary's third note
TABLE_LINE = re.compile(r"^\s*\[{1,2}\s*entry\b")
LONG_PASSAGE = 700  # characters; a longer passage may not fit one page of the synopsis


@dataclass
class Layout:
    """Where things are in the apparatus file: entry header lines, key lines."""

    file: str
    lines: list[str]
    starts: list[int] = field(default_factory=list)  # 1-based line of each [[entry]]

    @classmethod
    def of(cls, file: str, raw: str) -> "Layout":
        return cls(file, raw.split("\n"), tomlfile.entry_lines(raw, "entry"))

    def entry(self, index: int) -> Location:
        return Location(self.file, self.starts[index] if index < len(self.starts) else 0)

    def key(self, index: int, key: str, table: str = "") -> Location:
        """The line of ``key`` in entry ``index`` (in its sub-table ``table``): ``key = …``,
        or a sub-table header ``[entry.key]``; else the line of the entry."""
        key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|[{{,]\s*{re.escape(key)}\s*=")
        first, last = self._table(index, table) if table else self._entry_lines(index)
        for number in range(first, last):
            if key_line.search(self.lines[number - 1]) and (table or not self._in_table(index, number)):
                return Location(self.file, number)
        header = self._header(key)
        for number in range(*self._entry_lines(index)):
            if header.match(self.lines[number - 1]):
                return Location(self.file, number)
        return self.entry(index)

    def _entry_lines(self, index: int) -> tuple[int, int]:
        if index >= len(self.starts):
            return 1, 1
        last = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lines) + 1
        return self.starts[index] + 1, last

    def _table(self, index: int, table: str) -> tuple[int, int]:
        """Lines of the sub-table [entry.table] (or of an inline table on one line)."""
        first, last = self._entry_lines(index)
        header = self._header(table)
        for number in range(first, last):
            if header.match(self.lines[number - 1]):
                end = next((n for n in range(number + 1, last) if TABLE_LINE.match(self.lines[n - 1])), last)
                return number + 1, end
        inline = self.key(index, table)
        return inline.line, inline.line + 1

    def _in_table(self, index: int, line: int) -> bool:
        first, _ = self._entry_lines(index)
        return any(TABLE_LINE.match(self.lines[n - 1]) for n in range(first, line))

    @staticmethod
    def _header(table: str) -> re.Pattern:
        return re.compile(rf"^\s*\[\s*entry\s*\.\s*[\"']?{re.escape(table)}[\"']?\s*\]")


def load_apparatus(path: Path, readings: list[Reading]) -> tuple[list[ApparatusEntry], list[Finding]]:
    """Read the apparatus file, anchor every passage, check the links; entries with errors are left out."""
    data, raw = tomlfile.load(path, ApparatusError)
    layout = Layout.of(display_path(path), raw)
    findings = _top_level(data, layout)
    entries: list[ApparatusEntry] = []
    first_line: dict[str, Location] = {}
    for index, item in enumerate(data.get("entry", [])):
        found = _check_entry(item, index, layout, readings, first_line)
        if not any(f.severity == ERROR for f in found):
            entry = ApparatusEntry(item["id"], item["theme"], commentary_text(item, path, raw, layout.entry(index)),
                                   [], list(item.get("see", [])), layout.entry(index))
            found += _anchor_entry(entry, item, index, layout, readings)
            found += notes.resolve_notes(entry.commentary, notes.NotesFile(), [])
            entries.append(entry)
        findings += found
    findings += _check_links(entries, data.get("entry", []), layout)
    _mark(entries)
    return entries, findings


def _top_level(data: dict, layout: Layout) -> list[Finding]:
    where = Location(layout.file, 1)
    found = [Finding("apparatus.unknown-key", f"unknown table or key '{key}' in the apparatus file", where, ERROR,
                     fix="the apparatus file holds only [[entry]] tables") for key in data if key != "entry"]
    entries = data.get("entry", [])
    if not isinstance(entries, list) or not all(isinstance(item, dict) for item in entries):
        found.append(Finding("apparatus.invalid", "'entry' must be an array of tables: write [[entry]]", where, ERROR))
        data["entry"] = []
    return found


def _check_entry(item: dict, index: int, layout: Layout, readings: list[Reading],
                 first_line: dict[str, Location]) -> list[Finding]:
    where = layout.entry(index)
    sigla = [r.siglum for r in readings]
    found = [Finding("apparatus.missing-key", f"[[entry]] needs '{key}'", where, ERROR)
             for key in REQUIRED if key not in item]
    for key, value in item.items():
        found += _check_key(key, value, index, layout, sigla)
    for siglum in sigla:
        if siglum not in item:
            found.append(Finding("apparatus.missing-passage", f"entry {item.get('id', '?')!r} has no passage of "
                                 f"{siglum}", where, ERROR, fix=f"add an [entry.{siglum}] table with exact = \"…\""))
    entry_id = item.get("id")
    if isinstance(entry_id, str) and (not ID_PATTERN.match(entry_id) or RESERVED_ID.match(entry_id)):
        found.append(Finding("apparatus.bad-id", f"entry id {entry_id!r} is not lowercase letters, digits and "
                             "hyphens, or is reserved (n1, n2, … name notes)", layout.key(index, "id"), ERROR,
                             fix="ids are stable names like \"who-drove\""))
    if isinstance(entry_id, str) and entry_id in first_line:
        found.append(Finding("apparatus.duplicate-id", f"entry id {entry_id!r} is used twice (first at "
                             f"{first_line[entry_id]})", layout.key(index, "id"), ERROR, fix="give each entry its own id"))
    elif isinstance(entry_id, str):
        first_line[entry_id] = layout.key(index, "id")
    return found


def _check_key(key: str, value, index: int, layout: Layout, sigla: list[str]) -> list[Finding]:
    where = layout.key(index, key)
    if key in sigla:
        return _check_selector(key, value, index, layout)
    if key not in ENTRY_KEYS:
        near = difflib.get_close_matches(key, list(ENTRY_KEYS) + sigla, n=1)
        what = "reading siglum" if isinstance(value, dict) else "key"
        hint = f"did you mean '{near[0]}'?" if near else f"keys: {', '.join(ENTRY_KEYS)}; sigla: {', '.join(sigla)}"
        return [Finding("apparatus.unknown-key", f"unknown {what} '{key}' in [[entry]]", where, ERROR, fix=hint)]
    if not isinstance(value, ENTRY_KEYS[key]) or (key == "see" and not all(isinstance(v, str) for v in value)):
        expected = "a list of entry ids" if key == "see" else "a string"
        return [Finding("apparatus.bad-type", f"'{key}' in [[entry]] must be {expected}", where, ERROR)]
    return []


def _check_selector(siglum: str, value, index: int, layout: Layout) -> list[Finding]:
    if not isinstance(value, dict):
        return [Finding("apparatus.bad-type", f"'{siglum}' must be a table: [entry.{siglum}] with exact = \"…\"",
                        layout.key(index, siglum), ERROR)]
    found = []
    for key, text in value.items():
        where = layout.key(index, key, siglum)
        if key not in SELECTOR_KEYS:
            near = difflib.get_close_matches(key, list(SELECTOR_KEYS), n=1)
            found.append(Finding("apparatus.unknown-key", f"unknown key '{key}' in [entry.{siglum}]", where, ERROR,
                                 fix=f"did you mean '{near[0]}'?" if near else "a passage has exact, and optionally "
                                 "prefix and suffix"))
        elif not isinstance(text, str):
            found.append(Finding("apparatus.bad-type", f"'{key}' in [entry.{siglum}] must be a string", where, ERROR))
    if "exact" not in value:
        found.append(Finding("apparatus.missing-key", f"[entry.{siglum}] needs 'exact'", layout.key(index, siglum),
                             ERROR, fix="quote the passage in exact = \"…\""))
    return found


def _anchor_entry(entry: ApparatusEntry, item: dict, index: int, layout: Layout,
                  readings: list[Reading]) -> list[Finding]:
    found = []
    for reading in readings:
        where = layout.key(index, "exact", reading.siglum)
        passage, finding = anchoring.anchor(reading, item[reading.siglum], where)
        if finding:
            found.append(finding)
        if passage:
            entry.passages.append(passage)
            if passage.end - passage.start > LONG_PASSAGE:
                found.append(Finding("apparatus.long-passage", f"{passage.reference} passage of entry {entry.id!r} "
                                     f"is {passage.end - passage.start} characters long", where, WARNING,
                                     fix="quote the heart of the passage: the synopsis sets it beside the other"))
    return found


def _mark(entries: list[ApparatusEntry]) -> None:
    """Anchored passages become spans of their paragraphs, so the writers mark them."""
    for entry in entries:
        for passage in entry.passages:
            passage.block.spans.append(Span(passage.start, passage.end, "anchor", entry.id))


def _check_links(entries: list[ApparatusEntry], items: list, layout: Layout) -> list[Finding]:
    ids = [e.id for e in entries]
    known = {item.get("id") for item in items if isinstance(item, dict)}
    found = []
    for entry in entries:
        index = next(i for i, item in enumerate(items) if isinstance(item, dict) and item.get("id") == entry.id)
        where = layout.key(index, "see")
        for target in entry.see:
            if target == entry.id:
                found.append(Finding("apparatus.self-link", f"entry {entry.id!r} links to itself", where, WARNING))
            elif target not in known:
                near = difflib.get_close_matches(target, ids, n=1)
                found.append(Finding("apparatus.unknown-link", f"entry {entry.id!r} links to unknown entry {target!r}",
                                     where, ERROR, fix=f"did you mean {near[0]!r}?" if near else "use the id of "
                                     "another [[entry]]"))
    return found


def commentary_text(item: dict, path: Path, raw: str, where: Location) -> Text:
    """The commentary as a Markdown text of its own, whose positions are those of the apparatus file
    (so that an unknown citation key is reported at its line and column)."""
    body = item["commentary"]
    offset = raw.find(body) if body.strip() else -1
    normalized = normalize(body, markdown=True)
    if offset >= 0:
        normalized.origin = [offset + position for position in normalized.origin]
    else:  # escapes in the TOML string changed the text: everything on the entry's line
        line_start = sum(len(line) + 1 for line in raw.split("\n")[:max(0, where.line - 1)])
        normalized.origin = [line_start] * len(normalized.origin)
    normalized.raw = raw
    text = Text(f"app-{item['id']}", path, display_path(path), raw=raw, normalized=normalized.text, markdown=True)
    text.blocks, _ = split_blocks(normalized, markdown=True)
    return text


def passage_refs(entry: ApparatusEntry, readings: list[Reading]) -> str:
    """``M 7 / S 23``, with ``M ?`` for a passage that did not anchor."""
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
    if not config["apparatus"]["file"]:
        raise ApparatusError("the edition has no apparatus file", Location(display_path(config.path)),
                             fix="add [apparatus] file = \"manuscript/apparatus.toml\" to edition.toml")
    readings = pipeline.read_readings(config, [])
    path = config.resolve(config["apparatus"]["file"])
    entries, findings = load_apparatus(path, readings)
    if citations_too:
        findings += _commentary_citations(config, entries)
    return Checked(display_path(path), readings, entries, findings)


def _commentary_citations(config, entries: list[ApparatusEntry]) -> list[Finding]:
    """Every ``[@key]`` of the commentary must be in the bibliography."""
    from lectio import citations

    bib = citations.load_bibliography([config.resolve(f) for f in config["bibliography"]["files"]])
    found = citations.check_citations([e.commentary for e in entries], bib)
    return [f for f in found if f.code != "citations.unused"]
