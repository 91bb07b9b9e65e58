"""Words on a folded form, for comparing the source's text with an output's text.

Folding: NFKC (ligatures, full-width forms), casefold; a word is a run of letters, digits
and combining marks, so quotation marks, dashes, apostrophes and brackets separate words in
the source and in the outputs alike. A word is also cut where a small letter meets a capital
and where a letter meets a digit: a note call (``claim.5``) or an apparatus marker
(``passageA3``) that an output glues to a word becomes a word of its own, which the matcher
skips. Soft hyphens and the editor's signs < > † inside a word vanish; a word broken by a hyphen at the end of a line
(U+FFFE in PDFium's text) ends with ``-``, for the matcher to join it with what follows. Each word keeps where it stands in the text it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

SOFT_HYPHEN = "\u00ad"
LINE_HYPHEN = "\ufffe"  # a hyphen that breaks a word at the end of a line (PDFium's mark)
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
SIGNS = "<>\u27e8\u27e9\u2020"  # the editor's signs < > ⟨ ⟩ † inside a word ("wor<l>d") are not part of it (docs/signs.md)
WORD = re.compile(rf"(?:[^\W_][{MARKS}{SOFT_HYPHEN}{SIGNS}]*)+{LINE_HYPHEN}?")
CUT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])|(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True)
class Words:
    """Folded words with, for each, its start and end in the text it came from."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)


def words(text: str) -> Words:
    folded, starts, ends = [], [], []
    for match in WORD.finditer(text):
        start = match.start()
        for piece in CUT.split(match.group()):
            word = fold(piece)
            if word:
                folded.append(word)
                starts.append(start)
                ends.append(start + len(piece))
            start += len(piece)
    return Words(tuple(folded), tuple(starts), tuple(ends))


_NO_SIGNS = str.maketrans("", "", SIGNS)


def fold(word: str) -> str:
    plain = word.replace(SOFT_HYPHEN, "").replace(LINE_HYPHEN, "").translate(_NO_SIGNS)
    folded = unicodedata.normalize("NFKC", plain).casefold()
    return folded + "-" if word.endswith(LINE_HYPHEN) and folded else folded


def excerpt(text: str, found: Words, first: int, count: int = 12) -> str:
    """The surface text of ``count`` words from word ``first`` (an ellipsis when cut)."""
    if first >= len(found):
        return "(nothing: the end of the text)"
    last = min(len(found), first + count) - 1
    piece = " ".join(text[found.starts[first]:found.ends[last]].split())
    return piece + (" …" if last + 1 < len(found) else "")
