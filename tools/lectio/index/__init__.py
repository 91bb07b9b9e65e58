"""Indexes: the index of names (a list the editor keeps, matched in the readings and their notes) and
the index of passages cited (the works the readings' notes cite, with their locators).

``build`` makes them from the assembled Book; each is an :class:`Index` of frozen entries whose hits
name the book's own places: a print anchor (its page is read from the layout by ``pages.fill``, a
step of ``render.refine.STEPS``) and a paragraph ("B 7", a link in the EPUB). See docs/indexes.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One occurrence: ``anchor`` the print HTML's id at it, ``label`` its paragraph ("B 7"), ``target``
    the EPUB link to that paragraph ("#B-7")."""

    anchor: str
    label: str
    target: str


@dataclass(frozen=True)
class Entry:
    heading: str  # HTML
    sort: str
    hits: tuple[Hit, ...] = ()
    subentries: tuple["Entry", ...] = ()


@dataclass(frozen=True)
class Index:
    id: str  # the chapter's anchor
    title: str
    entries: tuple[Entry, ...]


def build(config, book) -> tuple[tuple[Index, ...], list]:
    """The indexes the edition asks for (``[index]``), and the findings on the names list."""
    from lectio.index import names, passages

    indexes, findings = [], []
    if config.index.names:
        index, findings = names.index_of_names(config.resolve(config.index.names), book)
        indexes.append(index)
    if config.index.passages:
        indexes.append(passages.index_of_passages(book))
    return tuple(i for i in indexes if i.entries), findings
