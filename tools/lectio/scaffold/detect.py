"""What ``lectio new --from`` proposes for a received file: a title, a siglum, and
how its notes are written (with the sources and notes stages, not a second parser).

A received file whose name says it holds notes (``a-notes.txt``, ``a.notes.md``,
``footnotes.txt``: "note" in the name, not ``.toml``) and that reads as a notes list
(``lectio.notes.notelist``) is not a reading: it becomes the notes file of the source
whose name starts its own (``a.txt``), or of the only source given."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lectio import notes, sources
from lectio.errors import LectioError, Location, NotesError
from lectio.notes.notelist import is_notes_list, read_notes_list
from lectio.notes.notesfile import NotesFile

CONVENTIONS = {"paren": "(N)", "bracket": "[N]", "sup": "superscript digits", "md": "[^N]"}
OFFICE = {".docx": "Word footnotes", ".html": "HTML footnotes", ".htm": "HTML footnotes"}
SIGLUM = re.compile(r"[A-Z][A-Za-z]{0,2}")
LONGEST_TITLE = 100


@dataclass(frozen=True)
class Marker:
    """A note marker of the received text, and whether the file gives its text."""

    marker: str
    occurrence: int
    line: int
    has_text: bool


@dataclass(frozen=True)
class Proposal:
    """A reading proposed for one received file."""

    path: Path
    title: str
    siglum: str
    conventions: tuple[str, ...]
    markers: tuple[Marker, ...]
    notes_list: Path | None = None

    @property
    def missing(self) -> tuple[Marker, ...]:
        return tuple(m for m in self.markers if not m.has_text)

    def describe(self) -> str:
        """One line: what was found about the notes."""
        if not self.markers:
            return "no note markers"
        found = f"{len(self.markers)} note marker(s), {' and '.join(self.conventions) or 'inline'}"
        with_text = len(self.markers) - len(self.missing)
        where = f"the notes list {self.notes_list.name}" if self.notes_list else "the file"
        if not self.missing:
            return f"{found}, their texts in {where}"
        return f"{found}, {with_text} with a text in {where}, {len(self.missing)} without"


def propose(path: Path, taken: set[str], notes_list: Path | None = None) -> Proposal:
    """Read ``path`` (and its notes list) as lectio will, and propose its reading; ``taken`` sigla are avoided."""
    text, found = sources.read_text("X", path)
    title = _title(text, path)
    conventions = _conventions(text)
    notes.resolve_notes(text, notes.load_notes_file(notes_list) if notes_list else NotesFile(), found)
    markers = _markers(text)
    return Proposal(path, title, siglum_for(title, taken), conventions, markers, notes_list)


def looks_like_notes_list(path: Path) -> bool:
    """A received file named for notes that reads as a notes list, without a fault."""
    if "note" not in path.stem.lower() or not is_notes_list(path):
        return False
    try:
        texts, findings = read_notes_list(path)
    except NotesError:
        return False
    return bool(texts) and not findings


def pair_lists(received: tuple[Path, ...]) -> tuple[tuple[Path, Path | None], ...]:
    """Each received source with its notes list, if one was received."""
    lists = [p for p in received if looks_like_notes_list(p)]
    texts = [p for p in received if p not in lists]
    owner: dict[Path, Path] = {}
    for listed in lists:
        prefixed = [t for t in texts if listed.stem.lower().startswith(t.stem.lower())]
        match = max(prefixed, key=lambda t: len(t.stem)) if prefixed else (texts[0] if len(texts) == 1 else None)
        if match is None or match in owner:
            raise LectioError(f"which received text do the notes in {listed.name} belong to?", Location(str(listed)),
                              code="new.notes-list-owner",
                              fix="name the list after its text (a.txt and a-notes.txt), one list per text")
        owner[match] = listed
    return tuple((t, owner.get(t)) for t in texts)


def _title(text, path: Path) -> str:
    """The first heading, else the first line when it is short, else the file's stem."""
    first = next((b for b in text.blocks if b.kind == "heading"), None) or (text.blocks[0] if text.blocks else None)
    line = re.sub(r"\s+", " ", first.text).strip(" #") if first else ""
    line = sources.TRAILING_MARKERS.sub("", line).strip()
    if not line or len(line) > LONGEST_TITLE:
        line = re.sub(r"[_\-.]+", " ", path.stem).strip() or path.stem
    return sources.title_case(line) if line.isupper() else line


def _conventions(text) -> tuple[str, ...]:
    seen: list[str] = []
    if text.path.suffix.lower() in OFFICE and text.notes:
        seen.append(OFFICE[text.path.suffix.lower()])  # footnotes of the file's own, read by the pandoc reader
    if text.reader == "pandoc" and any(note.marker for note in text.notes):
        seen.append(CONVENTIONS["md"])  # [^N] footnotes, taken out of the text by the pandoc reader
    for block in text.blocks:
        for match in notes.MARKER.finditer(block.text):
            kind = match.lastgroup
            if (kind == "md" or not text.markdown) and CONVENTIONS[kind] not in seen:
                seen.append(CONVENTIONS[kind])
    return tuple(seen)


def _markers(text) -> tuple[Marker, ...]:
    counts: dict[str, int] = {}
    result = []
    office = text.path.suffix.lower() in OFFICE
    for note in text.notes:
        if not note.marker and not office:
            continue  # an inline note or a citation: its text is the marker itself
        counts[note.marker] = counts.get(note.marker, 0) + 1
        result.append(Marker(note.marker, counts[note.marker], note.location.line, not note.reconstructed))
    return tuple(result)


def siglum_for(title: str, taken: set[str]) -> str:
    """Initials of the title's words (1, 2, 3 of them), else a letter not yet taken."""
    words = [w for w in re.findall(r"[A-Za-z]+", _ascii(title)) if w.lower() not in sources.SMALL_WORDS]
    words = words or re.findall(r"[A-Za-z]+", _ascii(title))
    initials = [w[0].upper() for w in words]
    candidates = ["".join(initials[:n]) for n in (1, 2, 3) if len(initials) >= n]
    if words:
        candidates += [words[0][0].upper() + words[0][1:n].lower() for n in (2, 3) if len(words[0]) >= n]
    candidates += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    candidates += [a + b.lower() for a in map(chr, range(65, 91)) for b in map(chr, range(65, 91))]
    return next(c for c in candidates if SIGLUM.fullmatch(c) and c not in taken)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
