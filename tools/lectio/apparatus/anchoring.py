"""Text-quote selectors: find the one place of a reading that an editor's quotation designates.

A selector is ``exact`` with optional ``prefix`` and ``suffix``, as in a W3C Web
Annotation text-quote selector. Both the quotation and the reading are *folded*
before matching, so that the normalizations cannot make a quotation miss: every
kind of quotation mark is one mark, every run of dashes one dash, every run of
spaces one space, and lacunae, soft hyphens and zero-width characters vanish.
The editor's text also goes through the sources' own character rules first
(``...`` becomes ``…``). A passage lies within one paragraph.

Each reading is folded and indexed once (:mod:`lectio.apparatus.quoteindex`), so anchoring
the whole apparatus is linear in the size of the book; :func:`find` is the plain scan the index
must agree with.

When a quotation matches no place, the closest stretch of the reading is found
and shown with a short character diff; when it matches several, every place is
listed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lectio.apparatus.quoteindex import ReadingIndex
from lectio.config.apparatus_schema import Selector
from lectio.errors import ERROR, Finding, Location
from lectio.model import Block, Passage, Reading
from lectio.sources import LACUNA, normalize_fragment

QUOTES = {**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`\u00b4'"},
          **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\""}}
DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
IGNORED = {LACUNA, "\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}
SHOWN_PLACES = 6
CONTEXT = 14  # characters of unchanged text kept around each difference


@dataclass
class Folded:
    """A folded text and, for each of its characters, the index it came from."""

    text: str
    index: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded [start, end)."""
        return self.index[start], self.index[end - 1] + 1


FOLDED = str.maketrans({**QUOTES, **{c: "-" for c in DASHES},
                        **{chr(c): " " for c in range(0x3000 + 1) if chr(c).isspace()}})
DROPPED = re.compile("[" + "".join(sorted(IGNORED)) + "]|  |--")


def fold(text: str) -> Folded:
    """Every quotation mark one mark, every run of dashes or spaces one, ignored characters gone;
    a text with nothing to drop is folded by one ``str.translate`` (the common case), else char by char."""
    mapped = text.translate(FOLDED)
    if not DROPPED.search(mapped):
        return Folded(mapped, list(range(len(text))))
    return _fold_chars(text)


def _fold_chars(text: str) -> Folded:
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in IGNORED:
            continue
        if char.isspace():
            char = " "
        elif char in DASHES:
            char = "-"
        else:
            char = QUOTES.get(char, char)
        if char in " -" and out and out[-1] == char:
            continue
        out.append(char)
        index.append(position)
    return Folded("".join(out), index)


def fold_quotation(text: str) -> str:
    """An editor's quotation, normalized like the sources, folded and trimmed."""
    return fold(normalize_fragment(text)).text.strip()


@dataclass
class Hit:
    block: Block
    start: int
    end: int


def find(reading: Reading, exact: str, prefix: str = "", suffix: str = "") -> list[Hit]:
    """Every place of the reading where the folded ``exact`` stands between ``prefix`` and ``suffix``."""
    hits = []
    for block in reading.text.paragraphs():
        folded = fold(block.text)
        position = folded.text.find(exact)
        while position >= 0:
            end = position + len(exact)
            if folded.text[:position].rstrip().endswith(prefix) and folded.text[end:].lstrip().startswith(suffix):
                hits.append(Hit(block, *folded.span(position, end)))
            position = folded.text.find(exact, position + 1)
    return hits


def index(reading: Reading) -> ReadingIndex:
    """The reading's paragraphs folded and indexed once, for every passage anchored in it."""
    return ReadingIndex.of(reading, fold)


def anchor(reading: Reading, selector: Selector, where: Location,
           indexed: ReadingIndex | None = None) -> tuple[Passage | None, Finding | None]:
    """The one passage a selector designates, or the finding that says why there is none
    (``indexed``: the reading's :func:`index`, made once for all its passages)."""
    exact = fold_quotation(selector.exact)
    if not exact:
        return None, Finding("apparatus.empty", f"passage of {reading.siglum} has no 'exact' text", where, ERROR,
                             fix="quote the passage in exact = \"…\"")
    prefix = fold_quotation(selector.prefix)
    suffix = fold_quotation(selector.suffix)
    indexed = indexed or index(reading)
    hits = [Hit(*hit) for hit in indexed.hits(exact, prefix, suffix)]
    if len(hits) == 1:
        hit = hits[0]
        return Passage(reading.siglum, hit.block, hit.start, hit.end), None
    if hits:
        return None, ambiguous(reading, hits, where)
    return None, not_found(reading, exact, where, indexed)


def ambiguous(reading: Reading, hits: list[Hit], where: Location) -> Finding:
    places = "; ".join(f"{reading.siglum} {h.block.number} ({reading.text.location(h.block, h.start)})"
                       for h in hits[:SHOWN_PLACES])
    if len(hits) > SHOWN_PLACES:
        places += f"; and {len(hits) - SHOWN_PLACES} more"
    return Finding("apparatus.ambiguous", f"{reading.siglum} passage matches {len(hits)} times: {places}",
                   where, ERROR, fix="quote more of the passage, or add a prefix or suffix that only one place has")


def not_found(reading: Reading, exact: str, where: Location, indexed: ReadingIndex | None = None) -> Finding:
    shown = exact if len(exact) <= 70 else exact[:67] + "…"
    close = closest(reading, exact, indexed)
    if close is None:
        fix = "the reading has no paragraphs"
    else:
        location = reading.text.location(close.block, close.start)
        fix = (f"closest passage: {reading.siglum} {close.block.number} at {location} ({close.ratio:.0%} alike)"
               f"\n      diff: {char_diff(close.folded, exact)}"
               "\n      ([-…-] is in the reading only, {+…+} in your quotation only; a passage lies within one paragraph)")
    return Finding("apparatus.not-found", f"{reading.siglum} passage not found: \"{shown}\"", where, ERROR, fix=fix)


@dataclass
class Closest:
    block: Block
    start: int
    folded: str
    ratio: float


def closest(reading: Reading, exact: str, indexed: ReadingIndex | None = None) -> Closest | None:
    """The stretch of the reading most like ``exact`` (aligned on its longest common runs)."""
    best: Closest | None = None
    indexed = indexed or index(reading)
    for block, folded in zip(indexed.blocks, indexed.folded):
        for start, end in _windows(folded.text, exact):
            ratio = difflib.SequenceMatcher(None, folded.text[start:end], exact, autojunk=False).ratio()
            if best is None or ratio > best.ratio:
                best = Closest(block, folded.index[start] if folded.index else 0, folded.text[start:end], ratio)
    return best


def _windows(text: str, exact: str) -> set[tuple[int, int]]:
    """Stretches of ``text`` as long as ``exact``, placed by each long run they share, widened to whole words."""
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    least = max(3, min(12, len(exact) // 5))
    windows = set()
    for block in matcher.get_matching_blocks():
        if block.size >= least or not windows:
            start = max(0, block.a - block.b)
            end = min(len(text), start + len(exact))
            windows.add(_whole_words(text, start, end))
    return {w for w in windows if w[1] > w[0]}


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def char_diff(theirs: str, yours: str, hunks: int = 3) -> str:
    """A short character diff: unchanged stretches cut to a few characters, at most ``hunks`` changes."""
    ops = _merged(difflib.SequenceMatcher(None, theirs, yours, autojunk=False).get_opcodes())
    parts, shown = [], 0
    for number, (tag, a0, a1, b0, b1) in enumerate(ops):
        if tag == "equal":
            parts.append(_trim(theirs[a0:a1], first=number == 0, last=number == len(ops) - 1))
            continue
        if shown == hunks:
            parts.append(f"… ({sum(1 for op in ops[number:] if op[0] != 'equal')} more differences)")
            break
        shown += 1
        parts.append((f"[-{theirs[a0:a1]}-]" if a1 > a0 else "") + (f"{{+{yours[b0:b1]}+}}" if b1 > b0 else ""))
    return "".join(parts)


def _merged(ops: list[tuple]) -> list[tuple]:
    """Changes separated by one or two unchanged characters read better as one change."""
    out: list[tuple] = []
    for op in ops:
        if out and len(out) >= 2 and out[-1][0] == "equal" and out[-1][2] - out[-1][1] <= 2 \
                and out[-2][0] != "equal" and op[0] != "equal":
            out.pop()
            previous = out.pop()
            op = ("replace", previous[1], op[2], previous[3], op[4])
        out.append(op)
    return out


def _trim(text: str, first: bool, last: bool) -> str:
    if len(text) <= 2 * CONTEXT:
        return text
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    return f"{head}…{tail}"
