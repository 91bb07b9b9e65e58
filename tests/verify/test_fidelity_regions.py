"""Each reading is compared with its own chapter of each output (verify/chapters.py).

Synthetic outputs (pages or documents of text, with the places where the chapters start) for a
two-reading project: the end of reading A is printed again in reading B and quoted in the
synopsis, where against the whole book it was reported lost; a loss inside A's chapter is still
reported with its file and line. On the built seed, the chapters found in the PDF and the EPUB.
"""

from __future__ import annotations

import pytest

from lectio import pipeline
from lectio.verify import extract, fidelity
from lectio.verify.chapters import Chapters
from lectio.verify.expected import note_text
from lectio.verify.words import words
from tests.conftest import TINY_EDITION, make_tiny_project

HEAD, REST = TINY_EDITION.split("[bibliography]")
EDITION = HEAD + '[[readings]]\nsiglum = "B"\ntitle = "Second text"\nsource = "b.txt"\n\n[bibliography]' + REST
END = "It told of its effects on the advertiser of Thursday morning, printed in November."
KEPT = "The received text reads adversed, which this edition keeps."
SECOND = "The second paragraph weighs the harbour records against the customs books."
FILLER = " ".join(["The grain prices of a dry year fell and rose again by the river."] * 80)
A = ("OPENING\nThe first paragraph sets out the question of the river trade and its ledgers.(1)\n"
     f"{SECOND} {KEPT}\nThe third paragraph ends the matter. {END} {KEPT}\n")
B = f"OPENING\nAnother reader begins elsewhere entirely.\nShe writes that {END} {FILLER}\n"
BREAK = "\ufffe\n"  # PDFium's mark of a hyphen that breaks a word at a line's end


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = make_tiny_project(tmp_path_factory.mktemp("regions") / "p", text=A, edition=EDITION)
    (root / "b.txt").write_text(B, encoding="utf-8")
    checked = pipeline.check(root)
    assert not checked.errors, [str(f) for f in checked.errors]
    return checked.book


def pages(book, a: str = A) -> list[tuple[str, str]]:
    """The book as a PDF's pages: contents, A (its end broken at a line), B, the synopsis quoting A's end."""
    note = note_text(book.readings[0].text.notes[0].html)
    entries = " ".join(note_text(entry) for entry in book.bibliography_html)
    return [("page 1", "Contents A First text 1 B Second text 2 Readings compared 3 Bibliography 4"),
            ("page 2", f"A First text\n{a.replace('the adver', 'the adver' + BREAK)}\n1. {note}\nFirst text 1"),
            ("page 3", f"B Second text\n{B}\nSecond text 2"),
            ("page 4", f"Readings compared A1 A 3: {END.replace('the adver', 'the adver' + BREAK)} B 2: She "
                       "writes that. Readings compared 3"),
            ("page 5", f"Bibliography {entries} 4")]


def compare(book, places, chapters=Chapters()) -> fidelity.Fidelity:
    stream = extract.Stream.of(places, chapters)
    return fidelity.compare(book, [fidelity.Output("PDF", stream, stream)])


PDF_CHAPTERS = Chapters((("reading-A", 1), ("reading-B", 2)), (0, 1, 2, 3, 4), shared=True,
                        headings=((1, "A First text"), (2, "B Second text"), (3, "Readings compared")))


def test_the_end_of_a_reading_printed_again_later_is_found_in_its_own_chapter(book):
    # Against the whole book, "advertiser of Thursday" is unique only in B (broken at a line's
    # end in A and in the synopsis), the alignment follows it into B and A's last sentence,
    # printed on A's page, was reported lost.
    result = compare(book, pages(book), PDF_CHAPTERS)
    assert result.findings == ()
    total = len(words(A.replace("(1)", "")))
    assert result.lines() == [f"fidelity A: {total}/{total} words in PDF; notes 1/1; citations 1/1; apparatus 0/0",
                              f"fidelity B: {len(words(B))}/{len(words(B))} words in PDF; notes 0/0; citations 0/0; "
                              "apparatus 0/0"]


def test_a_loss_inside_the_chapter_is_still_reported_with_its_file_and_line(book):
    result = compare(book, pages(book, A.replace(SECOND, "")), PDF_CHAPTERS)
    [lost] = result.findings
    reading = book.readings[0]
    assert lost.code == "verify.fidelity-lost" and lost.severity == "error"
    # its first word, "The", is matched with the next sentence's, whose "The" is then lost: as many
    # words lost, the run starting after the paragraph's first word
    assert lost.location == reading.text.location(reading.text.blocks[2], len("The "))
    assert str(lost.location).startswith(f"{reading.text.display_path}:3:5")
    lost_words, total = len(words(SECOND)), len(words(A.replace("(1)", "")))
    assert lost.message.startswith(f"{lost_words} of {total} words of A are not in the PDF; the first lost run, "
                                   f"{lost_words} words, starts here: “second paragraph weighs")
    assert "the PDF has there (page 2): “received text reads adversed" in lost.message


def test_a_note_lost_from_the_chapter_is_reported(book):
    places = pages(book)
    places[1] = (places[1][0], places[1][1].split("\n1. ")[0])
    result = compare(book, places, PDF_CHAPTERS)
    assert [f.code for f in result.findings] == ["verify.fidelity-note"]
    assert result.report()["A"]["notes"] == {"total": 1, "matched": 0}


def test_a_chapter_ending_on_the_next_chapters_first_page_is_found_before_its_heading(book):
    # B's first page, where A now ends, prints A's last sentence again, unbroken: only the words
    # before B's heading are A's
    places = pages(book)
    body, tail = places[1][1].split("The third paragraph")
    places[1] = (places[1][0], body)
    places[2] = (places[2][0], "The third paragraph" + tail + "\n" + places[2][1])
    assert compare(book, places, PDF_CHAPTERS).findings == ()


def test_epub_documents_are_chapters_of_their_own(book):
    documents = [(f"ch{n}.xhtml", text) for n, (_, text) in enumerate(pages(book))]
    result = compare(book, documents, Chapters((("reading-A", 1), ("reading-B", 2)), (0, 1, 2, 3, 4)))
    total = len(words(A.replace("(1)", "")))
    assert result.findings == () and result.report()["A"]["words"] == {"total": total, "pdf": total}


def test_an_output_that_does_not_show_its_chapters_is_compared_whole(book):
    result = compare(book, pages(book, A.replace(SECOND, "")))
    assert [f.code for f in result.findings] == ["verify.fidelity-lost"]
    assert result.report()["B"]["words"] == {"total": len(words(B)), "pdf": len(words(B))}


def test_the_seeds_outputs_give_each_reading_its_own_chapter(built, book_of_seed):
    anchors = tuple(reading.anchor for reading in book_of_seed.readings)
    name = "collectivization-reader"
    pdf = extract.pdf_stream(built / "build" / f"{name}.pdf", anchors)
    epub = extract.epub_streams(built / "build" / f"{name}.epub", anchors)[0]
    for stream in (pdf, epub):
        regions = [stream.regions(anchor)[0] for anchor in anchors]
        assert all(end <= start for (_, end), (start, _) in zip(regions, regions[1:]))  # in order, apart
        assert regions[-1][1] < len(stream.found)  # the back matter is no reading's
        for (start, end), reading in zip(regions, book_of_seed.readings):
            first = stream.found.words[start:end]
            title = words(reading.title).words
            assert any(first[t:t + len(title)] == title for t in range(min(len(first), 400)))
    assert pdf.chapters.shared and not epub.chapters.shared
    headings = dict(pdf.chapters.headings)  # the bookmarks' titles, on the readings' first pages
    for anchor, reading in zip(anchors, book_of_seed.readings):
        assert reading.title in headings[dict(pdf.chapters.anchors)[anchor]]


@pytest.fixture(scope="module")
def book_of_seed(built):
    return pipeline.check(built).book
