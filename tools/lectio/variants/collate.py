"""Collation of witnesses against a base text, token by token (docs/variants.md).

Each witness is aligned with the base on its own, over the tokens' keys: tokens found once in
each are anchors (``anchors``), and ``difflib.SequenceMatcher`` (Ratcliff and Obershelp's
longest-matching-block recursion, without its "junk" heuristic) aligns the stretches between
them; that gives runs that agree and runs that differ. A deletion and an insertion of the same
tokens a few tokens apart are one transposition. The base ranges where any witness differs
are then united across witnesses: overlapping ranges become one place of variation, whose
reading in every witness is read off that witness's alignment; witnesses that read alike
are grouped. A place that one witness changes as a whole (a long omission) while others
differ inside it is split: the whole place for that witness, and the places inside for the
others. An addition is attached to the base token before it (the first token when it opens
the text), and so is a change that begins with a punctuation mark, so every lemma has a
word to mark.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from lectio.variants import anchors
from lectio.variants.tokens import Rules, Token

TRANSPOSITION_GAP = 4  # tokens that may stand between the two halves of a transposition
LONG = 8  # tokens: a change this long, with others inside it, is a place of its own


@dataclass(frozen=True)
class Alignment:
    """One witness against the base: its changed base ranges and where each base position falls in it."""

    siglum: str
    tokens: list[Token]
    changes: list[tuple[int, int]]  # base token ranges [start, end) where the witness differs
    after: list[int]  # for each base position 0…n, the witness position after anything inserted there


@dataclass(frozen=True)
class Place:
    """A place of variation: a base range and each witness's tokens there."""

    start: int
    end: int
    readings: dict[str, list[Token]]  # siglum → its tokens at this place (the witnesses reported here)


def align(base: list[Token], witness: list[Token], siglum: str, rules: Rules) -> Alignment:
    """The witness aligned with the base (both already filtered by ``rules.kept``)."""
    codes = transpositions(anchors.opcodes([rules.key(t) for t in base], [rules.key(t) for t in witness]),
                           base, witness, rules)
    after = [0] * (len(base) + 1)
    changes = []
    for tag, i1, i2, j1, j2 in codes:
        after[i1], after[i2] = j1, j2
        if tag == "equal":
            after[i1:i2 + 1] = range(j1, j2 + 1)
        else:
            changes.append(_attached(i1, i2, base, base[i1:i2][:1] + witness[j1:j2][:1]))
    return Alignment(siglum, witness, sorted(changes), after)


def _attached(i1: int, i2: int, base: list[Token], firsts: list[Token]) -> tuple[int, int]:
    """An addition (an empty base range), or a change that begins with a punctuation mark on either
    side (``firsts``), joins the word before it (an addition at the very start, the first token)."""
    start = i1
    if i1 == i2 or not all(t.word for t in firsts):
        start = max(0, i1 - 1)
        while start > 0 and not base[start].word:
            start -= 1
    return start, min(len(base), max(i2, start + 1))


def transpositions(codes: list, base: list[Token], witness: list[Token], rules: Rules) -> list:
    """A deletion and an insertion of the same words, close together, made one replacement."""
    out = list(codes)
    index = 0
    while index + 2 < len(out):
        first, middle, last = out[index:index + 3]
        if middle[0] == "equal" and middle[2] - middle[1] <= TRANSPOSITION_GAP and \
                _moved(first, last, base, witness, rules):
            out[index:index + 3] = [("replace", first[1], last[2], first[3], last[4])]
        index += 1
    return out


def _moved(first, last, base, witness, rules) -> bool:
    def keys(tokens, start, end):
        return [rules.key(t) for t in tokens[start:end]]
    if first[0] == "delete" and last[0] == "insert":
        return keys(base, first[1], first[2]) == keys(witness, last[3], last[4])
    if first[0] == "insert" and last[0] == "delete":
        return keys(witness, first[3], first[4]) == keys(base, last[1], last[2])
    return False


def places(alignments: list[Alignment]) -> list[Place]:
    """The united changed ranges, in text order, with the tokens of the witnesses reported at each."""
    out = []
    for start, end in _united(sorted(r for a in alignments for r in a.changes)):
        inside = [a for a in alignments if _changes_in(a, start, end)]
        whole = [a for a in inside if (start, end) in _changes_in(a, start, end)]
        if end - start < LONG or not whole or len(whole) == len(inside):
            out.append(Place(start, end, {a.siglum: tokens_at(a, start, end) for a in alignments}))
            continue
        others = [a for a in alignments if a not in whole]
        out.append(Place(start, end, {a.siglum: tokens_at(a, start, end) for a in alignments if a not in inside or a in whole}))
        out += places([_within(a, start, end) for a in others])
    return sorted(out, key=lambda p: (p.start, -p.end))


def _changes_in(alignment: Alignment, start: int, end: int) -> list[tuple[int, int]]:
    """The alignment's changes inside [start, end) (its changes are sorted)."""
    index = bisect.bisect_left(alignment.changes, (start, -1))
    found = []
    while index < len(alignment.changes) and alignment.changes[index][0] < end:
        if alignment.changes[index][1] <= end:
            found.append(alignment.changes[index])
        index += 1
    return found


def _united(ranges: list[tuple[int, int]]) -> list[list[int]]:
    united: list[list[int]] = []
    for start, end in ranges:
        if united and start < united[-1][1]:
            united[-1][1] = max(united[-1][1], end)
        else:
            united.append([start, end])
    return united


def _within(alignment: Alignment, start: int, end: int) -> Alignment:
    """The alignment with only its changes inside [start, end)."""
    changes = _changes_in(alignment, start, end)
    return Alignment(alignment.siglum, alignment.tokens, changes, alignment.after)


def tokens_at(alignment: Alignment, start: int, end: int) -> list[Token]:
    """The witness's tokens for the base range [start, end), with what it adds at its end."""
    first = alignment.after[start] if start > 0 else 0
    return alignment.tokens[first:alignment.after[end]]
