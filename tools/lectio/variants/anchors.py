"""Alignment of two token sequences in near-linear time: patience anchoring, then difflib between.

Tokens that occur exactly once in each sequence are matched, and the longest run of such
matches that is in order in both (a longest increasing subsequence, by patience sorting) fixes
anchors; ``difflib.SequenceMatcher`` aligns only the short stretches between anchors, where its
quadratic worst case (frequent tokens: "the", commas) costs little. Runs that agree are joined,
so the result reads like one ``get_opcodes()``.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    out: list[tuple[str, int, int, int, int]] = []
    previous_i = previous_j = 0
    for i, j in _anchors(a, b) + [(len(a), len(b))]:
        matcher = difflib.SequenceMatcher(None, a[previous_i:i], b[previous_j:j], autojunk=False)
        out += [(tag, i1 + previous_i, i2 + previous_i, j1 + previous_j, j2 + previous_j)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
        if i < len(a):
            out.append(("equal", i, i + 1, j, j + 1))
        previous_i, previous_j = i + 1, j + 1
    return _joined(out)


def _anchors(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of tokens unique in both sequences, the longest chain increasing in both."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {token: j for j, token in enumerate(b) if count_b[token] == 1}
    pairs = [(i, where_b[t]) for i, t in enumerate(a) if count_a[t] == 1 and t in where_b]
    tails: list[int] = []  # tails[k]: the smallest j ending a chain of length k + 1
    ends: list[int] = []  # the pair index at each tail
    back = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        back[index] = ends[k - 1] if k else -1
        tails[k:k + 1], ends[k:k + 1] = [j], [index]
    chain, index = [], ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def _joined(codes: list) -> list:
    joined: list = []
    for code in codes:
        if joined and code[0] == "equal" == joined[-1][0]:
            joined[-1] = ("equal", joined[-1][1], code[2], joined[-1][3], code[4])
        else:
            joined.append(code)
    return joined
