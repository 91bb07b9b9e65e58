"""The print HTML split at its chapters into parts that can be laid out apart (``render.parallel``).

Every chapter opens on a recto (print.css: ``.chapter { break-before: right }``), so a part that
begins with a chapter begins on an odd page of the book, and a part laid out alone has the same
pages as in one layout of the whole book once its first page number is known. The front matter
(half-title to the last chapter before the main matter) stays with the first part, whose first
reading resets the folios (``folios``). Each part is a whole HTML document: the book's head (its
stylesheets), its chapters, and the hidden apparatus entries of the variants whose lemma it holds
(``apparatusblock.entries_html``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CHAPTER = re.compile(r'^<section class="chapter[ "]', re.M)
MAIN = 'data-matter="main"'
READING = "data-siglum="
ENTRIES = '<div class="app-crit-entries"'
ENTRY = re.compile(r'<span class="app-entry" data-var="([^"]+)">.*?</span><!--/app-entry-->', re.S)
IDS = re.compile(r'\sid="([^"]+)"')
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Split:
    """The print HTML cut into its head (to ``<body …>``), its units (the front matter, then one per
    chapter of the main matter) and its tail (hidden entries, ``</body>``)."""

    head: str
    units: tuple[str, ...]
    tail: str


def split(html_text: str) -> Split:
    body = html_text.index(">", html_text.index("<body")) + 1
    end = html_text.rindex("</body>")
    entries = html_text.find(ENTRIES, body, end)
    end = entries if entries >= 0 else end
    starts = [m.start() for m in CHAPTER.finditer(html_text, body, end)]
    main = next((i for i, at in enumerate(starts) if MAIN in html_text[at:html_text.index(">", at)]), None)
    cuts = [body] + (starts[main:] if main is not None else []) + [end]
    units = tuple(html_text[a:b] for a, b in zip(cuts, cuts[1:]))
    return Split(html_text[:body], units, html_text[end:])


def text_length(unit: str) -> int:
    return len(TAG.sub("", unit))


def body_length(html_text: str) -> int:
    """The characters of text in a whole HTML document's body."""
    return text_length(html_text[html_text.find("<body"):])


def grouped(lengths: list[int], count: int) -> list[range]:
    """Consecutive units in at most ``count`` non-empty groups of about equal length."""
    groups, start = [], 0
    for left in range(min(count, len(lengths)) - 1, 0, -1):  # the groups still to make after this one
        target, held, end = sum(lengths[start:]) / (left + 1), 0, start
        while end < len(lengths) - left and (end == start or held + lengths[end] / 2 <= target):
            held, end = held + lengths[end], end + 1
        if end >= len(lengths):
            break
        groups.append(range(start, end))
        start = end
    return groups + [range(start, len(lengths))]


def parts(html_text: str, count: int) -> tuple[str, ...]:
    """The whole HTML documents of the parts: the front matter, the readings in up to ``count`` groups
    of about equal length, the chapters after the last reading (one part when there is no main matter)."""
    cut = split(html_text)
    back = back_matter(cut)
    if back is None:
        return (html_text,)
    middle = range(1, back)
    groups = [range(0, 1)] + [range(g.start + 1, g.stop + 1) for g in
                              grouped([text_length(cut.units[i]) for i in middle], max(1, count))]
    groups += [range(middle.stop, len(cut.units))] if middle.stop < len(cut.units) else []
    return tuple(document(cut, group) for group in groups)


def document(cut: Split, group: range) -> str:
    """The whole HTML document of the units ``group``: the book's head, those units, and the hidden
    apparatus entries of the variants whose lemma they hold."""
    return cut.head + "".join(cut.units[i] for i in group) + _entries(cut.tail, cut.units, group)


def back_matter(cut: Split) -> int | None:
    """The index of the first unit after the last reading (``len(units)`` when none follows); None
    when the book has no reading."""
    readings = [i for i, unit in enumerate(cut.units) if i and READING in unit[:unit.index(">")]]
    return readings[-1] + 1 if readings else None


def _entries(tail: str, units: tuple[str, ...], group: range) -> str:
    """``tail`` with only the apparatus entries of the variants whose lemma is in ``group``."""
    held = set(IDS.findall("".join(units[i] for i in group)))
    return ENTRY.sub(lambda m: m.group(0) if f"var-{m.group(1)}" in held else "", tail)


def holds_main(html_text: str) -> bool:
    """Whether a part's body opens the main matter (its stylesheet names the attribute too)."""
    return MAIN in html_text[html_text.find("<body"):]


def ids(html_text: str) -> frozenset[str]:
    """The ids of a part's HTML."""
    return frozenset(IDS.findall(html_text))
