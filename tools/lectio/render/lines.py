"""Print lines: which lines of the laid-out book count, their numbers, and where they are in the model.

What counts as a line: every line box of a reading's chapter that shows text of the reading, in a
paragraph, a quotation, a verse or a list item (``p``, ``blockquote``, ``li``, ``dd``); not headings,
the byline and description under the chapter title, elision lines ([…]) and kept front lines, tables
and code, nor the notes (they are in the footnote area). Numbers restart with each reading, or with
each page (``[lines] restart``); every ``[lines] every``-th is printed in the margin
(``render/linestamp.py``).

A line's place in the model is found by aligning the text of its line boxes with ``Block.text``: the
k-th counted element of a reading's chapter is its k-th counted block (``COUNTED_KINDS``), and the
line's characters are matched one by one, whitespace aside, against the block's; a character the
block lacks (the hyphen of a word hyphenated at the line's end, a sign the writer adds) is passed
over. Note calls, paragraph numbers, apparatus markers and line numbers are not the line's text
(``laidout.NOT_TEXT``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lectio.model import ITEM, PARA, QUOTE, VERSE
from lectio.render import folios, laidout

COUNTED_TAGS = frozenset({"p", "blockquote", "li", "dd"})
NOT_COUNTED = frozenset({"byline", "description", "elision", "front"})
COUNTED_KINDS = frozenset({PARA, QUOTE, VERSE, ITEM})
META = "lectio-lines"
SETTINGS = re.compile(rf'<meta name="{META}" content="every=(\d+) restart=(\w+)"/>')


@dataclass(frozen=True)
class Settings:
    """``[lines]``: every n-th line number printed (0: none), numbers restarting per reading or page."""

    every: int = 0
    restart: str = "page"

    @classmethod
    def from_config(cls, config) -> "Settings":
        table = getattr(config, "lines", None)
        return cls(table.every, table.restart) if table is not None else cls()

    @classmethod
    def from_html(cls, html_text: str) -> "Settings":
        found = SETTINGS.search(html_text)
        return cls(int(found.group(1)), found.group(2)) if found else cls()

    def meta(self) -> str:
        """The settings in the print HTML's head, where the layout steps read them."""
        return f'<meta name="{META}" content="every={self.every} restart={self.restart}"/>'


@dataclass(frozen=True)
class PrintLine:
    """A counted line: its page (physical), its number, its reading and the ordinal of its element
    among the reading's counted elements, where it is drawn, its text and the ids on it."""

    page: int
    number: int
    siglum: str
    owner: int
    top: float
    baseline: float
    text: str
    ids: tuple[str, ...]
    box: object = field(default=None, compare=False, repr=False)  # its line box (``laidout.FlowLine.box``)


def counted(line: laidout.FlowLine) -> bool:
    return line.owner_tag in COUNTED_TAGS and not NOT_COUNTED & set(line.owner_class.split()) \
        and bool(line.text.strip())


def flow_lines(document) -> tuple[laidout.FlowLine, ...]:
    """The document's flow lines; a book laid out in parts (``render.partview.View``) brings its own,
    the other parts' lines with this part's."""
    own = getattr(document, "lectio_flow_lines", None)
    return own() if own is not None else laidout.flow_lines(document)


def print_lines(document, restart: str) -> tuple[PrintLine, ...]:
    """The counted lines of the laid-out book, numbered."""
    out: list[PrintLine] = []
    owners: dict[str, dict[int, int]] = {}
    key, number = None, 0
    for line in filter(counted, flow_lines(document)):
        group = (line.siglum, line.page) if restart == "page" else line.siglum
        number = number + 1 if group == key else 1
        key = group
        ordinals = owners.setdefault(line.siglum, {})
        ordinal = ordinals.setdefault(line.owner, len(ordinals))
        out.append(PrintLine(line.page, number, line.siglum, ordinal, line.top, line.baseline, line.text, line.ids,
                             line.box))
    return tuple(out)


def align(line_texts, source: str) -> list[tuple[int, int]]:
    """For each line (in order), the range [start, end) of ``source``'s non-whitespace characters it
    shows; characters of a line that ``source`` lacks at that point are passed over."""
    chars = [c for c in source if not c.isspace()]
    position, out = 0, []
    for text in line_texts:
        start = position
        for char in text:
            if not char.isspace() and position < len(chars) and chars[position] == char:
                position += 1
        out.append((start, position))
    return out


def by_owner(lines) -> dict[tuple[str, int], list[PrintLine]]:
    grouped: dict[tuple[str, int], list[PrintLine]] = {}
    for line in lines:
        grouped.setdefault((line.siglum, line.owner), []).append(line)
    return grouped


@dataclass(frozen=True)
class Line:
    """A print line in the model: reading, block (index in ``reading.text.blocks``), the offsets of
    ``Block.text`` it shows [start, end), its page (physical and printed folio) and its number."""

    siglum: str
    block: int
    start: int
    end: int
    page: int
    folio: str
    number: int


@dataclass(frozen=True)
class LineMap:
    """Every print line of the readings, in book order (:func:`line_map`)."""

    lines: tuple[Line, ...]

    def locate(self, siglum: str, block: int, offset: int) -> Line | None:
        """The line showing character ``offset`` of block ``block`` of reading ``siglum``."""
        before = [line for line in self.lines if line.siglum == siglum and line.block == block
                  and line.start <= offset]
        return next((line for line in before if offset < line.end), before[-1] if before else None)

    def locator(self, siglum: str, block: int, start: int, end: int | None = None) -> str:
        """"p. 14, l. 12", "p. 14, ll. 3–5" or, across a page break, "pp. 14–15"; "" when not printed."""
        first = self.locate(siglum, block, start)
        last = self.locate(siglum, block, max(start, (end if end is not None else start + 1) - 1))
        return locator(first, last) if first and last else ""


def locator(first: Line, last: Line) -> str:
    if first.page != last.page:
        return f"pp. {first.folio}–{last.folio}"
    if first.number == last.number:
        return f"p. {first.folio}, l. {first.number}"
    return f"p. {first.folio}, ll. {first.number}–{last.number}"


def line_range(first: int, last: int) -> str:
    """A line key of the apparatus at the foot of the page: "12" or "12–13"."""
    return str(first) if first == last else f"{first}–{last}"


def counted_blocks(reading) -> list[int]:
    """The indexes of the reading's blocks that are set as counted lines, in order."""
    return [i for i, b in enumerate(reading.text.blocks) if b.kind in COUNTED_KINDS and b.text.strip()]


def line_map(book, document) -> LineMap:
    """The print lines of ``document`` (the laid-out ``book``) mapped to the model."""
    labels = folios.page_labels(document)
    settings = Settings.from_config(book.config)
    grouped = by_owner(print_lines(document, settings.restart))
    out: list[Line] = []
    for reading in book.readings:
        for ordinal, index in enumerate(counted_blocks(reading)):
            text = reading.text.blocks[index].text
            offsets = [i for i, c in enumerate(text) if not c.isspace()] + [len(text)]
            lines = grouped.get((reading.siglum, ordinal), [])
            for line, (start, end) in zip(lines, align([l.text for l in lines], text)):
                out.append(Line(reading.siglum, index, offsets[start], offsets[max(start, end - 1)] + (end > start),
                                line.page, labels[line.page - 1], line.number))
    return LineMap(tuple(sorted(out, key=lambda l: (l.page, book_order(book, l)))))


def book_order(book, line: Line) -> tuple[int, int, int]:
    sigla = [r.siglum for r in book.readings]
    return sigla.index(line.siglum), line.block, line.start
