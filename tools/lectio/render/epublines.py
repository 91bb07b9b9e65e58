"""An anchor in the EPUB for every print line of the readings, so that a line locator resolves there.

The anchor of line 12 of printed page 14 of reading B is ``<span id="B-p14-l12"/>`` (the printed
folio and the line's number as the margin prints it: :func:`anchor_id`), put before the word the
line begins with (before a word hyphenated across the line's start, never inside it). The line's
place comes from the line map (``lines.line_map``): its block's paragraph (``B-7``, the same id in
both formats) and the first letters and digits of its text, looked for in that paragraph after the
line before (``pagelist.FileText``, letters and digits only): the first 24 of them, or 12, 6 or 4
when a marker's text stands between the words in the EPUB. Lines of unnumbered blocks (a
quotation set without a number) have no paragraph id and get no anchor.
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio.render import lines as print_lines
from lectio.render.epub_xhtml import make
from lectio.render.pagelist import FileText, insert_element, word_point

KEY = 24  # letters and digits of a line's opening text that are looked for, then fewer (SHORTER)
SHORTER = (12, 6, 4)  # a marker's or a call's text in the EPUB can stand between the line's first words


@dataclass(frozen=True)
class LineAnchor:
    id: str
    paragraph: str  # the id of the line's paragraph, in the EPUB as in the print HTML
    key: str  # the line's first letters and digits, casefolded


def anchor_id(line: print_lines.Line) -> str:
    return f"{line.siglum}-p{line.folio}-l{line.number}"


def anchors(book, line_map: print_lines.LineMap) -> tuple[LineAnchor, ...]:
    """The anchors of every print line of a numbered block, in book order."""
    readings = {reading.siglum: reading for reading in book.readings}
    out = []
    for line in line_map.lines:
        block = readings[line.siglum].text.blocks[line.block]
        key = "".join(c for c in block.text[line.start:] if c.isalnum())[:KEY].casefold()
        if block.number is not None and key:
            out.append(LineAnchor(anchor_id(line), f"{line.siglum}-{block.number}", key))
    return tuple(out)


def insert_line_anchors(documents: dict[str, object], found: tuple[LineAnchor, ...]) -> int:
    """Put each anchor into ``documents`` (name → XHTML root); returns how many were placed."""
    texts = [FileText(name, root) for name, root in documents.items()]
    where = {identifier: number for number, text in enumerate(texts) for identifier in text.ranges}
    cursor: dict[str, int] = {}
    points = []
    for anchor in found:
        if anchor.paragraph not in where:
            continue
        text = texts[where[anchor.paragraph]]
        begin, end = text.skeleton_range(anchor.paragraph)
        index = _find(text.skeleton, anchor.key, max(begin, cursor.get(anchor.paragraph, begin)), end)
        if index >= 0:
            cursor[anchor.paragraph] = index + 1
            points.append((where[anchor.paragraph], text.positions[index], word_point(text, index), anchor.id))
    for _, _, point, identifier in sorted(points, key=lambda p: (p[0], p[1]), reverse=True):
        insert_element(point, make("span", {"id": identifier}))
    return len(points)


def _find(skeleton: str, key: str, low: int, high: int) -> int:
    """Where ``key`` (or, failing it, its first 12, 6 or 4 characters) is first found in [low, high)."""
    for size in (len(key), *SHORTER):
        index = skeleton.find(key[:size], low, high)
        if index >= 0:
            return index
    return -1
