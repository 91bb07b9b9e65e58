"""A reading's notes file (a TOML sidecar): the editor's note texts, restored
citations and emendations, read and checked against ``lectio.config.notes_schema``.
Every error of the file is reported at once, each at its line and column."""

from __future__ import annotations

from pathlib import Path

from lectio.config import tomlfile
from lectio.config.notes_schema import CitationEntry, Emendation, NoteEntry, NotesFile
from lectio.errors import Location, NotesError

__all__ = ["CitationEntry", "Emendation", "NoteEntry", "NotesFile", "load_notes_file"]


def load_notes_file(path: Path | None) -> NotesFile:
    """Parse and validate a notes sidecar; a missing path gives an empty one."""
    if path is None:
        return NotesFile()
    notes_file, where = tomlfile.load(path, NotesFile, "notes", NotesError)
    for table, entries in (("note", notes_file.notes), ("citation", notes_file.citations),
                           ("emendation", notes_file.emendations)):
        for index, entry in enumerate(entries):
            entry._location = Location(where.file, where.locator.find((table, index))[0])
    return notes_file
