"""The index chapters, for the print HTML (pages filled by ``pages.fill`` after layout) and for the
EPUB (pandoc blocks: each occurrence a link to its paragraph, "B 7")."""

from __future__ import annotations

import html

from lectio.index import Entry, Hit, Index
from lectio.render.sanitize import clean


def print_body(index: Index) -> str:
    return "\n".join(_print_entry(entry, "ix-entry") for entry in index.entries)


def _print_entry(entry: Entry, classes: str) -> str:
    anchors = " ".join(dict.fromkeys(hit.anchor for hit in entry.hits))
    pages = f', <span class="ix-pages" data-anchors="{html.escape(anchors)}"></span>' if entry.hits else ""
    own = f'<p class="{classes}"><span class="ix-heading">{clean(entry.heading)}</span>{pages}</p>'
    return own + "".join(_print_entry(sub, "ix-entry ix-sub") for sub in entry.subentries)


def paragraphs(hits: tuple[Hit, ...]) -> list[Hit]:
    """Each paragraph once, in the order first met."""
    return list({hit.label: hit for hit in hits}.values())


def epub_blocks(index: Index) -> list:
    """The chapter as pandoc blocks: its heading (epub:type "index"), then an entry per paragraph."""
    title = {"t": "Str", "c": index.title}
    blocks = [{"t": "Header", "c": [1, [index.id, [], [["epub:type", "index"]]], [title]]}]
    for entry in index.entries:
        blocks += _epub_entry(entry, ["ix-entry"])
    return blocks


def _epub_entry(entry: Entry, classes: list[str]) -> list:
    inlines = [{"t": "RawInline", "c": ["html", f'<span class="ix-heading">{clean(entry.heading)}</span>']}]
    for hit in paragraphs(entry.hits):
        inlines += [{"t": "Str", "c": ","}, {"t": "Space"},
                    {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": hit.label}], [hit.target, ""]]}]
    out = [{"t": "Div", "c": [["", classes, []], [{"t": "Para", "c": inlines}]]}]
    for sub in entry.subentries:
        out += _epub_entry(sub, ["ix-entry", "ix-sub"])
    return out
