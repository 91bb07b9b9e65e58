"""A plain-text notes list: a reading's note texts in a file of their own.

``notes = "M-notes.txt"`` in a reading (any name not ending in ``.toml``) names a
list as editors receive it, one note per line, the line starting with its number::

    1 A note.
    2. Another note, see [@key, p. 7].
    [3] A note whose text runs on
        over an indented line.
    (4) *Emphasis* and **strong** are Markdown.

    A line after a blank line, without a number, is a second paragraph of note 4.

A line that starts with a number (the forms of ``texts.numbered``) starts a note; any
other line continues the note above it (indented or not, after a blank line or not).
A first line "Notes" is a heading and is skipped; other text before the first number
is ``notes.unnumbered-text``. The file is UTF-8, read with the limits of every source
(``fsutil.read_utf8``) and normalized like a source of its kind (typographic quotes…;
TeX's ``--`` and backquotes only in a list that is not Markdown: ``.md`` keeps `code`).
Decisions, emendations and restored citations for a reading whose notes are a list
go into a TOML file of the same name beside it (``M-notes.toml``).
"""

from __future__ import annotations

import re
from pathlib import Path

from lectio.errors import Finding, Location, NotesError
from lectio.fsutil import MAX_SOURCE_MB, display_path, read_utf8
from lectio.notes.texts import LIST, NoteText, is_notes_heading, numbered_lines
from lectio.sources import LACUNA, is_markdown, normalize


def is_notes_list(path: Path) -> bool:
    """A notes file that is not TOML is a notes list."""
    return path.suffix.lower() != ".toml"


def companion(path: Path) -> Path:
    """The TOML file beside a notes list that holds its decisions (``M-notes.txt`` → ``M-notes.toml``)."""
    return path.with_suffix(".toml")


def read_notes_list(path: Path, max_mb: float = MAX_SOURCE_MB) -> tuple[tuple[NoteText, ...], list[Finding]]:
    """The note texts of a notes list, each at its file:line, and what is wrong with the list."""
    raw = read_utf8(path, NotesError, code="notes.encoding", max_mb=max_mb, allow_empty=False,
                    fix="save the notes list as UTF-8 text")
    shown = display_path(path)
    lines = [(Location(shown, number), line.rstrip()) for number, line in enumerate(raw.splitlines(), start=1)
             if line.strip()]
    if lines and is_notes_heading(lines[0][1]):
        lines = lines[1:]
    findings: list[Finding] = []
    texts = numbered_lines(_continuations_marked(lines), LIST, None, findings)
    markdown = is_markdown(path, raw)
    return tuple(NoteText(t.key, _normalized(t.markdown, markdown), t.location, t.place) for t in texts), findings


def _normalized(note: str, markdown: bool) -> str:
    """A note as a source of that kind is normalized (no TeX rules in Markdown: `code` stays code)."""
    return re.sub(r"\s+", " ", normalize(note, markdown=markdown).text.replace(LACUNA, "")).strip()


def _continuations_marked(lines: list[tuple[Location, str]]) -> list[tuple[Location, str, bool]]:
    """An indented line never starts a note."""
    return [(where, line.strip(), not line[:1].isspace()) for where, line in lines]
