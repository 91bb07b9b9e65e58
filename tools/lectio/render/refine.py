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
"""

from __future__ import annotations

from lectio.render import laidout, pageranges

# Off: a loosened block may end its page inside a hyphenated word that the fidelity check then misses
# (seen at A4 course reader); docs/typesetting.md gives the counts with and without.
LOOSEN = False


def loosened(document, loose: frozenset[str]) -> frozenset[str]:
    """``loose`` and the blocks ending the pages of the notes now off their call's page."""
    found = {laidout.last_block(document, p.first) for p in laidout.notes_off_their_page(document) if p.first}
    return loose | {block for block in found if block}


def refined(html_text: str, document, loose: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The HTML for the next layout, and the blocks it loosens."""
    loose = loosened(document, loose) if LOOSEN else loose
    text = pageranges.mark_ranges(html_text, document)
    if loose:
        rule = ", ".join(f"#{block}, #{block} *" for block in sorted(loose)) + " { widows: 1; orphans: 1; }"
        text = text.replace("</head>", f"<style>/* notes on their call's page */ {rule}</style>\n</head>", 1)
    return text, loose
