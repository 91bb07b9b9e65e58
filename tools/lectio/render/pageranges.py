"""Page ranges for apparatus passages printed across a page break: "pp. 14–15", not "p. 15".

In "Readings compared" each passage is headed by its paragraph and page ("B 7, p. 12"),
printed by the stylesheet with ``target-counter`` from the passage's marker (its end).
A passage whose first words (``B-from-<entry>``) lie on an earlier page than its marker
(``B-app-<entry>``) is printed across a break: its reference gets the class ``across``
and the stylesheet prints both pages, "pp. 14–15". Which passages are across is known
only once the book is laid out, so ``pdf.layout`` lays the book out again when
``mark_ranges`` changes the HTML; the readings come before "Readings compared", so
their pages, and the ranges, do not move in the second layout.
"""

from __future__ import annotations

import re

from lectio.render.laidout import PagePair

REF = re.compile(r'class="passage-ref( across)?" href="#([^"]+)" data-from="#([^"]+)"')


def anchor_pages(document) -> dict[str, int]:
    """Every id of the laid-out book and the page it is on (the first, for an element over a break)."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def passage_pages(html_text: str, document) -> list[PagePair]:
    """Every passage referred to in "Readings compared": its marker's id, its first page and its last."""
    pages = anchor_pages(document)
    found = []
    for _, marker, start in REF.findall(html_text):
        if marker in pages and start in pages:
            found.append(PagePair(marker, pages[start], pages[marker]))
    return found


def mark_ranges(html_text: str, document) -> str:
    """``html_text`` with the class ``across`` on exactly the references of passages across a break."""
    across = {p.name for p in passage_pages(html_text, document) if p.apart}

    def mark(match: re.Match) -> str:
        flag = " across" if match.group(2) in across else ""
        return f'class="passage-ref{flag}" href="#{match.group(2)}" data-from="#{match.group(3)}"'

    return REF.sub(mark, html_text)
