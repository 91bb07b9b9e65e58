"""Words and punctuation marks of a text, each with where it stands and the key it is compared by.

A token is a word (letters and digits, with inner apostrophes and hyphens: ``battle-field``,
``don't``) or a single punctuation mark, so that a comma added or a dash dropped is a
difference of its own. The key is what collation compares: the token itself, unless the
editor's normalization rules (``Rules``) fold case, map spellings or leave punctuation out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    block: int  # the index of its block in the text's blocks
    start: int  # offsets in that block's text
    end: int

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()


@dataclass(frozen=True)
class Rules:
    """The editor's normalization: what collation ignores (docs/variants.md)."""

    case: bool = False  # fold case: "Liberty" reads as "liberty"
    punctuation: bool = False  # leave punctuation marks out of the comparison
    spelling: dict[str, str] = field(default_factory=dict)  # a form → the form it counts as
    marks: frozenset[str] = frozenset()  # punctuation marks left out of the comparison

    def key(self, token: Token) -> str:
        text = token.text.casefold() if self.case else token.text
        return self.spelling.get(text, text)

    def kept(self, tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.word or not (self.punctuation or t.text in self.marks)]


def spelling_map(pairs, case: bool) -> dict[str, str]:
    """``[["battle-field", "battlefield"], …]``: every form of a group counts as its first."""
    mapping = {}
    for group in pairs:
        forms = [f.casefold() if case else f for f in group]
        mapping.update({form: forms[0] for form in forms[1:]})
    return mapping


def tokenize(texts: list[str]) -> list[Token]:
    """The tokens of each block text, in order."""
    return [Token(m.group(), index, m.start(), m.end()) for index, text in enumerate(texts)
            for m in WORD.finditer(text)]


def words(tokens: list[Token], texts: list[str]) -> str:
    """The text the tokens cover, as written (a run in one block is sliced; blocks are joined by a space)."""
    pieces = []
    for block in dict.fromkeys(t.block for t in tokens):
        inside = [t for t in tokens if t.block == block]
        pieces.append(texts[block][inside[0].start:inside[-1].end])
    return " ".join(pieces)
