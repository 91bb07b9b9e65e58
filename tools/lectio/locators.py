"""The book's own locators: a place in a reading named by its paragraph ("B 19"), never by a
line of the file as received, which the book does not print.

A finding's ``Location`` (file, line, column of the received file) is turned into the block
that holds that character through the blocks' ``origin`` (each character's offset in the
raw file). A block without a number (a heading, a front line) is named by its words.
"""

from __future__ import annotations

from lectio.errors import Location
from lectio.model import Block, Text, offset_of

QUOTED = 40  # at most this many characters of an unnumbered block's words


def block_at(text: Text, location: Location) -> Block | None:
    """The block of ``text`` that holds the character at ``location``: the last block starting at or
    before it (None: before every block, or no line given)."""
    if not location.line:
        return None
    if not text.raw:  # a reader whose locations count blocks, not lines (office)
        return next((b for b in text.blocks if b.line == location.line), None)
    offset = offset_of(text.raw, location.line, location.column or 1)
    starts = [(min(b.origin), i) for i, b in enumerate(text.blocks) if b.origin and min(b.origin) <= offset]
    return text.blocks[max(starts)[1]] if starts else None



def quoted(block: Block) -> str:
    """An unnumbered block named by its words."""
    words = " ".join(block.text.split())
    return f"“{words[:QUOTED].rstrip()}{'…' if len(words) > QUOTED else ''}”"


def joined(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def locator(siglum: str, blocks: list[Block], text: Text) -> str:
    """``B 7 and 8``: the siglum once, then the numbered blocks in text order (each once); an
    unnumbered block is named by its words and the paragraph after it (“Introduction” before B 1)."""
    order = {id(b): i for i, b in enumerate(text.blocks)}
    unique = sorted({id(b): b for b in blocks if id(b) in order}.values(), key=lambda b: order[id(b)])
    numbered = [str(b.number) for b in unique if b.number is not None]
    parts = [f"{siglum} {joined(numbered)}"] if numbered else []
    for block in (b for b in unique if b.number is None):
        following = next((b.number for b in text.blocks[order[id(block)]:] if b.number is not None), None)
        parts.append(f"{quoted(block)} before {siglum} {following}" if following else f"{quoted(block)} in {siglum}")
    return "; ".join(parts) if parts else siglum
