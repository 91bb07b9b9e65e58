"""pandoc's document AST (JSON) → lectio's blocks.

The document model is flat: a list of blocks, each with plain text and positioned spans.
Containers (lists, list items, quotations inside quotations, definition lists) become each
block's ``frames``; a table becomes one block whose cells are ``Block.cells``. A paragraph
directly inside a block quotation is a ``quote`` block (as the plain reader makes them), so a
quotation adds a frame only from its second level on. What each kind prints as is described
once, in :mod:`lectio.render.nesting`.

With source positions (``commonmark_x+sourcepos``: every inline wrapped in a Span whose
``data-pos`` is ``line:col-line:col``) each character gets its offset in the text pandoc
read; without them (Word, HTML) offsets are ``-1`` and the caller gives synthetic ones.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from lectio.model import CODE, HEADING, ITEM, PARA, QUOTE, RULE, TABLE, TERM, VERSE, Block, Frame, Note, \
    NoteRef, Span

INLINE_KINDS = {"Emph": "emph", "Underline": "emph", "Strong": "strong", "Superscript": "sup",
                "Subscript": "sub", "SmallCaps": "smallcaps", "Strikeout": "strike"}
QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
_POS = re.compile(r"(?:[^@;]*@)?(\d+):(\d+)-(\d+):(\d+)")


@dataclass
class Pending:
    """A note the converter met: its call, its blocks and where its text stands (-1: unknown)."""

    ref: NoteRef
    ast: list
    start: int = -1
    end: int = -1


@dataclass
class _Leaf:
    kind: str
    frames: tuple
    anchor: int
    parts: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    notes: list[NoteRef] = field(default_factory=list)
    soft: list[int] = field(default_factory=list)  # positions of soft line breaks
    length: int = 0

    def add(self, text: str, origin: list[int]) -> None:
        self.parts.append(text)
        self.origin.extend(origin)
        self.length += len(text)


class Converter:
    """Walks pandoc's AST; ``source`` is the text pandoc read (None: no positions);
    ``normalize`` (text → text) is applied to each word when there are no positions."""

    def __init__(self, source: str | None = None, normalize=None):
        self.source = source
        self.normalize = normalize
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)] if source is not None else []
        self.tabbed = {bisect.bisect_right(self.line_starts, m.start()) - 1 for m in re.finditer("\t", source or "")}
        self.blocks: list[tuple[Block, list[int]]] = []  # each block with the soft breaks in it
        self.pending: list[Pending] = []
        self.dropped: Counter = Counter()
        self.keys = itertools.count(1)
        self.leaf: _Leaf | None = None

    def offset(self, line: int, column: int) -> int:
        """pandoc's line:column (tabs to stops of 4) → offset in the source."""
        index = min(line, len(self.line_starts)) - 1
        start, text = self.line_starts[index], self.source
        end = self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(text)
        if index not in self.tabbed:
            return min(start + column - 1, end)
        col, offset = 1, start
        while col < column and offset < end:
            col = col + 4 - (col - 1) % 4 if text[offset] == "\t" else col + 1
            offset += 1
        return offset

    def position(self, attr, fallback: tuple[int, int]) -> tuple[int, int]:
        pairs = dict(attr[2]) if attr else {}
        match = _POS.match(pairs.get("data-pos", "")) if self.source is not None else None
        if not match:
            return fallback
        a, b, c, d = map(int, match.groups())
        return self.offset(a, b), self.offset(c, d)

    def origins(self, text: str, pos: tuple[int, int]) -> list[int]:
        start, end = pos
        if start < 0:
            return [-1] * len(text)
        found = self.source.find(text, start, max(end, start + len(text))) if text else -1
        if found >= 0:
            return list(range(found, found + len(text)))
        return [start] * len(text)

    def run(self, blocks: list) -> None:
        for node in blocks:
            self.block(node, (), (-1, -1))

    def block(self, node: dict, frames: tuple, pos: tuple[int, int], kind: str = PARA) -> None:
        t, c = node["t"], node.get("c")
        handler = getattr(self, f"_block_{t}", None)
        if handler is not None:
            handler(c, frames, pos, kind)
        elif t in ("Para", "Plain"):
            self.inlines_leaf(kind, c, frames, pos)
        else:
            self.dropped[t] += 1

    def _block_Div(self, c, frames, pos, kind):
        inner = self.position(c[0], pos)
        for child in c[1]:
            self.block(child, frames, inner, kind)

    def _block_Header(self, c, frames, pos, kind):
        self.inlines_leaf(HEADING, c[2], frames, self.position(c[1], pos), level=c[0])

    def _block_BlockQuote(self, c, frames, pos, kind):
        frame = Frame("quote", next(self.keys))
        for child in c:
            inner, inner_pos = _unwrap(child, pos, self)
            if inner["t"] in ("Para", "Plain"):
                self.inlines_leaf(QUOTE, inner["c"], frames, inner_pos)
            else:
                self.block(child, frames + (frame,), pos)

    def _block_BulletList(self, c, frames, pos, kind, frame=None):
        frame = frame or Frame("bullet", next(self.keys))
        for item in c:
            inside = frames + (frame, Frame("item", next(self.keys)))
            for index, child in enumerate(item):
                self.block(child, inside, pos, ITEM if index == 0 else PARA)

    def _block_OrderedList(self, c, frames, pos, kind):
        self._block_BulletList(c[1], frames, pos, kind, Frame("ordered", next(self.keys), c[0][0]))

    def _block_DefinitionList(self, c, frames, pos, kind):
        outer = frames + (Frame("deflist", next(self.keys)),)
        for term, definitions in c:
            self.inlines_leaf(TERM, term, outer, pos)
            for blocks in definitions:
                inside = outer + (Frame("definition", next(self.keys)),)
                for child in blocks:
                    self.block(child, inside, pos)

    def _block_CodeBlock(self, c, frames, pos, kind):
        pos = self.position(c[0], pos)
        leaf = self.start(CODE, frames, pos)
        leaf.add(c[1], self.origins(c[1], pos))
        self.finish()

    def _block_LineBlock(self, c, frames, pos, kind):
        leaf = self.start(VERSE, frames, pos)
        for index, line in enumerate(c):
            if index:
                leaf.add("\n", [leaf.origin[-1] if leaf.origin else pos[0]])
            self.inlines(line, pos)
        self.finish()

    def _block_HorizontalRule(self, c, frames, pos, kind):
        self.start(RULE, frames, pos)
        self.finish()

    def _block_Figure(self, c, frames, pos, kind):
        self.dropped["Image"] += 1
        for child in c[1][1] + c[2]:
            self.block(child, frames, pos)

    def _block_Table(self, c, frames, pos, kind):
        leaf = self.start(TABLE, frames, self.position(c[0], pos))
        rows = [(row, "th") for row in c[3][1]]
        for body in c[4]:
            rows += [(row, "th") for row in body[2]] + [(row, "td") for row in body[3]]
        rows += [(row, "td") for row in c[5][1]]
        cells = []
        for number, (row, tag) in enumerate(rows):
            for cell in row[1]:
                start = leaf.length
                for block in cell[4]:
                    self.inlines(_cell_inlines(block, self), pos)
                cells.append(Span(start, leaf.length, "cell", f"{number}:{tag}"))
                leaf.add(" ", [leaf.origin[-1] if leaf.origin else pos[0]])
        block = self.finish()
        block.cells = cells
        for caption in c[1][1]:
            self.block(caption, frames, pos)

    def _block_RawBlock(self, c, frames, pos, kind):
        self.dropped[f"raw {c[0]}"] += 1

    def _block_Null(self, c, frames, pos, kind):
        return

    def start(self, kind: str, frames: tuple, pos: tuple[int, int]) -> _Leaf:
        self.leaf = _Leaf(kind, frames, pos[0])
        return self.leaf

    def finish(self, level: int = 1) -> Block:
        leaf, self.leaf = self.leaf, None
        text = "".join(leaf.parts)
        block = Block(leaf.kind, text, leaf.origin, leaf.anchor, level=level, notes=leaf.notes,
                      spans=[s for s in leaf.spans if s.end > s.start], frames=leaf.frames)
        self.blocks.append((block, leaf.soft))
        return block

    def inlines_leaf(self, kind: str, inlines: list, frames: tuple, pos, level: int = 1) -> None:
        self.start(kind, frames, pos)
        self.inlines(inlines, pos)
        self.finish(level)

    def inlines(self, nodes: list, pos: tuple[int, int]) -> None:
        for node in nodes:
            self.inline(node, pos)

    def inline(self, node: dict, pos: tuple[int, int]) -> None:
        t, c, leaf = node["t"], node.get("c"), self.leaf
        if t == "Str":
            text = self.normalize(c) if self.normalize else c
            leaf.add(text, self.origins(c, pos) if text == c else [pos[0]] * len(text))
        elif t in ("Space", "SoftBreak", "LineBreak"):
            if t == "SoftBreak":
                leaf.soft.append(leaf.length)
            leaf.add("\n" if t == "LineBreak" else " ", [pos[0]])
        elif t in INLINE_KINDS:
            self.spanned(INLINE_KINDS[t], "", c, pos)
        elif t == "Span":
            self.span(c, pos)
        elif t == "Link":
            self.spanned("link", c[2][0], c[1] or [{"t": "Str", "c": c[2][0]}], self.position(c[0], pos))
        elif t in ("Code", "Math"):
            where = self.position(c[0], pos) if t == "Code" else pos
            start = leaf.length
            leaf.add(c[1], self.origins(c[1], where))
            if t == "Code":
                leaf.spans.append(Span(start, leaf.length, "code"))
        elif t == "Quoted":
            marks = QUOTES[c[0]["t"]]
            leaf.add(marks[0], [pos[0]])
            self.inlines(c[1], pos)
            leaf.add(marks[1], [leaf.origin[-1] if leaf.origin else pos[0]])
        elif t == "Cite":
            self.inlines(c[1], pos)
        elif t == "Note":
            self.note(c, pos)
        else:
            self.dropped["raw HTML" if t == "RawInline" else t] += 1

    def span(self, c, pos) -> None:
        attr, children = c
        inner = self.position(attr, pos)
        if "smallcaps" in attr[1]:
            self.spanned("smallcaps", "", children, inner)
        else:
            self.inlines(children, inner)

    def spanned(self, kind: str, target: str, children: list, pos) -> None:
        start = self.leaf.length
        self.inlines(children, pos)
        self.leaf.spans.append(Span(start, self.leaf.length, kind, target))

    def note(self, blocks: list, pos: tuple[int, int]) -> None:
        ref = NoteRef(self.leaf.length, Note(0, "", None))
        self.leaf.notes.append(ref)
        extent = list(_positions(blocks, self))
        start, end = (min(o[0] for o in extent), max(o[1] for o in extent)) if extent else (-1, -1)
        self.pending.append(Pending(ref, blocks, start, end))
        ref.note.location = pos[0]  # the marker's offset, turned into a Location by the caller


def _unwrap(node: dict, pos, converter: Converter):
    """A node under its sourcepos wrapper Divs, with their position."""
    while node["t"] == "Div" and ["wrapper", "1"] in node["c"][0][2] and len(node["c"][1]) == 1:
        pos = converter.position(node["c"][0], pos)
        node = node["c"][1][0]
    return node, pos


def _cell_inlines(block: dict, converter: Converter) -> list:
    node, _ = _unwrap(block, (-1, -1), converter)
    if node["t"] in ("Para", "Plain"):
        return node["c"]
    converter.dropped[f"{node['t']} in a table cell"] += 1
    return []


def _positions(node, converter: Converter):
    """Every (start, end) written in ``data-pos`` attributes under ``node``."""
    if isinstance(node, dict):
        yield from _positions(node.get("c"), converter)
    elif isinstance(node, list):
        if len(node) == 3 and isinstance(node[0], str) and isinstance(node[2], list) and \
                any(isinstance(p, list) and p[:1] == ["data-pos"] for p in node[2]):
            yield converter.position(node, (-1, -1))
        for child in node:
            yield from _positions(child, converter)
