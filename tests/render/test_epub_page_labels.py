"""Page-list labels follow the printed folios (roman front matter, arabic main matter), on small documents."""

from __future__ import annotations

import zipfile

from pypdf import PdfReader

from lectio import build, pipeline
from lectio.render.epub_nav import page_list
from lectio.render.epub_xhtml import parse, serialize
from lectio.render.pagelist import insert_pagebreaks
from lectio.render.pagemap import PageStart, TextRun
from tests.conftest import make_tiny_project
from tests.render.test_epub_pagelist import CHAPTER, TITLE


def test_markers_and_the_page_list_carry_the_printed_folios():
    documents = {"EPUB/text/title.xhtml": parse(TITLE), "EPUB/text/ch001.xhtml": parse(CHAPTER)}
    starts = [PageStart(1, [TextRun("Book", ())]), PageStart(2, []),
              PageStart(3, [TextRun("A A Title", ("reading-A",))]),
              PageStart(4, [TextRun("A 2 Second paragraph.", ("reading-A", "A-2"))])]
    placed = insert_pagebreaks(documents, starts, "EPUB/text/title.xhtml", ["i", "ii", "1", "2"])
    assert placed == [(1, "i", "EPUB/text/title.xhtml"), (2, "ii", "EPUB/text/title.xhtml"),
                      (3, "1", "EPUB/text/ch001.xhtml"), (4, "2", "EPUB/text/ch001.xhtml")]
    title = serialize(documents["EPUB/text/title.xhtml"]).decode()
    assert 'id="page-1" aria-label="i"/><h1>Book' in title
    assert title.index('id="page-2" aria-label="ii"') > title.index("Book</h1>")  # blank: after the content
    nav = page_list(placed)
    assert [a.text for a in nav.iter("{http://www.w3.org/1999/xhtml}a")] == ["i", "ii", "1", "2"]
    assert [a.get("href") for a in nav.iter("{http://www.w3.org/1999/xhtml}a")][2] == "text/ch001.xhtml#page-3"


def test_without_labels_the_page_numbers_are_the_labels():
    documents = {"EPUB/text/ch001.xhtml": parse(CHAPTER)}
    placed = insert_pagebreaks(documents, [PageStart(1, [TextRun("A A Title", ("reading-A",))])])
    assert placed == [(1, "1", "EPUB/text/ch001.xhtml")]


def test_the_epub_page_list_carries_the_folios_the_pdf_prints(tmp_path):
    """The EPUB's labels are the written PDF's /PageLabels, page for page (front matter roman)."""
    root = make_tiny_project(tmp_path / "tiny")
    book = pipeline.check(root).book
    document = build.layout_pdf(book)
    staging = tmp_path / "staging"
    staging.mkdir()
    printed = PdfReader(build.make_pdf(book, document, staging)[0]).page_labels
    epub = build.make_epub(book, document, staging)
    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
    items = nav[nav.index('epub:type="page-list"'):].split("</ol>")[0]
    labels = [part.split(">", 1)[1].split("<", 1)[0] for part in items.split("<a ")[1:]]
    assert labels == printed
    assert labels[0] == "i" and "1" in labels
