"""Books made by hand for the TEI tests: witnesses, variants, editorial signs, verse and hostile text."""

from __future__ import annotations

from pathlib import Path

from lectio import config as config_stage
from lectio.model import PARA, VERSE, Block, Book, Note, NoteRef, Reading, Span, Text, Variant, Witness, \
    WitnessReading
from lectio.errors import Location
from tests.conftest import make_tiny_project

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def block(kind: str, text: str, number: int | None, spans=(), notes=()) -> Block:
    return Block(kind, text, list(range(len(text))), 1, number, spans=list(spans), notes=list(notes))


def span_of(text: str, words: str, kind: str, target: str = "") -> Span:
    start = text.index(words)
    return Span(start, start + len(words), kind, target)


def book_with(root: Path, blocks: list[Block], notes=(), witnesses=(), variants=(), title: str = "First text",
              bibliography=(), keys=()) -> Book:
    config = config_stage.load(make_tiny_project(root))
    text = Text("A", root / "a.txt", "a.txt", blocks, list(notes))
    reading = Reading("A", title, "An Author", text)
    return Book(config, None, [reading], [], ["The note on the text."], list(bibliography),
                bibliography_keys=list(keys), witnesses=tuple(witnesses), variants=tuple(variants))


WITNESS_TEXT = "The house stood on the hill by the river."


def collated_book(root: Path) -> Book:
    """A reading with three witnesses (A1 the base) and three variants: a substitution, an
    omission by one witness and an addition by another; and the three editorial signs."""
    text = WITNESS_TEXT
    spans = [span_of(text, "house", "lemma", "A-v1"), span_of(text, "on the hill", "lemma", "A-v2"),
             Span(len(text) - 1, len(text) - 1, "lemma", "A-v3"),
             span_of(text, "stood", "supplied"), span_of(text, "the river", "corrupt"), span_of(text, "by", "deleted")]
    witnesses = [Witness("A1", "A", "First edition, 1850", "w/first.txt", base=True),
                 Witness("B", "A", "Second edition, 1852", "w/second.txt"),
                 Witness("C", "A", "Manuscript copy", "w/copy.txt")]
    variants = [Variant("A-v1", "A", "house", ("A1", "C"), (WitnessReading("home", ("B",)),)),
                Variant("A-v2", "A", "on the hill", ("A1", "B"), (WitnessReading("", ("C",)),), note="C omits."),
                Variant("A-v3", "A", "", ("A1", "B"), (WitnessReading(" at dawn", ("C",)),))]
    return book_with(root, [block(PARA, text, 1, spans)], witnesses=witnesses, variants=variants)


def verse_book(root: Path) -> Book:
    text = "Shall I compare thee\nto a summer day?\nThou art more lovely"
    spans = [span_of(text, "thee\nto a", "emph")]
    note = Note(1, "A note.", Location("a.notes.toml", 1), html="A <em>note</em>.")
    return book_with(root, [block(VERSE, text, 1, spans, [NoteRef(text.index("day?") + 4, note)])], [note])


HOSTILE = 'Tom & Jerry <script>alert("x")</script> ]]> <!-- -- \x0b "quoted" \'single\' <b>bold</b>'


def hostile_book(root: Path) -> Book:
    text = HOSTILE
    spans = [span_of(text, "Tom", "link", "javascript:alert(1)"), span_of(text, "Jerry", "link", "https://e.org/?a=1&b=<2>")]
    note = Note(1, "x", Location("a.notes.toml", 1),
                html='Safe <em>&amp; sound</em><script>alert(1)</script> <a href="javascript:evil()">click</a>')
    paragraph = block(PARA, text, 1, spans, [NoteRef(len(text), note)])
    return book_with(root, [paragraph], [note], title='A "title" & <more>',
                     bibliography=['<em>Book</em> &lt;one&gt; &amp; two'], keys=["key:with/odd chars"])
