"""Page numbers of the print indexes, read from the layout.

The print HTML writes each entry's pages as an empty ``<span class="ix-pages" data-anchors="…">``
listing the ids of its occurrences; :func:`fill`, a step of ``render.refine.STEPS``, writes
into it the pages those ids are on in the last layout (``document.pages[i].anchors``), as the
folios print them: a page once however often the name is on it, consecutive pages as a range
("12–14"). The indexes come last in the book, so filling them moves nothing before them and
the next layout confirms the numbers.
"""

from __future__ import annotations

import html
import re

from lectio.render import folios
from lectio.render.pageranges import anchor_pages

PAGES = re.compile(r'(<span class="ix-pages" data-anchors="([^"]*)">)[^<]*(</span>)')


def page_list(numbers: list[int], labels: tuple[str, ...]) -> str:
    """``[3, 3, 4, 5, 9]`` (1-based pages) → ``3–5, 9`` (their folios)."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    label = (lambda n: labels[n - 1] if 0 < n <= len(labels) else str(n))
    return ", ".join(label(r[0]) if len(r) == 1 else f"{label(r[0])}–{label(r[-1])}" for r in runs)


def fill(html_text: str, document) -> str:
    """``html_text`` with every index entry's pages written from ``document``'s layout."""
    if 'class="ix-pages"' not in html_text:
        return html_text
    pages = anchor_pages(document)
    labels = folios.page_labels(document)

    def pages_of(match: re.Match) -> str:
        numbers = [pages[a] for a in match.group(2).split() if a in pages]
        return match.group(1) + html.escape(page_list(numbers, labels)) + match.group(3)

    return PAGES.sub(pages_of, html_text)
