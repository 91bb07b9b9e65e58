"""The small document model passed from stage to stage.

A text (a reading, the introduction) is a list of blocks. A block's text is plain
Unicode; everything inline is kept beside it as positions into that text: note
references (points) and spans (emphasis, apparatus anchors). Writers interleave
them, so every stage can search the text without tripping over markup.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from lectio.errors import Finding, Location

HEADING, PARA, QUOTE = "heading", "para", "quote"
ELISION, FRONT = "elision", "front"  # an elision line ([…], * * *); a front line kept (a byline): sources.structure
# Block kinds the pandoc reader adds (see docs/sources.md): a list item's first paragraph, a code
# block, a verse (line block; lines joined by "\n"), a rule, a table (its cells in ``Block.cells``),
# a definition list's term.
ITEM, CODE, VERSE, RULE, TABLE, TERM = "item", "code", "verse", "rule", "table", "term"
UNNUMBERED = frozenset({HEADING, CODE, RULE, TABLE, TERM, ELISION, FRONT})  # no paragraph number


@dataclass
class Note:
    """A footnote: its canonical number within its text, its Markdown, its formatted HTML."""

    number: int
    markdown: str
    location: Location
    marker: str = ""
    reconstructed: bool = False
    html: str = ""
    text_location: Location | None = None  # where the text is written, when not at the marker (a notes file)

    def anchor(self, prefix: str) -> str:
        return f"{prefix}-n{self.number}"


@dataclass
class NoteRef:
    position: int
    note: Note


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "emph", "strong", "code", "link" (target: the URL), "sup", "sub", "smallcaps", "strike",
    # "anchor" (target: the apparatus entry), "lemma" (target: a Variant's id), editorial signs
    # "supplied" < >, "deleted" [ ], "corrupt" † †; in Block.cells, "cell" (target: "row:th" or "row:td")
    target: str = ""


# editorial sign (a span kind, docs/signs.md) → (opening sign, closing sign, what it says to a reader);
# the angle brackets of supplied text are printed < > (the book faces have no ⟨ ⟩, U+27E8/9)
SIGNS = {
    "supplied": ("\u27e8", "\u27e9", "supplied by the editor"),
    "deleted": ("[", "]", "in the source, deleted by the editor"),
    "corrupt": ("\u2020", "\u2020", "corrupt in the source"),
}


@dataclass(frozen=True)
class Frame:
    """A container a block stands in: "quote", "bullet", "ordered" (``start``: its first number),
    "item", "deflist" or "definition"; ``key`` tells two containers of one kind apart."""

    kind: str
    key: int
    start: int = 1


@dataclass
class Block:
    kind: str
    text: str
    origin: list[int]  # for each character of text, its offset in the raw source
    line: int
    number: int | None = None
    level: int = 1
    notes: list[NoteRef] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    frames: tuple[Frame, ...] = ()  # the containers, outermost first (lists, quotations inside quotations)
    cells: list[Span] = field(default_factory=list)  # a table's cells, in order

    def delete(self, start: int, end: int) -> None:
        """Remove text[start:end], keeping origin, notes and spans aligned."""
        width = end - start
        self.text = self.text[:start] + self.text[end:]
        self.origin = self.origin[:start] + self.origin[end:]
        for ref in self.notes:
            if ref.position >= end:
                ref.position -= width
            elif ref.position > start:
                ref.position = start
        for span in self.spans + self.cells:
            span.start = _shift(span.start, start, end)
            span.end = _shift(span.end, start, end)

    def insert(self, position: int, text: str, origin: int) -> None:
        """Insert editorial ``text`` at ``position``; it takes the origin given."""
        width = len(text)
        self.text = self.text[:position] + text + self.text[position:]
        self.origin = self.origin[:position] + [origin] * width + self.origin[position:]
        for ref in self.notes:
            if ref.position >= position:
                ref.position += width
        for span in self.spans + self.cells:
            span.start += width if span.start >= position else 0
            span.end += width if span.end > position else 0

    def excerpt(self, start: int, end: int) -> "Block":
        """text[start:end] as a block of its own (a table cell), with its spans and notes."""
        spans = [Span(max(s.start, start) - start, min(s.end, end) - start, s.kind, s.target)
                 for s in self.spans if s.start < end and s.end > start]
        notes = [NoteRef(r.position - start, r.note) for r in self.notes if start <= r.position <= end]
        return Block(PARA, self.text[start:end], self.origin[start:end], self.line, notes=notes, spans=spans)


def _shift(position: int, start: int, end: int) -> int:
    if position >= end:
        return position - (end - start)
    return min(position, start)


@dataclass
class Text:
    """A sequence of blocks read from one file, with the notes that belong to it."""

    key: str  # siglum for readings, "intro" for the introduction
    path: Path
    display_path: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    places: dict[str, list[Block]] = field(default_factory=dict)  # the blocks a block rule changed, by rule
    raw: str = ""
    normalized: str = ""
    markdown: bool = False
    reader: str = "plain"  # "plain" (sources.plain) or "pandoc" (sources.pandoc_reader): notes already attached

    def location(self, block: Block, index: int = 0) -> Location:
        """Where character ``index`` of ``block`` stands in the file as received."""
        if not block.origin:
            return Location(self.display_path, block.line)
        index = max(0, min(index, len(block.origin) - 1))
        return location_of(self.raw, block.origin[index], self.display_path)

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.number is not None]


def location_of(raw: str, offset: int, display_path: str) -> Location:
    return Location(display_path, *line_column(raw, offset))


def line_column(raw: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of ``offset`` in ``raw``: a binary search in the text's line ends,
    found once per text, so that placing every note of a long source stays linear."""
    ends = _line_ends(raw)
    line = bisect.bisect_left(ends, offset)  # line ends before the offset
    return line + 1, offset - (ends[line - 1] + 1 if line else 0) + 1


def offset_of(raw: str, line: int, column: int = 1) -> int:
    """The offset in ``raw`` of ``line`` and ``column`` (from 1): :func:`line_column` the other way."""
    ends = _line_ends(raw)
    start = ends[line - 2] + 1 if 1 < line <= len(ends) + 1 else (0 if line <= 1 else len(raw) + 1)
    return start + max(0, column - 1)


@functools.lru_cache(maxsize=8)
def _line_ends(raw: str) -> tuple[int, ...]:
    return tuple(match.start() for match in re.finditer("\n", raw))


@dataclass
class Reading:
    siglum: str
    title: str
    author: str
    text: Text
    description: str = ""
    language: str = ""  # BCP 47; "" when it is the edition's

    @property
    def anchor(self) -> str:
        return f"reading-{self.siglum}"


@dataclass
class Passage:
    siglum: str
    block: Block
    start: int
    end: int

    @property
    def reference(self) -> str:
        return f"{self.siglum} {self.block.number}"


@dataclass
class ApparatusEntry:
    id: str
    theme: str
    commentary: Text
    passages: list[Passage]
    see: list[str] = field(default_factory=list)
    location: Location | None = None

    @property
    def anchor(self) -> str:
        return f"app-{self.id}"


@dataclass
class Decision:
    """An editorial decision, listed in the Note on the text."""

    text: str
    location: Location
    reading: str = ""


@dataclass(frozen=True)
class Witness:
    """A copy of a reading's text (an edition, a manuscript), collated against the reading's source."""

    siglum: str
    reading: str  # the siglum of the reading it is a witness of
    label: str  # how the conspectus siglorum describes it ("First edition, 1798")
    source: str  # its file, as shown to the editor
    base: bool = False  # the reading's own source: the base text


@dataclass(frozen=True)
class WitnessReading:
    """What some witnesses read at a place: ``text`` ("" when they omit the lemma)."""

    text: str
    sigla: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    """An entry of the apparatus criticus. Its lemma is marked in the base text by a
    ``Span(kind="lemma", target=id)`` of the reading's block (empty for an addition)."""

    id: str  # unique in the book, e.g. "B-v3"
    reading: str  # the reading (base text) siglum
    lemma: str
    lemma_sigla: tuple[str, ...]  # the witnesses that agree with the base text here
    readings: tuple[WitnessReading, ...]
    note: str = ""  # the editor's comment (Markdown), from the variants file
    location: Location | None = None  # where the editor overrode or wrote it

    @property
    def anchor(self) -> str:
        return f"var-{self.id}"


@dataclass
class Book:
    """Everything the writers need, assembled; writers add nothing of substance."""

    config: "object"
    introduction: Text | None
    readings: list[Reading]
    apparatus: list[ApparatusEntry]
    note_on_text: list[str]
    bibliography_html: list[str]
    findings: list[Finding] = field(default_factory=list)
    bibliography_keys: list[str] = field(default_factory=list)  # the cited key of each bibliography entry
    witnesses: tuple[Witness, ...] = ()  # every reading's, in conspectus order
    variants: tuple[Variant, ...] = ()  # the apparatus criticus, in text order
    indexes: tuple = ()  # lectio.index.Index: names, passages cited (back matter)
