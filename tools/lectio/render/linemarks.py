"""Marks written into the print HTML at given print lines: the apparatus's blocks (line numbers are
stamped onto the laid-out pages instead, ``linestamp``).

A layout says which lines there are (``lines.print_lines``); the next layout gets, for a line, an
element inserted in the HTML right after the first whole word that begins on that line. There,
and not before the word, an element of no width stays on the word's line: WeasyPrint leaves one
put before a word that begins a line at the end of the line before (after its last space). The
HTML's text is read with the same rules as the layout's
(``laidout.NOT_TEXT`` is not the text; ``lines.COUNTED_TAGS`` are the counted elements) so that the
k-th counted element of a reading is the same in both.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lectio.render import laidout, lines

BLOCK_TAGS = frozenset({"p", "blockquote", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td", "th",
                        "div", "section", "nav", "ul", "ol", "dl", "table", "tr", "body"})
VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "source", "area", "base"})


@dataclass
class Owner:
    """A counted element's non-whitespace characters: where each ends in the HTML, and which begin
    a word."""

    chars: list[str] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    starts_word: list[bool] = field(default_factory=list)


@dataclass
class _Element:
    tag: str
    skipped: bool
    siglum: str
    counted: bool
    key: int


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.stack: list[_Element] = []
        self.owners: dict[str, list[Owner]] = {}
        self.current: dict[int, Owner] = {}
        self.space = True
        self.feed(text)
        self.close()

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.space = self.space or tag == "br"
            return
        values = dict(attrs)
        top = self.stack[-1] if self.stack else _Element("", False, "", False, 0)
        classes = set((values.get("class") or "").split())
        siglum = values.get("data-siglum") or top.siglum if tag == "section" else top.siglum
        skipped = top.skipped or bool(laidout.NOT_TEXT & classes)
        if tag in BLOCK_TAGS:
            counted = tag in lines.COUNTED_TAGS and not lines.NOT_COUNTED & classes
            self.stack.append(_Element(tag, skipped, siglum, counted, self._at()))
            self.space = True
        else:
            self.stack.append(_Element(tag, skipped, siglum, top.counted, top.key))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            element = self.stack.pop()
            if element.tag == tag:
                break
        if tag in BLOCK_TAGS:
            self.space = True

    def handle_data(self, data):
        start = self._at()
        for index, char in enumerate(data):
            self._char(char, start + index + 1)

    def handle_entityref(self, name):
        start = self._at()
        end = self.text.index(";", start) + 1
        self._char(html.unescape(self.text[start:end]), end)

    handle_charref = handle_entityref

    def _char(self, char: str, end: int) -> None:
        if char.isspace():
            self.space = True
            return
        top = self.stack[-1] if self.stack else None
        if top is None or top.skipped or not top.counted or not top.siglum:
            self.space = False
            return
        owner = self.current.get(top.key)
        if owner is None:
            owner = self.current[top.key] = Owner()
            self.owners.setdefault(top.siglum, []).append(owner)
        owner.chars.append(char)
        owner.ends.append(end)
        owner.starts_word.append(self.space or not owner.ends[:-1])
        self.space = False


def owners(html_text: str) -> dict[str, list[Owner]]:
    """Each reading's counted elements, in order, read from the print HTML."""
    return _Reader(html_text).owners


def after_first_word(owner: Owner, start: int, end: int) -> int | None:
    """Where in the HTML the first whole word beginning in [start, end) ends (an offset), or None."""
    begins = [j for j in range(start, end) if owner.starts_word[j]] or list(range(start, end))[:1]
    if not begins:
        return None
    j = begins[0]
    while j + 1 < len(owner.ends) and not owner.starts_word[j + 1]:
        j += 1
    return owner.ends[j]


def insert_at_lines(html_text: str, document, restart: str, marks) -> str:
    """``html_text`` with ``marks(print_line) -> markup or ""`` inserted at each print line of the last
    layout that gets some."""
    read = owners(html_text)
    inserts: list[tuple[int, str]] = []
    for (siglum, ordinal), found in lines.by_owner(lines.print_lines(document, restart)).items():
        elements = read.get(siglum, [])
        if ordinal >= len(elements):
            continue
        owner = elements[ordinal]
        for line, (start, end) in zip(found, lines.align([l.text for l in found], "".join(owner.chars))):
            markup = marks(line)
            where = after_first_word(owner, start, end) if markup else None
            if where is not None:
                inserts.append((where, markup))
    for where, markup in sorted(inserts, key=lambda item: item[0], reverse=True):
        html_text = html_text[:where] + markup + html_text[where:]
    return html_text
