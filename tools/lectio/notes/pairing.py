"""Pairing each marker with its note text, and what cannot be paired.

A ``[[note]]`` of the notes file wins over the source's text for the same marker (the
source's text is then *replaced*, not lost). A marker without a text and a text without
a marker are errors (``notes.no-text``, ``notes.orphan``) unless a ``[[note]]`` with that
marker records a ``decision``: the finding is then ``info`` and listed in the Note on
the text. Duplicated, skipped and out-of-order numbers are warnings unless decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lectio.errors import ERROR, INFO, WARNING, Finding, Location
from lectio.model import Note
from lectio.notes.notesfile import NoteEntry, NotesFile
from lectio.notes.texts import PLACE_WORDS, READER, SECTION, TOML, NoteText, duplicate_text

NO_TEXT = "The received text gives no text for this note."


@dataclass
class Pairing:
    """The texts of the source (first of each key) and what became of them."""

    sidecar: NotesFile
    texts: dict[str, NoteText]
    display_path: str = ""  # the text's file: where a decided finding about a notes list is listed
    used: set[int] = field(default_factory=set)  # the id() of each [[note]] a marker (or a decision) takes
    replaced: list[NoteText] = field(default_factory=list)
    decided: list[NoteText] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def pair_all(notes: list[Note], pairing: Pairing) -> list[Finding]:
    """Pair every numbered marker of ``notes`` (in reading order); report what is left over."""
    occurrences: dict[str, int] = {}
    previous = 0
    for note in notes:
        if not note.marker:
            continue  # an inline note or a citation: its text is the marker itself
        occurrences[note.marker] = occurrences.get(note.marker, 0) + 1
        _pair(note, occurrences[note.marker], pairing, previous)
        previous = int(note.marker) if note.marker.isdigit() else previous
    _gaps(notes, pairing)
    _unused(pairing)
    return pairing.findings


def _entry(sidecar: NotesFile, marker: str, occurrence: int) -> NoteEntry | None:
    return next((e for e in sidecar.notes if str(e.marker) == marker and e.occurrence == occurrence), None)


def _pair(note: Note, occurrence: int, pairing: Pairing, previous: int) -> None:
    entry = _entry(pairing.sidecar, note.marker, occurrence)
    decision = entry.decision if entry else ""
    if occurrence > 1:
        pairing.findings.append(Finding(
            "notes.duplicate", f"marker ({note.marker}) occurs again (occurrence {occurrence})", note.location,
            INFO if decision else WARNING, fix=f"add a [[note]] with marker = {note.marker} and occurrence = "
            f"{occurrence} and a 'decision'", decision=decision))
    elif note.marker.isdigit() and int(note.marker) < previous:
        pairing.findings.append(Finding("notes.out-of-order", f"marker ({note.marker}) comes after ({previous})",
                                        note.location, WARNING))
    source = pairing.texts.pop(note.marker, None) if occurrence == 1 else None
    if entry:
        pairing.used.add(id(entry))
        if entry.renumber and entry.renumber != note.number:
            pairing.findings.append(Finding("notes.renumber", f"renumber = {entry.renumber}, but this is note "
                                            f"{note.number} of the text", entry.location, ERROR))
    if entry and entry.text:
        if note.markdown:  # the reader's text (pandoc), replaced by the editor's
            pairing.replaced.append(NoteText(note.marker, note.markdown, note.text_location or note.location, READER))
        note.markdown, note.reconstructed, note.text_location = entry.text, entry.reconstructed, entry.location
        pairing.replaced += [source] if source else []
    elif note.markdown:  # attached by the reader (pandoc): a text of the source for it is a second one
        pairing.findings += [duplicate_text(source, note.text_location or note.location)] if source else []
    elif source and source.markdown:
        note.markdown, note.text_location = source.markdown, source.location
    else:
        _no_text(note, source, entry, pairing)


def _no_text(note: Note, source: NoteText | None, entry: NoteEntry | None, pairing: Pairing) -> None:
    """A marker whose text is missing (or empty in the source): an error unless decided."""
    decision = entry.decision if entry else ""
    note.markdown, note.reconstructed = NO_TEXT, True
    note.text_location = entry.location if entry else None
    fix = (f"write the note's text, or add a [[note]] with marker = {note.marker} and its text (or a 'decision' "
           "that says why it has none) to the notes file")
    if source:
        note.text_location = source.location
        message = f"note ({note.marker}) has its number but no text in the {PLACE_WORDS.get(source.place, 'source')}"
        where = source.location
    else:
        message, where = f"no text for note marker ({note.marker})", note.location
    code = "notes.empty-text" if source else "notes.no-text"
    pairing.findings.append(Finding(code, message, where, INFO if decision else ERROR, fix=fix, decision=decision))


def _gaps(notes: list[Note], pairing: Pairing) -> None:
    """Numbers the source skips, reported where the next marker stands, or, once the editor has given
    the number to a marker (``renumber``), where that marker stands."""
    numbered = [n for n in notes if n.marker.isdigit()]
    numbers = {int(n.marker) for n in numbered}
    decisions = {e.renumber: e for e in pairing.sidecar.notes if e.renumber}
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        entry = decisions.get(missing)
        after = next(n for n in numbered if int(n.marker) > missing)
        taker = _renumbered(notes, entry) or after if entry else after
        pairing.findings.append(Finding(
            "notes.missing-number", f"no marker ({missing}) in the text before this one", taker.location,
            INFO if entry else WARNING, fix="record the decision with 'renumber' on the note that takes its place",
            decision=entry.decision if entry else ""))


def _renumbered(notes: list[Note], entry: NoteEntry) -> Note | None:
    """The marker an entry with ``renumber`` stands for (its marker, its occurrence)."""
    same = [n for n in notes if n.marker == str(entry.marker)]
    return same[entry.occurrence - 1] if len(same) >= entry.occurrence else None


def _decided_orphan(source: NoteText, entry: NoteEntry, display_path: str) -> Finding:
    """Settled by a decision: listed in the Note on the text of the reading, so a text read from
    a notes list is reported at the reading's file, its own place named in the message."""
    if source.place == SECTION or not display_path:
        return Finding("notes.orphan", f"note text ({source.key}) has no marker in the text", source.location, INFO,
                       decision=entry.decision)
    return Finding("notes.orphan", f"note text ({source.key}) at {source.location} has no marker in the text",
                   Location(display_path), INFO, decision=entry.decision)


def _unused(pairing: Pairing) -> None:
    """Texts that no marker calls: errors, unless a [[note]] for that marker records a decision."""
    for entry in pairing.sidecar.notes:
        if id(entry) in pairing.used:
            continue
        source = pairing.texts.get(str(entry.marker)) if entry.decision and entry.occurrence == 1 else None
        if source:
            pairing.used.add(id(entry))
            pairing.decided.append(pairing.texts.pop(str(entry.marker)))
            pairing.decided += [NoteText(str(entry.marker), entry.text, entry.location, TOML)] if entry.text else []
            pairing.findings.append(_decided_orphan(source, entry, pairing.display_path))
            continue
        pairing.findings.append(Finding(
            "notes.orphan", f"[[note]] for marker ({entry.marker}), occurrence {entry.occurrence}, matches no "
            "marker in the text", entry.location, ERROR, fix="correct its 'marker' or 'occurrence', or remove it"))
    for key, source in pairing.texts.items():
        pairing.findings.append(Finding(
            "notes.orphan", f"note text ({key}) has no marker in the text", source.location, ERROR,
            fix=f"restore the marker with an [[emendation]], or add a [[note]] with marker = {key} and a "
                "'decision' to the notes file"))
