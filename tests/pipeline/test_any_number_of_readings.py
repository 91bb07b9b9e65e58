"""Editions of 1, 3 and 6 readings: ``lectio check`` is clean, the book builds (PDF and EPUB,
EPUBCheck clean, fidelity whole), and "Readings compared" has a column per passage, side by
side up to three and stacked beyond, in the PDF as laid out and in the EPUB's XHTML."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import etree

from lectio import assemble, pipeline
from lectio.render import epub, html
from tests.conftest import run_cli
from tests.pipeline.many_readings import SIGLA, author_of, long_passage, make_project, title_of

pytestmark = pytest.mark.slow
XHTML = "{http://www.w3.org/1999/xhtml}"


def build(root: Path) -> str:
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[Path, str]:
    root = make_project(tmp_path_factory.mktemp("three") / "p", 3)
    return root, build(root)


@pytest.fixture(scope="module")
def six(tmp_path_factory) -> tuple[Path, str]:
    root = make_project(tmp_path_factory.mktemp("six") / "p", 6, long_passages=True)
    return root, build(root)


@pytest.fixture(params=["three", "six"])
def edition(request) -> tuple[Path, str, int]:
    root, output = request.getfixturevalue(request.param)
    return root, output, {"three": 3, "six": 6}[request.param]


def pages(root: Path) -> list[str]:
    return [page.get_textpage().get_text_range().replace("\r\n", "\n")
            for page in pdfium.PdfDocument(root / "build" / "many.pdf")]


def epub_chapters(root: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(root / "build" / "many.epub") as book:
        return {name: etree.fromstring(book.read(name)) for name in book.namelist()
                if name.startswith("EPUB/text/") and name.endswith(".xhtml")}


def synopses(tree) -> list[tuple[str, int]]:
    """Each synopsis: its classes and how many passages (sides) it holds."""
    found = tree.iter(f"{XHTML}div") if hasattr(tree, "tag") and tree.tag.startswith(XHTML) else tree.iter("div")
    return [(d.get("class"), sum("side" in (c.get("class") or "").split() for c in d))
            for d in found if "synopsis" in (d.get("class") or "").split()]


def expected_synopsis(count: int) -> tuple[str, int]:
    return f"synopsis passages-{count} {'side-by-side' if count <= 3 else 'stacked'}", count


def test_the_build_is_clean_and_whole(edition):
    root, output, count = edition
    assert "EPUBCheck: 0 errors, 0 warnings" in output
    for siglum in SIGLA[:count]:
        words = re.search(rf"fidelity {siglum}: (\d+)/(\d+) words in PDF, (\d+)/\d+ in EPUB; notes 1/1; "
                          r"citations 1/1; apparatus (\d)/\4", output)
        assert words and words.group(1) == words.group(2) == words.group(3), output
    assert run_cli("check", "--project", str(root)).output.strip().endswith("0 errors, 0 warnings, 0 resolved by "
                                                                             "the editor")


def test_synopsis_columns_in_the_print_html_and_the_epub(edition):
    root, _, count = edition
    book = pipeline.check(root).book
    printed = etree.HTML(html.write_html(book))
    entries = len(book.apparatus)
    assert synopses(printed) == [expected_synopsis(count)] * entries
    chapters = epub_chapters(root)
    compared = [tree for tree in chapters.values() if tree.find(f".//{XHTML}section[@id='readings-compared']")
                is not None]
    assert len(compared) == 1 and synopses(compared[0]) == [expected_synopsis(count)] * entries


def ref_boxes(root: Path, count: int) -> list[tuple[float, float]]:
    """Where "A 1, p. 9", "B 1, p. 11", … (the first entry's passage headings) stand on the PDF page."""
    document = pdfium.PdfDocument(root / "build" / "many.pdf")
    texts = pages(root)
    page = next(n for n, text in enumerate(texts) if text.startswith("Readings compared"))
    textpage = document[page].get_textpage()
    boxes = []
    for siglum in SIGLA[:count]:
        index, _ = textpage.search(f"{siglum} 1, p.").get_next()
        left, _, _, top = textpage.get_charbox(index)
        boxes.append((round(left), round(top)))
    return boxes


def test_three_passages_stand_side_by_side_in_the_pdf(three):
    boxes = ref_boxes(three[0], 3)
    assert len({top for _, top in boxes}) == 1  # one line
    lefts = [left for left, _ in boxes]
    assert lefts == sorted(lefts) and min(b - a for a, b in zip(lefts, lefts[1:])) > 80  # three columns


def test_six_passages_are_stacked_in_the_pdf(six):
    boxes = ref_boxes(six[0], 6)
    assert len({left for left, _ in boxes}) == 1  # one column
    tops = [top for _, top in boxes]
    assert tops == sorted(tops, reverse=True) and len(set(tops)) == 6  # one under the other, in order


def test_a_stacked_synopsis_longer_than_a_page_breaks_between_passages(six):
    """It starts under its heading and goes on over the next page; no passage is split."""
    root = six[0]
    letters = [re.sub(r"[^a-z]", "", text.casefold()) for text in pages(root)]
    start = next(n for n, text in enumerate(pages(root)) if "A3 Long passages" in text)
    assert re.search(r"A3 Long passages\nA \d+, p\. \d+", pages(root)[start])  # not stranded
    found = []
    for index in range(6):
        words = re.sub(r"[^a-z]", "", long_passage(index).casefold())
        first = next(n for n in range(start, len(letters)) if words[:40] in letters[n])
        assert words in letters[first], SIGLA[index]  # the whole passage on one page
        found.append(first)
    assert found == sorted(found) and found[0] < found[-1]  # in order, over two pages


def chapter_pages(root: Path, count: int) -> list[str]:
    """The first page of each reading's chapter."""
    texts = pages(root)
    return [next(t for t in texts if t.startswith(f"{SIGLA[i]}\n{title_of(i)}")) for i in range(count)]


def test_title_and_author_lines_are_printed_once_and_not_numbered(three):
    for index, page in enumerate(chapter_pages(three[0], 3)):
        assert page.count(title_of(index)) == 1 and page.casefold().count(title_of(index).casefold()) == 1
        assert page.count(author_of(index)) == 1 and f"by {author_of(index)}" not in page
    numbers = re.findall(r"^A (\d+)$", chapter_pages(three[0], 3)[0], re.M)
    assert numbers == ["1", "2", "3"]


def test_elisions_are_printed_not_numbered(three):
    page = chapter_pages(three[0], 3)[1]
    lines = [line.strip() for line in page.splitlines()]
    assert "[…]" in lines and "* * *" in lines
    assert re.findall(r"^B (\d+)(?: \d+)?$", page, re.M) == ["1", "2", "3", "4", "5", "6"]  # a line number may follow
    reading_b = next(t for t in epub_chapters(three[0]).values() if t.find(f".//{XHTML}*[@id='B-1']") is not None)
    elisions = [d for d in reading_b.iter(f"{XHTML}div") if d.get("class") == "elision"]
    assert ["".join(d.itertext()).strip() for d in elisions] == ["[…]", "* * *"]
    assert all(d.find(f".//{XHTML}span[@class='pn']") is None for d in elisions)
    assert [e.get("id") for e in reading_b.iter() if re.fullmatch(r"B-\d+", e.get("id") or "")] == \
        [f"B-{n}" for n in range(1, 7)]


def test_the_quotation_over_two_paragraphs_is_printed_as_received(three):
    root, output = three
    assert "unclosed" not in output
    page = re.sub(r"\s+", " ", chapter_pages(root, 3)[1])
    assert "“The first paragraph of a long letter runs on" in page and "“The second paragraph opens" in page


def test_generated_text_names_the_editions_own_sigla(three):
    root, _ = three
    readings = pipeline.check(root).book.readings
    numbering = assemble.paragraph_numbering(readings)
    assert numbering == "A 1–3, B 1–6, C 1–4"
    note = re.sub(r"\s+", " ", " ".join(t for t in pages(root) if t.startswith("Note on the text")))
    assert f"numbered with the reading’s siglum ({numbering}); " in note.replace("- ", "")
    with zipfile.ZipFile(root / "build" / "many.epub") as book:
        opf = book.read("EPUB/content.opf").decode("utf-8")
    summary = re.search(r'property="schema:accessibilitySummary">([^<]+)<', opf).group(1)
    assert f"paragraph numbers ({numbering}) are the same as in print" in summary
    assert "every chapter, section and apparatus entry" in summary


def test_one_reading_checks_and_its_synopsis_has_one_column(tmp_path):
    root = make_project(tmp_path / "p", 1)
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output
    book = pipeline.check(root).book
    assert synopses(etree.HTML(html.write_html(book))) == [expected_synopsis(1)] * 2
    document = epub.pandoc_document(book)
    divs = re.findall(r'"synopsis", "passages-(\d)", "side-by-side"', str(document).replace("'", '"'))
    assert divs == ["1", "1"]
    opening = re.sub(r"<[^>]+>", "", book.note_on_text[0])
    assert opening.startswith("The reading is printed") and "siglum (A 1–3);" in opening
    assert '<span class="nowrap">A 1–3</span>' in book.note_on_text[0]  # a range is never broken
