"""A reading's paragraphs folded once and indexed, so that anchoring a passage does not scan the reading.

``anchoring.find`` folds every paragraph of a reading and searches it, for every passage: the
apparatus of a book grows with the book and so does each reading, so anchoring grew as the
square of the book (0.2 s at 56 pages, 29 s at 538). Here each paragraph is folded once per
reading (``anchoring.fold``), and the folded paragraphs are joined into one string, separated
by a newline (a folded text has none: ``fold`` makes every space one " "), so that no match can
run across two paragraphs.

The joined string is indexed by *sampled q-grams*: the ``GRAM`` characters that begin at
every ``STEP``-th position. A quotation at least ``GRAM + STEP - 1`` long covers exactly one
sampled position within its first ``STEP`` characters, at some offset ``j``; so every place where
it stands is found by looking up its ``STEP`` grams ``exact[j:j + GRAM]`` and checking the
candidates ``p - j``. Shorter quotations are looked for with ``str.find`` over the joined
string. The hits, their order and the prefix and suffix rules are those of ``anchoring.find``
(tests compare the two on random texts).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lectio.model import Block, Reading

GRAM = 12  # characters of an indexed q-gram
STEP = 8  # one q-gram indexed every STEP positions
SEPARATOR = "\n"  # between folded paragraphs; never in a folded text


@dataclass(frozen=True)
class ReadingIndex:
    """The folded paragraphs of one reading, joined and indexed (built once, then only read)."""

    blocks: list[Block]
    folded: list  # anchoring.Folded of each block
    joined: str
    starts: list[int]  # where each paragraph begins in ``joined``
    grams: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, reading: Reading, fold) -> "ReadingIndex":
        blocks = reading.text.paragraphs()
        folded = [fold(block.text) for block in blocks]
        starts, position = [], 0
        for item in folded:
            starts.append(position)
            position += len(item.text) + len(SEPARATOR)
        joined = SEPARATOR.join(item.text for item in folded)
        grams: dict[str, list[int]] = {}
        for start in range(0, len(joined) - GRAM + 1, STEP):
            grams.setdefault(joined[start:start + GRAM], []).append(start)
        return cls(blocks, folded, joined, starts, grams)

    def occurrences(self, exact: str) -> list[int]:
        """Every place of ``exact`` in the joined text (overlapping ones too), in order."""
        if not exact or SEPARATOR in exact:
            return []
        if len(exact) < GRAM + STEP - 1:
            return self._scanned(exact)
        found = set()
        for offset in range(STEP):
            for sampled in self.grams.get(exact[offset:offset + GRAM], ()):
                start = sampled - offset
                if start >= 0 and self.joined.startswith(exact, start):
                    found.add(start)
        return sorted(found)

    def _scanned(self, exact: str) -> list[int]:
        places, position = [], self.joined.find(exact)
        while position >= 0:
            places.append(position)
            position = self.joined.find(exact, position + 1)
        return places

    def hits(self, exact: str, prefix: str = "", suffix: str = "") -> list[tuple[Block, int, int]]:
        """(block, start, end) in the block's own text of every place ``anchoring.find`` would give."""
        out = []
        for position in self.occurrences(exact):
            number = bisect.bisect_right(self.starts, position) - 1
            folded = self.folded[number]
            start = position - self.starts[number]
            end = start + len(exact)
            if _before(folded.text, start, prefix) and _after(folded.text, end, suffix):
                out.append((self.blocks[number], *folded.span(start, end)))
        return out


def _before(text: str, start: int, prefix: str) -> bool:
    """``text[:start].rstrip().endswith(prefix)``, reading only the few characters it needs
    (a folded text has no two spaces in a row, so rstrip removes at most one)."""
    return text[max(0, start - len(prefix) - 1):start].rstrip().endswith(prefix)


def _after(text: str, end: int, suffix: str) -> bool:
    """``text[end:].lstrip().startswith(suffix)``, reading only the few characters it needs."""
    return text[end:end + len(suffix) + 1].lstrip().startswith(suffix)
