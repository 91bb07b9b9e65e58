"""The index of passages cited: citations and their locators read from the notes' Markdown, works
headed by their bibliography entry (a repeated author written out), in the bibliography's order."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from lectio.errors import Location
from lectio.index import passages
from lectio.model import PARA, Block, Note, NoteRef, Reading, Text


@pytest.mark.parametrize("markdown, cited", [
    ("[@roe2020, 12].", [("roe2020", "12")]),
    ("[@roe2020, pp. 3–4; @doe1999].", [("roe2020", "pp. 3–4"), ("doe1999", "")]),
    ("Probably @roe2020 [ch. 2]. More.", [("roe2020", "ch. 2")]),
    ("As in @roe2020, which says so.", [("roe2020", "")]),  # a comma in prose is no locator
    ("Write to me@example.org.", []),
])
def test_citations_and_locators(markdown, cited):
    assert passages.citations(markdown) == cited


def book_citing(*notes: str):
    text = Text("A", Path("a.txt"), "a.txt")
    block = Block(PARA, "One two.", list(range(8)), 1, number=4)
    for number, markdown in enumerate(notes, start=1):
        note = Note(number, markdown, Location("a.txt", 1))
        text.notes.append(note)
        block.notes.append(NoteRef(3, note))
    text.blocks = [block]
    entries = ["Roe, Jane. <em>First Book</em>. 2001.", "———. <span>“A Paper.”</span> 2002.",
               "Zed, Al. <em>Unused</em>. 2003."]
    return SimpleNamespace(readings=[Reading("A", "T", "", text)], bibliography_keys=["roe1", "roe2", "zed"],
                           bibliography_html=entries)


def test_works_in_bibliography_order_with_locators_as_subentries():
    index = passages.index_of_passages(book_citing("[@roe2; @roe1, 12].", "[@roe1]."))
    [first, second] = index.entries
    assert first.heading == "Roe, Jane. <em>First Book</em>. 2001"
    assert [h.anchor for h in first.hits] == ["A-n2"] and [(s.heading, [h.label for h in s.hits])
                                                             for s in first.subentries] == [("12", ["A 4"])]
    assert second.heading == "Roe, Jane. <span>“A Paper.”</span> 2002"  # the dash written out
    assert [h.target for h in second.hits] == ["#A-4"]
