"""A reading's notes file (a TOML sidecar): the editor's note texts, restored
citations and emendations, read and checked with file:line errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lectio import tomlfile
from lectio.errors import Location, NotesError
from lectio.fsutil import display_path


@dataclass
class NoteEntry:
    """One ``[[note]]`` of a notes file: the text for one marker occurrence."""

    marker: str
    text: str
    location: Location
    occurrence: int = 1
    renumber: int = 0
    reconstructed: bool = False
    decision: str = ""
    used: bool = False


@dataclass
class CitationEntry:
    """One ``[[citation]]``: a citation the editor restores where one was lost."""

    text: str
    location: Location
    after: str = ""
    before: str = ""
    occurrence: int = 1
    reconstructed: bool = True
    decision: str = ""


@dataclass
class Emendation:
    exact: str
    replace: str
    reason: str
    location: Location


@dataclass
class NotesFile:
    notes: list[NoteEntry] = field(default_factory=list)
    citations: list[CitationEntry] = field(default_factory=list)
    emendations: list[Emendation] = field(default_factory=list)


NOTE_KEYS = {"marker": (int, str), "text": str, "occurrence": int, "renumber": int,
             "reconstructed": bool, "decision": str}
CITATION_KEYS = {"after": str, "before": str, "occurrence": int, "text": str,
                 "reconstructed": bool, "decision": str}
EMENDATION_KEYS = {"exact": str, "replace": str, "reason": str}


def load_notes_file(path: Path | None) -> NotesFile:
    """Parse and validate a notes sidecar; a missing path gives an empty one."""
    if path is None:
        return NotesFile()
    data, raw = tomlfile.load(path, NotesError)
    shown = display_path(path)
    for table in data:
        if table not in ("note", "citation", "emendation"):
            raise NotesError(f"unknown table [[{table}]]", Location(shown, tomlfile.line_of_value(raw, table)),
                             fix="a notes file has [[note]], [[citation]] and [[emendation]] tables")
    result = NotesFile()
    for kind, keys, required in (("note", NOTE_KEYS, {"marker", "text"}),
                                 ("citation", CITATION_KEYS, {"text"}),
                                 ("emendation", EMENDATION_KEYS, {"exact", "replace", "reason"})):
        lines = tomlfile.entry_lines(raw, kind)
        for index, entry in enumerate(data.get(kind, [])):
            where = Location(shown, lines[index] if index < len(lines) else 0)
            tomlfile.check_keys(entry, keys, required, where, kind, NotesError)
            _add_entry(result, kind, entry, where)
    return result


def _add_entry(result: NotesFile, kind: str, entry: dict, where: Location) -> None:
    if kind == "note":
        entry = dict(entry, marker=str(entry["marker"]))
        result.notes.append(NoteEntry(location=where, **entry))
    elif kind == "citation":
        if bool(entry.get("after")) == bool(entry.get("before")):
            raise NotesError("a [[citation]] needs exactly one of 'after' or 'before'", where)
        result.citations.append(CitationEntry(location=where, **entry))
    else:
        result.emendations.append(Emendation(location=where, **entry))
