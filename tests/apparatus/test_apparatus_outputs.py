"""The apparatus in the built seed edition: every EPUB link resolves, every PDF page reference is right."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

import pikepdf
import pytest
from pypdf import PdfReader

from lectio import apparatus

pytestmark = pytest.mark.slow

NAME = "collectivization-reader"
XHTML = "{http://www.w3.org/1999/xhtml}"


def epub_documents(built) -> dict[str, ET.Element]:
    with zipfile.ZipFile(built / "build" / f"{NAME}.epub") as epub:
        return {name: ET.fromstring(epub.read(name)) for name in epub.namelist() if name.endswith(".xhtml")}


def test_every_epub_link_resolves(built):
    documents = epub_documents(built)
    ids = {name: {e.get("id") for e in root.iter() if e.get("id")} for name, root in documents.items()}
    checked, broken = 0, []
    for name, root in documents.items():
        for link in root.iter(f"{XHTML}a"):
            href = link.get("href", "")
            if not href or re.match(r"[a-z]+:", href):
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target not in ids or (fragment and fragment not in ids[target]):
                broken.append(f"{name}: {href}")
            checked += 1
    assert broken == [] and checked > 100


def test_epub_entries_and_passages_link_both_ways(built):
    documents = epub_documents(built)
    entries = apparatus.check_project(built, citations_too=False).entries
    links = {(name, a.get("href")) for name, root in documents.items() for a in root.iter(f"{XHTML}a")}
    hrefs = {href.partition("#")[2] for _, href in links if href}
    for entry in entries:
        assert f"app-{entry.id}" in hrefs  # from the passages' markers
        for passage in entry.passages:
            assert f"{passage.siglum}-app-{entry.id}" in hrefs  # from the entry, back to the passage


@pytest.fixture(scope="module")
def pdf_pages(built) -> tuple[list[str], dict[str, int]]:
    """Text of each page, and the page (1-based) of every named destination."""
    path = built / "build" / f"{NAME}.pdf"
    texts = [page.extract_text() for page in PdfReader(path).pages]
    with pikepdf.open(path) as pdf:
        number = {page.objgen: index for index, page in enumerate(pdf.pages, start=1)}
        names = pdf.Root.Names.Dests.Names
        dests = {str(names[i]): number[names[i + 1][0].objgen] for i in range(0, len(names), 2)}
    return texts, dests


def folio(page_text: str) -> int | None:
    """The page number printed in the running head or at the foot (extracted as the last line)."""
    tokens = page_text.strip().split("\n")[-1].split()
    return next((int(t) for t in (tokens[:1] + tokens[-1:]) if t.isdigit()), None)


def test_pdf_page_references_point_to_the_passages(built, pdf_pages):
    """Readings compared prints "M 7, p. 12" over each passage: page 12 must be the page whose folio
    is 12, that holds the passage's end (its named destination) and shows its marker A<n>."""
    texts, dests = pdf_pages
    entries = apparatus.check_project(built, citations_too=False).entries
    start, end = dests["readings-compared"], dests.get("bibliography", len(texts) + 1)
    compared = re.sub(r"\s+", " ", " ".join(texts[start - 1:end - 1]))
    printed = re.findall(r"\b([MS]) (\d+), pp?\. (?:(\d+)–)?(\d+)", compared)  # "pp. 14–15" across a break
    expected = [(p.siglum, str(p.block.number)) for e in entries for p in e.passages]
    assert [(siglum, paragraph) for siglum, paragraph, _, _ in printed] == expected
    passages = [(n, e, p) for n, e in enumerate(entries, start=1) for p in e.passages]
    for (number, entry, passage), (_, _, first, page) in zip(passages, printed):
        physical = dests[f"{passage.siglum}-app-{entry.id}"]
        assert folio(texts[physical - 1]) == int(page), (entry.id, passage.siglum, page)
        if first:  # the page of the passage's first words
            assert folio(texts[dests[f"{passage.siglum}-from-{entry.id}"] - 1]) == int(first), (entry.id, first)
        assert re.search(rf"A{number}(?!\d)", texts[physical - 1]), (entry.id, passage.siglum, page)
        assert dests[f"reading-{passage.siglum}"] <= physical < start


def test_pdf_see_also_references_point_to_the_entries(built, pdf_pages):
    texts, dests = pdf_pages
    entries = apparatus.check_project(built, citations_too=False).entries
    numbers = {f"A{n}": e.id for n, e in enumerate(entries, start=1)}
    start = dests["readings-compared"]
    compared = re.sub(r"\s+", " ", " ".join(texts[start - 1:dests.get("bibliography", len(texts) + 1) - 1]))
    references = re.findall(r"(A\d+) \(p\. (\d+)\)", compared)
    assert len(references) == sum(len(e.see) for e in entries)
    for label, page in references:
        assert folio(texts[dests[f"app-{numbers[label]}"] - 1]) == int(page)


def test_pdf_synopsis_stands_on_one_page_or_goes_on_over_the_next(built, pdf_pages):
    """An entry's passages begin and end on one page of Readings compared, or a long synopsis splits
    at a page break and goes on over the next page (docs/typesetting.md), never further."""
    texts, dests = pdf_pages
    letters = [re.sub(r"[^a-z]", "", text.casefold()) for text in texts]
    entries = apparatus.check_project(built, citations_too=False).entries
    start = dests["readings-compared"]
    for entry in entries:
        pages = set()
        for passage in entry.passages:
            words = re.sub(r"[^a-z]", "", passage.block.text[passage.start:passage.end].casefold())
            pages |= {next(n for n in range(start, len(texts) + 1) if part in letters[n - 1])
                      for part in (words[:25], words[-25:])}
        assert max(pages) - min(pages) <= 1, (entry.id, sorted(pages))
