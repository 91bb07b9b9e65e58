"""An entry's synopsis in the print book: its passages side by side, or stacked.

Side by side (up to three passages) the synopsis is a CSS table of one row, a cell a
passage, under a row of references ("B 7, p. 12"): WeasyPrint splits a table row
across a page break and draws each cell's rule on both parts, so a long entry goes on
over the page with its columns and its rule, instead of leaving a gap and moving whole
to the next page (print.css says why the references are not repeated there). Stacked (four passages or more), each passage is a line of its own with its
reference run in at the left, atomic, and the synopsis breaks between them.

The reference links back to the passage's marker; its page (or page range, see
``pageranges``) is printed by the stylesheet with ``target-counter``.
"""

from __future__ import annotations

import html

from lectio.model import ApparatusEntry, Passage
from lectio.render import passages

esc = html.escape


def synopsis_html(entry: ApparatusEntry) -> str:
    classes = passages.synopsis_classes(len(entry.passages))
    if "stacked" in classes:
        sides = "".join(_side(p, _quote(p), _ref(p, entry.id)) for p in entry.passages)
        return f'<div class="{" ".join(classes)}">{sides}</div>'
    heads = "".join(f'<div class="side-head">{_ref(p, entry.id)}</div>' for p in entry.passages)
    sides = "".join(_side(p, _quote(p)) for p in entry.passages)
    return f'<div class="{" ".join(classes)}"><div class="side-heads">{heads}</div>{sides}</div>'


def _ref(passage: Passage, entry_id: str) -> str:
    """ "B 7" linking to the passage's marker, with where its first words are (for a page range)."""
    return (f'<p class="side-ref"><a class="passage-ref" href="#{passage.siglum}-app-{entry_id}" '
            f'data-from="#{passages.start_id(passage.siglum, entry_id)}"><span class="siglum">{passage.siglum}'
            f'</span> {passage.block.number}</a></p>')


def _quote(passage: Passage) -> str:
    words = esc(passages.quotation(passage.block, passage.start, passage.end), quote=False)
    return f'<blockquote class="passage-text">{words}</blockquote>'


def _side(passage: Passage, quote: str, ref: str = "") -> str:
    return f'<div class="side side-{passage.siglum}">{ref}{quote}</div>'
