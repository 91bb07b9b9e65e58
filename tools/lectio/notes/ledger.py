"""No silent loss, by construction: the notes stage's accounts.

Before the stage touches a text, :func:`opening` counts what was read: the text's
blocks, and every citation key (``@key``) in the source as received (the part of the
file each block was read from) and in the notes file. After it, :func:`close` counts
what the document model holds: blocks, Notes and the keys in their Markdown; and what the stage took on purpose: blocks that were
note texts or a Notes heading, note texts replaced by the editor's, decided or
reported in a finding. Whatever is read and neither held nor accounted for is an
error at its file:line: ``notes.lost-text``, ``notes.lost-citation``,
``notes.lost-paragraph``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lectio.citations.prose import CITE_KEY
from lectio.errors import ERROR, Finding, Location
from lectio.model import Text, location_of
from lectio.notes.texts import is_pandoc
from lectio.notes.notesfile import NotesFile
from lectio.notes.texts import NoteText


@dataclass(frozen=True)
class Opening:
    """What a text held when the notes stage began."""

    blocks: tuple[tuple[int, Location], ...]  # (id of the block, where it starts)
    keys: tuple[tuple[str, Location], ...]  # every citation key read, where


@dataclass(frozen=True)
class NotesLedger:
    """The notes stage's accounts for one text; ``balanced`` when nothing read was lost."""

    texts_read: tuple[tuple[str, int], ...]  # (place, how many) for each place note texts were read from
    texts_attached: int
    texts_replaced: int
    texts_decided: int
    texts_reported: int
    lost_texts: tuple[NoteText, ...]
    citations_read: int
    citations_held: int
    lost_citations: tuple[tuple[str, int, Location], ...]  # (key, how many lost, where first read)
    paragraphs_read: int
    paragraphs_held: int
    paragraphs_taken: int
    lost_paragraphs: tuple[Location, ...]

    @property
    def balanced(self) -> bool:
        return not (self.lost_texts or self.lost_citations or self.lost_paragraphs)

    def findings(self) -> list[Finding]:
        fix = "this is a fault of lectio, not of the edition: please report it with the source"
        return ([Finding("notes.lost-text", f"note text ({t.key}) read from the {t.place} is not in the book",
                         t.location, ERROR, fix=fix) for t in self.lost_texts] +
                [Finding("notes.lost-citation", f"citation @{key} read here is missing from the book "
                         f"({count} of its occurrences)", where, ERROR, fix=fix)
                 for key, count, where in self.lost_citations] +
                [Finding("notes.lost-paragraph", "a paragraph read here is not in the book", where, ERROR, fix=fix)
                 for where in self.lost_paragraphs])


def opening(text: Text, sidecar: NotesFile) -> Opening:
    """Count a text's blocks and citation keys before the notes stage."""
    blocks = tuple((id(b), Location(text.display_path, b.line)) for b in text.blocks)
    if is_pandoc(text) or not text.raw:
        keys = [(k, n.text_location or n.location) for n in text.notes for k in keys_in(n.markdown)]
        keys += [(k, text.location(b)) for b in text.blocks for k in keys_in(b.text)]
    else:
        keys = [key for block in text.blocks for key in _raw_keys(text, block)]
    for entry in (*sidecar.notes, *sidecar.citations):
        keys += [(k, entry.location) for k in keys_in(entry.text)]
    keys += [(k, t.location) for t in sidecar.texts for k in keys_in(t.markdown)]
    for emendation in sidecar.emendations:
        keys += [(k, emendation.location) for k in keys_in(emendation.replace or "")]
    return Opening(blocks, tuple(keys))


def _raw_keys(text: Text, block) -> list[tuple[str, Location]]:
    """The keys in the part of the file as received that ``block`` was read from."""
    if not block.origin:
        return [(k, Location(text.display_path, block.line)) for k in keys_in(block.text)]
    start, end = min(block.origin), max(block.origin) + 1
    return [(m.group(1), location_of(text.raw, start + m.start(), text.display_path))
            for m in CITE_KEY.finditer(text.raw[start:end])]


def keys_in(markdown: str) -> list[str]:
    return [m.group(1) for m in CITE_KEY.finditer(markdown)]


@dataclass(frozen=True)
class Outcome:
    """What the notes stage did on purpose with what it read."""

    texts: tuple[NoteText, ...]  # every note text read, whatever its place
    taken_blocks: tuple[int, ...]  # ids of the blocks that were note texts or a Notes heading
    replaced: tuple[NoteText, ...]
    decided: tuple[NoteText, ...]
    set_aside: tuple[str, ...]  # Markdown read and left out on purpose (emended away, reported)


def close(opening_: Opening, text: Text, outcome: Outcome, findings: list[Finding]) -> NotesLedger:
    """Balance what was read against what the model holds and what was accounted for."""
    reported_at = {f.location for f in findings}
    attached_at = {n.text_location for n in text.notes if n.text_location}
    attached = [t for t in outcome.texts if t.location in attached_at]
    reported = [t for t in outcome.texts if t.location in reported_at and t not in attached]
    settled = {*attached, *reported, *outcome.replaced, *outcome.decided}  # NoteTexts are values
    places = Counter(t.place for t in outcome.texts)
    held_blocks = {id(b) for b in text.blocks} | set(outcome.taken_blocks)
    lost_blocks = tuple(where for block_id, where in opening_.blocks if block_id not in held_blocks)
    held_keys = Counter(k for n in text.notes for k in keys_in(n.markdown))
    held_keys += Counter(k for b in text.blocks for k in keys_in(b.text))
    held_keys += Counter(k for t in [*reported, *outcome.replaced, *outcome.decided] for k in keys_in(t.markdown))
    held_keys += Counter(k for markdown in outcome.set_aside for k in keys_in(markdown))
    return NotesLedger(
        tuple(sorted(places.items())), len(attached), len(outcome.replaced), len(outcome.decided), len(reported),
        tuple(t for t in outcome.texts if t not in settled),
        len(opening_.keys), sum(held_keys.values()), _lost_keys(opening_.keys, held_keys),
        len(opening_.blocks), len(text.blocks), len(outcome.taken_blocks), lost_blocks)


def _lost_keys(read: tuple[tuple[str, Location], ...], held: Counter) -> tuple[tuple[str, int, Location], ...]:
    counts = Counter(k for k, _ in read)
    first = {}
    for key, where in read:
        first.setdefault(key, where)
    return tuple((key, count - held[key], first[key]) for key, count in counts.items() if count > held[key])
