"""A reading's notes file: a TOML sidecar (the editor's note texts, restored citations,
emendations and decisions, checked against ``lectio.config.notes_schema``; every error
at once, each at its line and column), or a plain-text notes list (``notelist``), whose
tables go into the TOML file of the same name beside it."""

from __future__ import annotations

from pathlib import Path

from lectio.config import tomlfile
from lectio.config.notes_schema import CitationEntry, Emendation, NoteEntry, NotesFile
from lectio.errors import Location, NotesError
from lectio.notes.notelist import companion, is_notes_list, read_notes_list

__all__ = ["CitationEntry", "Emendation", "NoteEntry", "NotesFile", "load_notes_file"]


def load_notes_file(path: Path | None) -> NotesFile:
    """Parse and validate a notes file; a missing path gives an empty one."""
    if path is None:
        return NotesFile()
    if is_notes_list(path):
        texts, findings = read_notes_list(path)
        tables = companion(path)
        notes_file = _load_toml(tables) if tables.is_file() else NotesFile()
        notes_file._texts, notes_file._findings = texts, tuple(findings)
        return notes_file
    return _load_toml(path)


def _load_toml(path: Path) -> NotesFile:
    notes_file, where = tomlfile.load(path, NotesFile, "notes", NotesError)
    for table, entries in (("note", notes_file.notes), ("citation", notes_file.citations),
                           ("emendation", notes_file.emendations)):
        for index, entry in enumerate(entries):
            entry._location = Location(where.file, where.locator.find((table, index))[0])
    return notes_file
