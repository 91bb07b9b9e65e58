"""The text a reader gets from each output, as streams of words.

PDF: the text of every page in order, through PDFium (``pypdfium2``, forty times faster than
pypdf on a book), which gives the page's lines in reading order and marks a hyphen that
ends a line inside a word with U+FFFE; the matcher joins such a word with the next one
(or, at the foot of a page, with the first word of the next page). Running heads, folios,
margin numbers and the notes at the foot of the page are part of the page's text: the
matcher skips what the source does not have.

EPUB: the XHTML documents of the spine in order, read with lxml; the text of the notes
(``<aside>``, where pandoc puts pop-up footnotes) is a stream of its own, so a note is
looked for among the notes and the running text among the running text. An element hidden
by the ``hidden`` attribute or by a ``display: none`` rule of the EPUB's stylesheets
(``hidden.py``) is not read: a reader does not see it.

Each stream also knows where the readings' chapters are (``chapters.py``), so that a reading
is compared with its own pages or documents (``Stream.regions``).
"""

from __future__ import annotations

import zipfile
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lectio.verify.chapters import Chapters, epub_chapters, epub_marks, pdf_chapters
from lectio.verify.words import Words, excerpt, words

XHTML = "{http://www.w3.org/1999/xhtml}"
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "q", "small", "span", "strong", "sub", "sup", "u"}


@dataclass(frozen=True)
class Stream:
    """The text of an output, its words, and where each place (page, document) starts in it."""

    text: str
    found: Words
    place_starts: tuple[int, ...]
    place_names: tuple[str, ...]
    chapters: Chapters = Chapters()

    @classmethod
    def of(cls, pieces: list[tuple[str, str]], chapters: Chapters = Chapters()) -> "Stream":
        starts, text = [], []
        offset = 0
        for _, piece in pieces:
            starts.append(offset)
            text.append(piece)
            offset += len(piece) + 1
        joined = "\n".join(text)
        return cls(joined, words(joined), tuple(starts), tuple(name for name, _ in pieces), chapters)

    def excerpt(self, word: int) -> str:
        return excerpt(self.text, self.found, word)

    def first_word_of(self, place: str) -> int:
        """The index of the first word of a page or document (0 when unknown)."""
        if place not in self.place_names:
            return 0
        return self._first_word(self.place_names.index(place))

    def end_of(self, place: str) -> int:
        """The index after the last word of a page or document (the number of words when unknown)."""
        if place not in self.place_names:
            return len(self.found)
        return self._first_word(self.place_names.index(place) + 1)

    def _first_word(self, index: int) -> int:
        """The index of the first word of the place ``index`` (the number of words for the end)."""
        if index >= len(self.place_starts):
            return len(self.found)
        return bisect_left(self.found.starts, self.place_starts[index])

    def regions(self, anchor: str) -> list[tuple[int, int]]:
        """The words (first, end) of the chapter that ``anchor`` opens, narrowest first ([] when the output
        does not show where it is): its own places; where a page may be shared with the next chapter,
        that page up to the next chapter's heading on it, then all of that page."""
        span = self.chapters.span(anchor, len(self.place_starts))
        if span is None:
            return []
        first, end = self._first_word(span[0]), self._first_word(span[1])
        regions = [(first, end)]
        if self.chapters.shared and span[1] < len(self.place_starts):
            after = self._first_word(span[1] + 1)
            heading = self._find(words(self.chapters.heading(span[1])).words, end, after)
            regions += [(first, heading)] if heading is not None and heading > end else []
            regions.append((first, after))
        return regions

    def _find(self, wanted: tuple[str, ...], start: int, end: int) -> int | None:
        """The first place of the words ``wanted`` among the words from ``start`` to ``end``."""
        have = self.found.words
        return next((t for t in range(start, end - len(wanted) + 1) if wanted and have[t:t + len(wanted)] == wanted),
                    None)

    def place(self, word: int) -> str:
        """The page or document where word ``word`` stands."""
        if not self.place_names:
            return ""
        offset = self.found.starts[min(word, len(self.found) - 1)] if len(self.found) else 0
        return self.place_names[max(0, bisect_right(self.place_starts, offset) - 1)]


def pdf_stream(pdf: Path, anchors: tuple[str, ...] = ()) -> Stream:
    """The text of every page, and the pages where ``anchors`` and the chapters start (``chapters.py``)."""
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append((f"page {number + 1}", text))
        chapters = pdf_chapters(document, anchors)
    finally:
        document.close()
    return Stream.of(pages, chapters)


def epub_streams(epub: Path, anchors: tuple[str, ...] = ()) -> tuple[Stream, Stream]:
    """The running text and the notes of the EPUB's spine documents, in spine order; the running
    text knows the documents where ``anchors`` and the chapters start (``chapters.py``)."""
    from lectio.verify import hidden

    body, notes, marks = [], [], []
    with zipfile.ZipFile(epub) as archive:
        for name in _spine(archive):
            root = _parse(archive.read(name))
            hide = hidden.hidden_elements(root, archive, name)
            marks.append(epub_marks(root, anchors))
            body.append((name, _text(root, hide, skip_notes=True)))
            notes.append((name, "\n".join(_text(aside, hide) for aside in root.iter(f"{XHTML}aside")
                                          if aside not in hide)))
    return Stream.of(body, epub_chapters(marks)), Stream.of(notes)


def _parse(data: bytes):
    from lxml import etree

    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _spine(archive: zipfile.ZipFile) -> list[str]:
    container = _parse(archive.read("META-INF/container.xml"))
    opf_path = next(e.get("full-path") for e in container.iter() if e.get("full-path"))
    opf = _parse(archive.read(opf_path))
    folder = PurePosixPath(opf_path).parent
    items = {e.get("id"): e.get("href") for e in opf.iter("{http://www.idpf.org/2007/opf}item")}
    refs = [e.get("idref") for e in opf.iter("{http://www.idpf.org/2007/opf}itemref")]
    return [str(folder / items[ref]) if str(folder) != "." else items[ref] for ref in refs if ref in items]


def _text(element, hide: set, skip_notes: bool = False) -> str:
    """The element's text, a space between blocks, without hidden elements (and notes, if asked)."""
    out: list[str] = []

    def visit(node) -> None:
        if not isinstance(node.tag, str) or node in hide or (skip_notes and node.tag == f"{XHTML}aside"):
            if node.tail:
                out.append(node.tail)
            return
        if node.text and node.tag not in (f"{XHTML}style", f"{XHTML}script", f"{XHTML}head"):
            out.append(node.text)
        for child in node:
            visit(child)
        if node.tag.removeprefix(XHTML) not in INLINE:
            out.append(" ")
        if node.tail:
            out.append(node.tail)

    visit(element)
    return "".join(out)
