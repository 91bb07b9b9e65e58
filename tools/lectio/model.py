"""The small document model passed from stage to stage.

A text (a reading, the introduction) is a list of blocks. A block's text is plain
Unicode; everything inline is kept beside it as positions into that text: note
references (points) and spans (emphasis, apparatus anchors). Writers interleave
them, so every stage can search the text without tripping over markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lectio.errors import Finding, Location

HEADING, PARA, QUOTE = "heading", "para", "quote"
ELISION, FRONT = "elision", "front"  # an elision line ([…], * * *); a front line kept (a byline): sources.structure


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
    kind: str  # "emph" or "anchor"
    target: str = ""


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
        for span in self.spans:
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
        for span in self.spans:
            span.start += width if span.start >= position else 0
            span.end += width if span.end > position else 0


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
    raw: str = ""
    normalized: str = ""
    markdown: bool = False

    def location(self, block: Block, index: int = 0) -> Location:
        """Where character ``index`` of ``block`` stands in the file as received."""
        if not block.origin:
            return Location(self.display_path, block.line)
        index = max(0, min(index, len(block.origin) - 1))
        return location_of(self.raw, block.origin[index], self.display_path)

    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.number is not None]


def location_of(raw: str, offset: int, display_path: str) -> Location:
    line = raw.count("\n", 0, offset) + 1
    column = offset - (raw.rfind("\n", 0, offset) + 1) + 1
    return Location(display_path, line, column)


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
