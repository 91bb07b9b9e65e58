"""Markdown through pandoc: sources, the introduction and the apparatus commentary.

The raw text is normalized first (the character rules of :mod:`.plain`, TeX rules off, code
spans, fenced code, link addresses and line indentation left alone), then read by pandoc as
``commonmark_x+sourcepos`` (:data:`FORMAT`), whose ``data-pos`` attributes give every
character its line and column in the normalized text; the normalizer's origin map takes it
back to the file as received, so findings keep file:line:col. CommonMark has no inline notes
and no citations: ``^[…]`` and ``[@key]`` stay literal and :mod:`.inline_notes` takes them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from lectio import pandoc
from lectio.errors import Finding, WARNING
from lectio.fsutil import display_path
from lectio.model import Block, Note, Text, location_of
from lectio.sources import inline_notes
from lectio.sources.pandoc_ast import Converter
from lectio.sources.normalize import Normalized, normalize
from lectio.sources.plain import number_paragraphs, scan_findings

FORMAT = ("commonmark_x-smart-fancy_lists-tex_math_dollars-emoji-yaml_metadata_block-raw_attribute"
          "+sourcepos")

_PROTECTED = (
    re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]*\1[`~]*[ \t]*$", re.M | re.S),  # fenced code
    re.compile(r"(?<!`)(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)"),  # code spans
    re.compile(r"\]\(\s*<?[^)\s>]*>?(?:\s+\"[^\"\n]*\")?\s*\)"),  # link address and title
    re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>"),  # autolinks
    re.compile(r"^[ \t]+", re.M),  # indentation (lists, code)
)


def protected(raw: str) -> list[tuple[int, int]]:
    """The ranges of ``raw`` the character rules leave alone."""
    return [match.span() for pattern in _PROTECTED for match in pattern.finditer(raw)]


@dataclass
class Parsed:
    normalized: Normalized
    blocks: list[Block]  # origins: offsets in the normalized text
    notes: list[tuple[Note, int]]  # each note with its marker's offset (normalized text)
    dropped: dict[str, int]


def parse(body: str, timeout: float = pandoc.DEFAULT_TIMEOUT) -> Parsed:
    normalized = normalize(body, markdown=True, keep=protected(body))
    blocks, notes, dropped = _convert(normalized.text, timeout)
    return Parsed(normalized, blocks, [(note, notes[id(note)]) for note in _notes_of(blocks)], dropped)


def _convert(source: str, timeout: float) -> tuple[list[Block], dict[int, int], dict[str, int]]:
    """The blocks of a normalized text, the offset of each note's marker (by the note's id), what was dropped."""
    original, (source, back) = source, _escape_markers(source)
    document = json.loads(pandoc.run(["-f", FORMAT, "-t", "json"], source, timeout=timeout, what="Markdown reader"))
    converter = Converter(source)
    converter.run(document["blocks"])
    offsets = {id(p.ref.note): p.ref.note.location for p in converter.pending}
    for pending in converter.pending:
        pending.ref.note.markdown = _dedent(source[pending.start:pending.end]) if pending.start >= 0 else ""
        pending.ref.note.text_location = pending.start if pending.start >= 0 else None  # fill() makes it a Location
        label = re.match(r"\[\^([^\]\s]+)\]", source[max(0, pending.ref.note.location):])
        pending.ref.note.marker = label.group(1) if label else ""  # [^N]: N (a note of its own: not paired again)
    blocks = []
    for block, soft in converter.blocks:
        inline_notes.verse(block, soft)
        offsets.update((id(ref.note), origin) for ref, origin in inline_notes.attach(block, _writer(source)))
        blocks.append(block)
    if len(source) != len(original):
        _map_back(blocks, offsets, [p.ref.note for p in converter.pending], back)
    return blocks, offsets, dict(converter.dropped)


_MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _escape_markers(source: str) -> tuple[str, list[int]]:
    """``[^N]`` with no ``[^N]:`` definition written ``[\\^N]``, so that pandoc leaves it as it is (the
    notes stage pairs it) instead of reading a superscript from its caret; with each offset's origin."""
    defined = set(re.findall(r"^ {0,3}\[\^([^\]\s]+)\]:", source, re.M))
    cuts = [m.start() + 1 for m in _MARKER.finditer(source) if m.group(1) not in defined]
    if not cuts:
        return source, []
    parts, back, position = [], [], 0
    for cut in cuts:
        parts += [source[position:cut], "\\"]
        back += list(range(position, cut)) + [cut]
        position = cut
    parts.append(source[position:])
    back += list(range(position, len(source) + 1))
    return "".join(parts), back


def _map_back(blocks: list[Block], offsets: dict[int, int], pending: list[Note], back: list[int]) -> None:
    def at(offset):
        return back[offset] if isinstance(offset, int) and 0 <= offset < len(back) else offset

    for block in blocks:
        block.origin = [at(o) for o in block.origin]
        block.line = at(block.line)
    for key in offsets:
        offsets[key] = at(offsets[key])
    for note in pending:
        note.text_location = at(note.text_location)


def _notes_of(blocks: list[Block]) -> list[Note]:
    return [ref.note for block in blocks for ref in sorted(block.notes, key=lambda r: r.position)]


SEPARATOR = "\ue002"
# what must be read alone: footnotes and link definitions (shared by label), fences (an unclosed one
# runs to the end), HTML and images (dropped, reported per text)
_ALONE = re.compile(r"\[\^|^ {0,3}\[[^\]\n]+\]:|^[ \t]*(`{3,}|~{3,})|<|!\[", re.M)


def parse_many(bodies: list[str], timeout: float = pandoc.DEFAULT_TIMEOUT) -> list[Parsed]:
    """Like :func:`parse` for each body, with one pandoc run for all that can share one (an apparatus
    has a commentary per entry: one run each would cost a process start each)."""
    together = [i for i, body in enumerate(bodies) if not _ALONE.search(body)]
    parsed = dict(zip(together, _together([bodies[i] for i in together], timeout) or [])) if len(together) > 1 else {}
    return [parsed[i] if i in parsed else parse(body, timeout) for i, body in enumerate(bodies)]


def _together(bodies: list[str], timeout: float) -> list[Parsed] | None:
    """The bodies read in one run, split at separator paragraphs; None when they did not stay apart."""
    normalized = [normalize(body, markdown=True, keep=protected(body)) for body in bodies]
    joined = f"\n\n{SEPARATOR}\n\n".join(n.text for n in normalized)
    blocks, offsets, dropped = _convert(joined, timeout)
    parts: list[list[Block]] = [[]]
    for block in blocks:
        if block.text == SEPARATOR and not block.frames:
            parts.append([])
        else:
            parts[-1].append(block)
    if len(parts) != len(bodies) or dropped:
        return None
    out, start = [], 0
    for part, one in zip(parts, normalized):
        for block in part:
            block.origin = [o - start for o in block.origin]
            block.line -= start
        out.append(Parsed(one, part, [(note, offsets[id(note)] - start) for note in _notes_of(part)], {}))
        start += len(one.text) + len(SEPARATOR) + 4
    return out


def _writer(source: str) -> inline_notes.MarkdownOf:
    def markdown_of(block: Block, start: int, end: int) -> str:
        if not block.origin or start >= len(block.origin):
            return block.text[start:end]
        closed = block.text[end - 1:end] == "]" or end >= len(block.origin)
        last = block.origin[end - 1] + 1 if closed else block.origin[end]
        return _dedent(source[block.origin[start]:last])
    return markdown_of


def _dedent(markdown: str) -> str:
    return "\n".join(line.strip() for line in markdown.strip().split("\n"))


def fill(text: Text, body: str, to_raw: Callable[[int], int], timeout: float = pandoc.DEFAULT_TIMEOUT) -> dict:
    """Read ``body`` into ``text`` (blocks, notes, counted changes); ``to_raw`` maps an offset in
    ``body`` to one in ``text.raw``. Returns what was dropped (kind → count)."""
    return place(text, parse(body, timeout), to_raw)


def fill_many(items: list[tuple[Text, str, Callable[[int], int]]], timeout: float = pandoc.DEFAULT_TIMEOUT) -> None:
    """:func:`fill` for many texts (the apparatus commentaries), with as few pandoc runs as can be."""
    for (text, _, to_raw), parsed in zip(items, parse_many([body for _, body, _ in items], timeout)):
        place(text, parsed, to_raw)


def place(text: Text, parsed: Parsed, to_raw: Callable[[int], int]) -> dict:
    """Put what was parsed into ``text``, every offset taken back to ``text.raw``."""
    origin = parsed.normalized.origin

    def raw_at(offset: int) -> int:
        return to_raw(origin[max(0, min(offset, len(origin) - 1))])

    for block in parsed.blocks:
        anchor = block.origin[0] if block.origin else block.line
        block.origin = [raw_at(o) for o in block.origin]
        block.line = location_of(text.raw, raw_at(anchor), text.display_path).line
    for note, marker in parsed.notes:
        note.location = location_of(text.raw, raw_at(marker), text.display_path)
        if note.text_location is not None:
            note.text_location = location_of(text.raw, raw_at(note.text_location), text.display_path)
    text.blocks = parsed.blocks
    text.notes = _notes_of(text.blocks)
    for number, note in enumerate(text.notes, start=1):
        note.number = number
    text.normalized, text.changes = parsed.normalized.text, parsed.normalized.counts()
    text.markdown, text.reader = True, "pandoc"
    return parsed.dropped


def read_markdown(key: str, path: Path, raw: str) -> tuple[Text, list[Finding]]:
    """A Markdown source as received (``raw``) → a numbered text and its findings."""
    text = Text(key, path, display_path(path), raw=raw)
    dropped = fill(text, raw, lambda offset: offset)
    number_paragraphs(text)
    return text, scan_findings(text) + dropped_findings(text, dropped)


def dropped_findings(text: Text, dropped: dict[str, int]) -> list[Finding]:
    """What the reader could not represent (raw HTML, images, …): one warning naming each kind."""
    if not dropped:
        return []
    what = ", ".join(f"{count} × {kind}" for kind, count in sorted(dropped.items()))
    return [Finding("sources.dropped", f"left out of the book (lectio cannot print it): {what}",
                    text.location(text.blocks[0]) if text.blocks else _start(text), WARNING,
                    fix="write it as text, or remove it from the source")]


def _start(text: Text):
    from lectio.errors import Location

    return Location(text.display_path, 1)
