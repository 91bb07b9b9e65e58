"""A formatted note that holds more than one paragraph: the same HTML for every writer.

citeproc gives a note as HTML; ``citations.prose.inline_first`` keeps its first paragraph inline (it stands
in the line of the note's number) and the paragraphs, lists and quotations after it as
blocks: ``first words<ul><li>…</li></ul><p>more</p>``. The EPUB keeps those blocks as
they are (an ``<aside>`` may hold them); a printed footnote is an inline element floated
to the foot of the page, so there each block becomes a ``span`` with a class that the
print stylesheet sets as a block (``note-p``), a list (``note-list``, ``ordered``) or a
list item (``note-item``).
"""

from __future__ import annotations

import re

BLOCK_TAGS = ("p", "ul", "ol", "li", "blockquote")
BLOCK = re.compile(r"<(/?)(p|ul|ol|li|blockquote)\b[^>]*>")
PRINT_CLASS = {"p": "note-p", "blockquote": "note-p note-quote", "ul": "note-list", "ol": "note-list ordered",
               "li": "note-item"}


def split(html: str) -> tuple[str, str]:
    """(the inline first paragraph, the blocks after it) of a note's HTML."""
    first = BLOCK.search(html)
    return (html, "") if first is None else (html[:first.start()], html[first.start():])


def as_print_spans(html: str) -> str:
    """The note's blocks as classed spans, which may stand inside the floated footnote."""
    def replace(match: re.Match) -> str:
        return "</span>" if match.group(1) else f'<span class="{PRINT_CLASS[match.group(2)]}">'

    return BLOCK.sub(replace, html)
