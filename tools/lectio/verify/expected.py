"""What an output must contain, read from the document model (the Book), as folded words.

Each piece knows, for every word, which part it belongs to (a block of the reading, a note,
a bibliography entry), so that a lost word can be named by its file and line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from lectio.errors import Location
from lectio.model import Book, Reading
from lectio.verify.words import Words, excerpt, words


@dataclass(frozen=True)
class Piece:
    """Parts of text joined into one, with each part's start: the expected side of one comparison."""

    text: str
    found: Words
    part_starts: tuple[int, ...]

    @classmethod
    def of(cls, parts: list[str]) -> "Piece":
        starts, offset = [], 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + 1
        text = "\n".join(parts)
        return cls(text, words(text), tuple(starts))

    def part_of(self, word: int) -> int:
        return bisect_right(self.part_starts, self.found.starts[word]) - 1

    def offset_in_part(self, word: int) -> int:
        return self.found.starts[word] - self.part_starts[self.part_of(word)]

    def words_of(self, part: int) -> range:
        """The words of one part."""
        start = self.part_starts[part]
        end = self.part_starts[part + 1] if part + 1 < len(self.part_starts) else len(self.text) + 1
        first = bisect_right(self.found.starts, start - 1)
        return range(first, bisect_right(self.found.starts, end - 1))

    def parts(self) -> list[tuple[str, ...]]:
        """The words of each part."""
        return [tuple(self.found.words[w] for w in self.words_of(n)) for n in range(len(self.part_starts))]

    def excerpt(self, first: int, count: int = 12) -> str:
        return excerpt(self.text, self.found, first, count)


@dataclass(frozen=True)
class Expected:
    """One reading's expected content."""

    reading: Reading
    body: Piece  # the reading's blocks
    notes: Piece  # its notes' texts, in order
    passages: tuple[tuple[str, range], ...]  # (apparatus entry id, the words of its passage in ``body``)
    cited: tuple[tuple[str, Location], ...]  # (key, the first note citing it)

    @property
    def siglum(self) -> str:
        return self.reading.siglum

    def body_location(self, word: int) -> Location:
        blocks = self.reading.text.blocks
        return self.reading.text.location(blocks[self.body.part_of(word)], self.body.offset_in_part(word))

    def note_parts(self) -> list[tuple[str, ...]]:
        """Each note's words after its number, which both outputs print before it."""
        return [(str(note.number),) + words for note, words in zip(self.reading.text.notes, self.notes.parts())]

    def note_location(self, word: int) -> Location:
        note = self.reading.text.notes[self.notes.part_of(word)]
        return note.text_location or note.location


def expected(book: Book) -> list[Expected]:
    return [_reading(book, reading) for reading in book.readings]


def bibliography(book: Book) -> Piece:
    return Piece.of([note_text(entry) for entry in book.bibliography_html])


def note_text(markup: str) -> str:
    """The text of a formatted note or entry (HTML)."""
    import lxml.html

    if not markup.strip():
        return ""
    return lxml.html.fragment_fromstring(markup, create_parent="div").text_content()


def _reading(book: Book, reading: Reading) -> Expected:
    from lectio.citations import cited_keys

    text = reading.text
    body = Piece.of([block.text for block in text.blocks])
    notes = Piece.of([note_text(note.html) if note.html else note.markdown for note in text.notes])
    cited: dict[str, Location] = {}
    for note in text.notes:
        for key in cited_keys(note.markdown):
            cited.setdefault(key, note.text_location or note.location)
    return Expected(reading, body, notes, tuple(_passages(book, reading, body)), tuple(cited.items()))


def _passages(book: Book, reading: Reading, body: Piece):
    index = {id(block): n for n, block in enumerate(reading.text.blocks)}
    for entry in book.apparatus:
        for passage in entry.passages:
            if passage.siglum != reading.siglum or id(passage.block) not in index:
                continue
            start = body.part_starts[index[id(passage.block)]]
            first = bisect_right(body.found.starts, start + passage.start - 1)
            last = bisect_right(body.found.starts, start + passage.end - 1)
            yield entry.id, range(first, last)
