"""What both writers need to mark apparatus passages in the readings.

A passage is underlined and ends with its entry's marker (A3). Passages of two
entries may overlap or nest; each gets a *level* within its paragraph (1, 2, …),
fixed for the whole passage, so the second underline runs below the first and a
reader sees where each passage begins and ends.
"""

from __future__ import annotations

from lectio.model import ApparatusEntry, Block, Span
from lectio.render.inline import Call, SpanEnd
from lectio.sources import LACUNA


def entry_numbers(entries: list[ApparatusEntry]) -> dict[str, int]:
    """A1, A2, …: entries are numbered in the order of the apparatus file."""
    return {entry.id: number for number, entry in enumerate(entries, start=1)}


def levels(block: Block) -> dict[int, int]:
    """For each anchor span of the block (by ``id``), its level: the lowest not taken by a span it overlaps."""
    anchors = sorted((s for s in block.spans if s.kind == "anchor" and s.end > s.start),
                     key=lambda s: (s.start, -s.end, s.target))
    taken: list[tuple[Span, int]] = []
    out = {}
    for span in anchors:
        busy = {level for other, level in taken if other.start < span.end and span.start < other.end}
        level = next(n for n in range(1, len(busy) + 2) if n not in busy)
        taken.append((span, level))
        out[id(span)] = level
    return out


def passage_classes(span: Span, block_levels: dict[int, int]) -> list[str]:
    level = block_levels.get(id(span), 1)
    return ["passage"] + ([f"passage-{min(level, 3)}"] if level > 1 else [])


def start_id(prefix: str, entry_id: str) -> str:
    """The id of a passage's first words (``B-from-<entry>``); its marker is ``B-app-<entry>``."""
    return f"{prefix}-from-{entry_id}"


def quotation(block: Block, start: int, end: int) -> str:
    """The passage's words as the synopsis prints them."""
    return block.text[start:end].replace(LACUNA, "").strip()


def calls_before_markers(stream: list) -> list:
    """The print order of a block's events (``inline.events``): where a passage ends at a note's call,
    the call comes first, kept to the word it follows, and the passage's marker after it; set the other
    way round, a marker "A4" and a call "2" read as one number, "A42"."""
    out, ends = [], []
    for event in stream:
        if isinstance(event, SpanEnd):
            ends.append(event)
            continue
        if not isinstance(event, Call):
            out += ends
            ends = []
        out.append(event)
    return out + ends


MAX_COLUMNS = 3  # more passages than this are stacked: a fourth column would be too narrow for a page


def synopsis_classes(count: int) -> list[str]:
    """The classes of an entry's synopsis: ``synopsis passages-N`` and ``side-by-side`` (a column per
    passage, up to three) or ``stacked`` (one passage under the other, more than three)."""
    return ["synopsis", f"passages-{count}", "side-by-side" if count <= MAX_COLUMNS else "stacked"]
