"""The index of passages cited: the works the readings' notes cite, each with the locators cited
("p. 12") and where (the note's paragraph; its page in print).

The works are the bibliography's entries (in its order, which ignores articles), headed by the
entry as formatted, its author written out where the style repeats it as a dash ("———.").
A citation is ``@key`` in a note's Markdown, its locator what follows the key inside the same
brackets (``[@key, 12]``) or in brackets after it (``@key [12]``).
"""

from __future__ import annotations

import html
import re

from lectio.citations.prose import CITE_KEY
from lectio.index import Entry, Hit, Index
from lectio.index.names import label, sort_key

LOCATOR_IN = re.compile(r"\s*,\s*([^;\]]+)")  # [@key, 12]
LOCATOR_AFTER = re.compile(r"\s*\[([^\]@]+)\]")  # @key [12]
AUTHOR = re.compile(r"^([^<“\"]*?)\s*(?=<|“|\"|$)")  # what stands before the title, no markup
REPEATED = re.compile(r"^\s*—{2,}")  # the style's dash for the author of the entry above
DASHES = re.compile(r"—{2,}")
FINAL_STOP = re.compile(r"\.((?:</[a-z]+>)*)\s*$")


def citations(markdown: str) -> list[tuple[str, str]]:
    """Every (key, locator) cited in a note ("" when no locator is given)."""
    out = []
    for match in CITE_KEY.finditer(markdown):
        rest = markdown[match.end():]
        found = LOCATOR_IN.match(rest) if _in_brackets(markdown, match.start()) else LOCATOR_AFTER.match(rest)
        out.append((match.group(1), found.group(1).strip() if found else ""))
    return out


def _in_brackets(markdown: str, position: int) -> bool:
    return markdown.rfind("[", 0, position) > markdown.rfind("]", 0, position)


def headings(book) -> dict[str, str]:
    """Each bibliography key's entry (HTML), a repeated author's dash written out."""
    out, author = {}, ""
    for key, entry in zip(book.bibliography_keys, book.bibliography_html):
        if REPEATED.match(re.sub(r"<[^>]+>", "", entry)) and author:
            entry = DASHES.sub(lambda _: author, entry, count=1)
        else:
            author = AUTHOR.match(entry).group(1).rstrip(".")
        out[key] = FINAL_STOP.sub(r"\1", entry)  # the pages follow after a comma
    return out


def index_of_passages(book) -> Index:
    works = headings(book)
    cited: dict[str, dict[str, list[Hit]]] = {}
    for reading in book.readings:
        for block in reading.text.blocks:
            for ref in block.notes:
                where, target = label(reading, block)
                for key, locator in dict.fromkeys(citations(ref.note.markdown)):
                    hit = Hit(ref.note.anchor(reading.siglum), where, target)
                    cited.setdefault(key, {}).setdefault(locator, []).append(hit)
    entries = []
    for key in (k for k in book.bibliography_keys if k in cited):
        places = cited[key]
        subentries = tuple(Entry(html.escape(locator), sort_key(locator), tuple(hits))
                           for locator, hits in sorted(places.items()) if locator)
        entries.append(Entry(works[key], sort_key(works[key]), tuple(places.get("", ())), subentries))
    return Index("index-passages", "Index of passages cited", tuple(entries))

