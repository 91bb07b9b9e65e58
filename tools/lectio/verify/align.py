"""Find the source's words, in order, among an output's words (a subsequence, near-linear).

Extra words in the output (running heads, folios, paragraph numbers, note calls, apparatus
markers, notes printed at the foot of the page) are skipped; a source word is either matched
to one output word or lost. The method is that of patience diff:

1. *anchors*: runs of ``k`` words (k = 3, then 2 inside a gap) that occur exactly once in the
   source range and once in the output range; the longest chain of them in the same order on
   both sides is kept (a reordered or displaced passage falls out of the chain);
2. between two anchors, the words are matched *forward* from the left anchor and *backward*
   from the right one, each next word at most ``GAP`` output words after the previous one;
   a page's foot (notes, heads, folio) stops that step, and the walk resumes after it only
   where the next ``RUN`` source words stand together within ``SPAN`` output words (so the
   end of a text after a page foot is found even when the synopsis quotes it again later and
   no run of it is unique);
3. what is left between the two walks is aligned again with shorter anchors, and what still
   has no match is lost.

A word may also match two output words (a hyphenated ``situ-ation`` that an extraction left
split) and two words one output word (``river-boat`` broken after its hyphen and joined).

"Unique" is only as good as the output range it is counted in: in a long book that repeats
its sentences, a run whose true place is broken (a word hyphenated at a line's end) can be
unique in the whole book at a wrong place, in the next chapter, and pull the chain there.
``align`` therefore takes the output range to look in (``within``): the fidelity check gives
each reading its own chapter (``fidelity.py``, ``chapters.py``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

GAP = 6  # output words a walk may skip between two matched words (calls, markers, numbers)
SPAN = 800  # output words between the two halves of a word hyphenated across pages
RUN = 3  # source words that must stand together for a walk to resume after a page foot
HYPHEN = "-"  # ends an output word hyphenated at the end of a line (words.py)
LOST = -1


def align(source: tuple[str, ...], output: tuple[str, ...], within: tuple[int, int] | None = None) -> list[int]:
    """For each source word, the index of the output word it matched, or ``LOST``; only the output
    words ``within`` (first, end) are looked at, when it is given (a reading's own chapter)."""
    match = [LOST] * len(source)
    _align(source, output, (0, len(source)), within or (0, len(output)), match, 3)
    return match


def _align(source, output, src: tuple[int, int], out: tuple[int, int], match: list[int], k: int) -> None:
    for i, j in _chain(_anchors(source, output, src, out, k), k):
        for t in range(k):
            match[i + t] = j + t
    for (p, q), (left, right) in _gaps(match, src, out):
        p, left = _walk(source, output, (p, q), (left, right), match, 1)
        q, right = _walk(source, output, (p, q), (left, right), match, -1)
        if k > 2 and p < q and left < right:
            _align(source, output, (p, q), (left, right), match, k - 1)


def _grams(words: tuple[str, ...], span: tuple[int, int], k: int) -> dict[tuple, int]:
    """Each run of k words that occurs once in ``span``, with its place."""
    counts: Counter = Counter()
    first: dict[tuple, int] = {}
    for i in range(span[0], span[1] - k + 1):
        gram = words[i:i + k]
        counts[gram] += 1
        first.setdefault(gram, i)
    return {gram: first[gram] for gram, n in counts.items() if n == 1}


def _anchors(source, output, src, out, k) -> list[tuple[int, int]]:
    if src[1] - src[0] < k or out[1] - out[0] < k:
        return []
    theirs = _grams(output, out, k)
    ours = _grams(source, src, k)
    return sorted((i, theirs[gram]) for gram, i in ours.items() if gram in theirs)


def _chain(pairs: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    """The longest run of anchors increasing on both sides, overlapping anchors agreeing."""
    kept, last_i, last_j = [], -1, -1
    for i, j in _longest(pairs):
        if i > last_i and j > last_j and (i - last_i == j - last_j or i >= last_i + k and j >= last_j + k):
            kept.append((i, j))
            last_i, last_j = i, j
    return kept


def _longest(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (in their order) strictly increasing on the second member."""
    tails: list[int] = []  # output place ending the best chain of each length
    ends: list[int] = []  # index into pairs of that chain's last pair
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        back[n] = ends[at - 1] if at else -1
        if at == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[at], ends[at] = j, n
    chain, n = [], ends[-1] if ends else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    chain.reverse()
    return chain


def _gaps(match: list[int], src: tuple[int, int], out: tuple[int, int]):
    """Each run of unmatched source words in ``src`` with the output range between its neighbours."""
    i = src[0]
    while i < src[1]:
        if match[i] != LOST:
            i += 1
            continue
        start = i
        while i < src[1] and match[i] == LOST:
            i += 1
        left = match[start - 1] + 1 if start > src[0] else out[0]
        right = match[i] if i < src[1] else out[1]
        if left < right:
            yield (start, i), (left, right)


def _walk(source, output, src, out, match, step: int, resume: bool = True) -> tuple[int, int]:
    """Match words one after another from one end of the gap; return the new gap ends."""
    (p, q), (left, right) = src, out
    i, j = (p, left) if step > 0 else (q - 1, right - 1)
    while p <= i < q and left <= j < right:
        found = _next(source, output, i, j, step, (p, q), (left, right), resume)
        if found is None:
            break
        width, place, length = found
        for t in range(width):
            match[i + t * step] = place
        i += width * step
        j = place + length * step
    return (i, j) if step > 0 else (i + 1, j + 1)


def _next(source, output, i, j, step, src, out, resume: bool = True):
    """The next match of source word i at or after output word j: (source words, place, output words)."""
    join = (lambda a, b: a + b) if step > 0 else (lambda a, b: b + a)
    word = source[i]
    pair = join(word, source[i + step]) if src[0] <= i + step < src[1] else None
    for t in range(j, j + (GAP + 1) * step, step):
        if not out[0] <= t < out[1]:
            return None
        found = _here(output, word, pair, t, step, out, join)
        if found:
            return found
    return _resume(source, output, i, j + (GAP + 1) * step, step, src, out) if resume else None


def _resume(source, output, i, j, step, src, out):
    """Past a page foot: the next place where source words i, i+1, … (``RUN`` of them) stand together."""
    run = [source[i + n * step] for n in range(RUN) if src[0] <= i + n * step < src[1]]
    if len(run) < RUN:
        return None
    for t in range(j, j + SPAN * step, step):
        if not out[0] <= t + (RUN - 1) * step < out[1] or not out[0] <= t < out[1]:
            return None
        if all(output[t + n * step] == run[n] for n in range(RUN)):
            return 1, t, 1
    return None


def _here(output, word, pair, t, step, out, join):
    """Does source ``word`` (or ``pair``, two words) match at output word t?"""
    token = output[t]
    base = token.removesuffix(HYPHEN)
    if base == word:
        return 1, t, 1
    if pair is not None and base == pair:
        return 2, t, 1
    nxt = t + step
    if out[0] <= nxt < out[1] and join(base, output[nxt].removesuffix(HYPHEN)) == word:
        return 1, t, 2
    if (token.endswith(HYPHEN) if step > 0 else word.endswith(token)) and len(base) < len(word):
        return _across(output, word, t, step, out)
    return None


def _across(output, word, t, step, out):
    """A word hyphenated at the foot of a page: its end stands after the notes, heads and folio."""
    for far in range(t + step, t + SPAN * step, step):
        if not out[0] <= far < out[1]:
            return None
        first, last = (output[t], output[far]) if step > 0 else (output[far], output[t])
        if first.endswith(HYPHEN) and first[:-1] + last == word:
            return 1, t, abs(far - t) + 1
    return None


def locate(parts: list[tuple[str, ...]], output: tuple[str, ...], start: int = 0, end: int | None = None) -> list[int]:
    """Where each part (a note, an entry) starts in ``output`` from ``start`` to ``end``, each whole, or ``LOST``.

    Every place where a part is found whole is a candidate; the most parts in the same order as
    in the source are kept (a longest increasing chain, at most one place per part), so a part
    found only far on (a lost note whose words stand elsewhere) cannot take the parts before it.
    """
    end = len(output) if end is None else end
    postings: dict[str, list[int]] = {}
    for t in range(start, end):
        postings.setdefault(output[t], []).append(t)
    candidates = [(n, t) for n, part in enumerate(parts) if part  # a part's places last first: one per part
                  for t in reversed(postings.get(part[0], [])) if _whole(part, output, t, end) is not None]
    places = [LOST] * len(parts)
    for n, t in _longest(candidates):
        places[n] = t
    return places


def _whole(part: tuple[str, ...], output: tuple[str, ...], start: int, end: int) -> int | None:
    """The end of ``part`` matched word after word from ``start`` (before ``end``), or None."""
    match = [LOST] * len(part)
    i, j = _walk(part, output, (0, len(part)), (start, end), match, 1, resume=False)
    return j if i == len(part) and match[0] == start else None


def lost_runs(match: list[int]) -> list[tuple[int, int]]:
    """The runs of lost source words as (start, end)."""
    runs, i = [], 0
    while i < len(match):
        if match[i] == LOST:
            start = i
            while i < len(match) and match[i] == LOST:
                i += 1
            runs.append((start, i))
        i += 1
    return runs
