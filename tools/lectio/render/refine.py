"""What one layout of the print book tells the next: it is laid out again until nothing changes.

- **Page ranges** (``pageranges``): a passage printed across a page break is referred to as
  "pp. 14–15", which only a layout can tell.
- **Notes on the page of their call**: WeasyPrint keeps a paragraph's widows and orphans
  (two lines, print.css) even when that moves the page's last note to the next page, away
  from its call (its ``_linebox_layout`` reports footnotes to make room for a line it will not
  break before). For each note found off its page, the block that ends the call's page may
  leave a single line at the break (``widows: 1; orphans: 1``, by its id, for it and its
  descendants), and the book is laid
  out again: a lone line at a page break is the lesser fault. The set only grows from one
  layout to the next, so the passes end.
- **Notes WeasyPrint loses**: when the lines that keep a paragraph's widows and orphans
  push two notes of one page to the next, WeasyPrint 70 can set one of them on no page at
  all (seen at A4). The block that ends such a note's call page is always loosened as
  above, whatever ``LOOSEN`` says, and ``pdf.layout`` refuses a book that still lacks a
  note (:func:`lost_notes`): a note is never dropped in silence.
"""

from __future__ import annotations

import re

from lectio.index import pages
from lectio.render import apparatusblock, laidout, linelocators, pageranges

LOOSENED = "/* notes on their call's page */"
LOOSENED_RULE = re.compile(r"<style>" + re.escape(LOOSENED) + r"[^<]*</style>\n")

# Off: a loosened block may end its page inside a hyphenated word that the fidelity check then misses
# (seen at A4 course reader); docs/typesetting.md gives the counts with and without.
LOOSEN = False


def lost_notes(document) -> list[str]:
    """The notes whose call was set but whose text is on no page."""
    return [placement.name for placement in laidout.note_placements(document) if not placement.last]


def loosened(document, loose: frozenset[str], placements) -> frozenset[str]:
    """``loose`` and the blocks ending the call pages of ``placements`` (notes off their call's page)."""
    found = {laidout.last_block(document, p.first) for p in placements if p.first}
    return loose | {block for block in found if block}


# What a layout writes into the next one's HTML: each step is ``step(html_text, document) -> html_text``,
# given the HTML as written (with the earlier steps' marks) and the last layout; it must give the same
# HTML for the same layout, so that the passes end when nothing moves.
# The line numbers are not a step: they move nothing, and are stamped on the last layout (``linestamp``).
STEPS = (pageranges.mark_ranges, apparatusblock.place, linelocators.mark_passages, pages.fill)


def refined(html_text: str, document, loose: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The HTML for the next layout, and the blocks it loosens."""
    placements = laidout.note_placements(document)
    loose = loosened(document, loose, [p for p in placements if p.apart and (LOOSEN or not p.last)])
    text = html_text
    for step in STEPS:
        text = step(text, document)
    if loose:
        rule = ", ".join(f"#{block}, #{block} *" for block in sorted(loose)) + " { widows: 1; orphans: 1; }"
        text = text.replace("</head>", f"<style>{LOOSENED} {rule}</style>\n</head>", 1)
    return text, loose


def loosened_blocks(head: str) -> set[str]:
    """The ids of the blocks that ``head``'s loosening rule names (written by :func:`refined`)."""
    found = LOOSENED_RULE.search(head)
    return set(re.findall(r"#([^\s,{]+) \*", found.group(0))) if found else set()


def without_loosening(head: str) -> str:
    """``head`` without the rule that loosens blocks (the blocks are known by their ids)."""
    return LOOSENED_RULE.sub("", head)
