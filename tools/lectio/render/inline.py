"""Interleave a block's text with its spans and note references, for every writer.

Spans may overlap (two apparatus entries anchored on overlapping passages); they
are split at each boundary and reopened, so writers always get proper nesting.
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio.model import Block, Note, Span


@dataclass
class Run:
    """A stretch of text inside the spans that cover it (outermost first)."""

    text: str
    spans: tuple[Span, ...]


@dataclass
class Call:
    note: Note
    spans: tuple[Span, ...]


@dataclass
class SpanEnd:
    """Where a span ends (writers put an apparatus marker here)."""

    span: Span


def events(block: Block) -> list[Run | Call | SpanEnd]:
    cuts = {0, len(block.text)}
    for span in block.spans:
        cuts.update((span.start, span.end))
    for ref in block.notes:
        cuts.add(ref.position)
    points = sorted(cuts)
    out: list[Run | Call | SpanEnd] = []
    for index, position in enumerate(points):
        for span in sorted((s for s in block.spans if s.end == position and s.end > s.start), key=_order):
            out.append(SpanEnd(span))
        covering = _covering(block, position)
        for ref in sorted((r for r in block.notes if r.position == position), key=lambda r: r.note.number):
            out.append(Call(ref.note, covering))
        if index + 1 < len(points):
            end = points[index + 1]
            if end > position:
                out.append(Run(block.text[position:end], _covering(block, position, end)))
    return out


def _covering(block: Block, start: int, end: int | None = None) -> tuple[Span, ...]:
    end = start if end is None else end
    spans = [s for s in block.spans if s.start <= start and end <= s.end and s.start < s.end
             and not (start == end and s.end == start)]
    return tuple(sorted(spans, key=_order))


def _order(span: Span) -> tuple:
    return (span.kind != "anchor", span.start, -span.end, span.target)
