"""Stage 3: find note markers, pair them with note texts, make them canonical, and
account for everything read.

Markers (``markers.py``): ``(12)``, ``[12]``, superscript digits, Markdown ``[^12]``,
pandoc inline notes ``^[text]`` and in-text citations ``[@key]`` (which a note style
turns into footnotes). Note texts (``texts.py``, ``notelist.py``): a Notes section at
the end of the source, Markdown ``[^12]:`` definitions, a plain-text notes list, or
the notes file's ``[[note]]`` tables, which win. Every marker leaves the text and
becomes a NoteRef to a Note numbered 1, 2, 3… in the order of reading; a text read
by pandoc arrives with its notes attached and keeps them. The stage ends with its
accounts (``ledger.py``): anything read and lost is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio.citations.body import take_cue_words
from lectio.errors import Finding
from lectio.model import Text
from lectio.notes import ledger
from lectio.notes.editorial import apply_emendations, restore_citations
from lectio.notes.markers import CITATION, MARKER, inline_notes, is_pandoc, mark_notes
from lectio.notes.notesfile import CitationEntry, Emendation, NotesFile, load_notes_file  # noqa: F401
from lectio.notes.pairing import NO_TEXT, Pairing, pair_all
from lectio.notes.texts import (CITATION_PLACE, LIST, READER, SECTION, SUPERSCRIPTS, TOML, NoteText, duplicates,
                                from_superscript, take_texts)

__all__ = ["CITATION", "MARKER", "NO_TEXT", "SUPERSCRIPTS", "Resolved", "from_superscript", "load_notes_file",
           "resolve_notes", "resolve_text"]


@dataclass(frozen=True)
class Resolved:
    """The notes stage's result for one text: its findings and its accounts."""

    findings: tuple[Finding, ...]
    ledger: ledger.NotesLedger


def resolve_notes(text: Text, sidecar: NotesFile, source_findings: list[Finding]) -> list[Finding]:
    """Apply emendations, turn markers into NoteRefs, pair them with texts; report."""
    return list(resolve_text(text, sidecar, source_findings).findings)


def resolve_text(text: Text, sidecar: NotesFile, source_findings: list[Finding]) -> Resolved:
    """The whole stage for ``text``: ``text`` is changed in place, findings and accounts returned."""
    opening = ledger.opening(text, sidecar)
    attached = _attached(text)
    findings = list(sidecar.findings)
    findings += apply_emendations(text, sidecar.emendations, source_findings)
    taken = take_texts(text, references=any(MARKER.search(b.text) for b in text.blocks))
    findings += taken.findings
    first, found = duplicates(taken.texts + list(sidecar.texts))
    findings += found
    if not is_pandoc(text):
        inline_notes(text, text.blocks)
    findings += take_cue_words(text)  # "see [@key]" → a note "[See @key]", not "see.¹"
    findings += restore_citations(text, sidecar.citations, source_findings)
    mark_notes(text, {t.key for t in first.values() if t.place in (SECTION, LIST)})
    _number(text)
    pairing = Pairing(sidecar, dict(first), text.display_path)
    findings += pair_all(text.notes, pairing)
    outcome = ledger.Outcome(
        tuple(attached + taken.texts + list(sidecar.texts) + _editor_texts(sidecar)), tuple(map(id, taken.blocks)),
        tuple(pairing.replaced), tuple(pairing.decided), tuple(e.exact for e in sidecar.emendations))
    accounts = ledger.close(opening, text, outcome, findings)
    return Resolved(tuple(findings + accounts.findings()), accounts)


def _attached(text: Text) -> list[NoteText]:
    """Notes the reader attached (pandoc), as texts read: each must still be in the book at the end."""
    for note in text.notes:
        note.text_location = note.text_location or note.location
    return [NoteText(n.marker, n.markdown, n.text_location, READER) for n in text.notes]


def _editor_texts(sidecar: NotesFile) -> list[NoteText]:
    return ([NoteText(str(e.marker), e.text, e.location, TOML) for e in sidecar.notes if e.text] +
            [NoteText("", c.text, c.location, CITATION_PLACE) for c in sidecar.citations])


def _number(text: Text) -> None:
    """Notes numbered 1, 2, 3… in reading order (block, then position in it)."""
    ordered = sorted(((b_i, ref.position, ref) for b_i, b in enumerate(text.blocks) for ref in b.notes),
                     key=lambda item: (item[0], item[1]))
    for number, (_, _, ref) in enumerate(ordered, start=1):
        ref.note.number = number
    text.notes = [ref.note for _, _, ref in ordered]
