"""The tagged PDF: running heads, folios and paragraph numbers are artifacts, notes are Note,
links are in Link elements with a readable description, headings in order.

The text of each marked-content sequence is read with pypdf and sorted into what the
structure tree reaches and what is an artifact, so the tests compare the words a
screen reader gets with the words printed in the margins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest

from lectio import pipeline
from lectio.render import pdfstructtree
from lectio.verify import pdfstructure


def note_count(book) -> int:
    """How many footnotes the print book has: one per note call in the introduction, the readings and the apparatus."""
    texts = [book.introduction] + [r.text for r in book.readings] + [e.commentary for e in book.apparatus]
    return sum(len(block.notes) for text in texts if text is not None for block in text.blocks)


@dataclass
class PageText:
    marked: dict[int, str] = field(default_factory=dict)  # MCID → text
    artifact: str = ""
    loose: str = ""  # outside any marked content


def page_texts(pdf: Path) -> list[PageText]:
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(pdf).pages:
        found, stack = PageText(), []

        def before(operator, args, cm, tm):
            if operator in (b"BDC", b"BMC"):
                mcid = args[1].get("/MCID") if operator == b"BDC" and hasattr(args[1], "get") else None
                stack.append((str(args[0]), mcid))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, cm, tm, font, size):
            if any(tag == "/Artifact" for tag, _ in stack):
                found.artifact += value + "\n"
                return
            mcid = next((m for _, m in reversed(stack) if m is not None), None)
            if mcid is None:
                found.loose += value
            else:
                found.marked[int(mcid)] = found.marked.get(int(mcid), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        pages.append(found)
    return pages


def tree_text(pdf: Path, texts: list[PageText], element_filter=lambda e: True) -> list[str]:
    """The text the structure tree reaches below each element passing ``element_filter``."""
    with pikepdf.open(pdf) as document:
        struct = pdfstructtree.StructTree(document)
        return [" ".join(" ".join(texts[page].marked.get(mcid, "").split())
                         for page, mcid in sorted(struct.mcids_below(element)))
                for element, _ in struct.elements() if element_filter(element)]


@dataclass(frozen=True)
class Seed:
    pdf: Path
    book: object
    texts: list[PageText]
    reached: list[str]  # each page's text in the structure tree
    below: set  # (page, MCID) the structure tree reaches


@pytest.fixture(scope="module")
def seed(built) -> Seed:
    pdf = next((built / "build").glob("*.pdf"))
    texts = page_texts(pdf)
    with pikepdf.open(pdf) as document:
        struct = pdfstructtree.StructTree(document)
        below = set()
        for top in pdfstructtree.kids(struct.root):
            below |= struct.mcids_below(top)
    reached = ["\n".join(text.marked[m] for p, m in sorted(below) if p == n and m in text.marked)
               for n, text in enumerate(texts)]
    return Seed(pdf, pipeline.check(built).book, texts, reached, below)


def test_the_default_pdf_is_tagged_and_claims_no_standard(seed):
    with pikepdf.open(seed.pdf) as document:
        assert "/StructTreeRoot" in document.Root
        assert bool(document.Root.MarkInfo.Marked)
        assert str(document.Root.Lang) == "en"
        assert bool(document.Root.ViewerPreferences.DisplayDocTitle)
        meta = document.open_metadata()
        assert meta.get("dc:title") == seed.book.config.edition.title
        assert not meta.get("pdfuaid:part")


def test_every_drawn_text_is_marked(seed):
    assert all(not text.loose.strip() for text in seed.texts)


def test_running_heads_are_artifacts_and_not_in_the_tree(seed):
    titles = [r.title for r in seed.book.config.readings]
    headed = [(n, t) for n, text in enumerate(seed.texts) for t in titles if t in text.artifact]
    assert len(headed) > 10, "the reading titles are running heads on most of their pages"
    for number, title in headed:
        assert title not in seed.reached[number], f"page {number + 1}: the running head is read as text"


def test_folios_are_artifacts_and_every_marked_text_is_in_the_tree(seed):
    """Most pages have a folio, and it is an artifact; what is not an artifact the tree reaches
    (WeasyPrint leaves running heads and folios marked but out of the tree)."""
    with_folio = [text for text in seed.texts if re.search(r"^\s*(\d+|[ivxlc]+)\s*$", text.artifact, re.M | re.I)]
    assert len(with_folio) > len(seed.texts) // 2
    for number, text in enumerate(seed.texts):
        unreached = [t for m, t in text.marked.items() if (number, m) not in seed.below and t.strip()]
        assert not unreached, f"page {number + 1}: {unreached[:3]}"


def test_paragraph_numbers_are_artifacts(seed):
    """Each numbered paragraph's "M 7" is in the margin's artifacts, and no paragraph's text starts with it."""
    for reading in seed.book.readings:
        numbers = [b.number for b in reading.text.blocks if b.number is not None]
        artifacts = " ".join(" ".join(t.artifact.split()) for t in seed.texts)
        found = re.findall(rf"\b{re.escape(reading.siglum)} (\d+)\b", artifacts)
        assert set(map(int, found)) >= set(numbers), reading.siglum
    paragraphs = tree_text(seed.pdf, seed.texts, lambda e: e.get("/S") == "/P" and not any(  # not "M 7, p. 12"
        d.get("/S") == "/Link" for d, _ in pdfstructtree.walk(e)))
    starts = {f"{r.siglum} {b.number}" for r in seed.book.readings for b in r.text.blocks if b.number}
    told = [re.sub(r"<[^>]+>", "", p)[:30] for p in seed.book.note_on_text]  # the Note on the text names places "S 7"
    assert not [p for p in paragraphs if any(p.startswith(s + " ") or p == s for s in starts)
                and not any(p.startswith(t) for t in told)]


def test_footnotes_are_notes_with_ids(seed):
    notes = tree_text(seed.pdf, seed.texts, lambda e: e.get("/S") == "/Note")
    assert len(notes) >= note_count(seed.book) > 0
    assert all(re.match(r"\d+\. ", note) for note in notes), notes[:3]
    with pikepdf.open(seed.pdf) as document:
        ids = [str(e.ID) for e, _ in pdfstructtree.StructTree(document).elements() if e.get("/S") == "/Note"]
    assert len(set(ids)) == len(ids) == len(notes)


def test_links_are_in_link_elements_with_a_description_from_the_edition(seed):
    themes = {e.theme for e in seed.book.apparatus}
    described = set()
    with pikepdf.open(seed.pdf) as document:
        struct = pdfstructtree.StructTree(document)
        for page in document.pages:
            for annotation in page.obj.get("/Annots", []):
                element = struct.annotation_element(annotation)
                assert element is not None and element.S == "/Link" and element.objgen in struct.reached
                contents = str(annotation.Contents)
                assert contents and contents != str(annotation.get("/Dest", "")).lstrip("/")
                assert "-app-" not in contents and not contents.startswith("app-")
                assert str(element.Alt)
                described.add(contents)
    entries = [c for c in described if any(c.endswith(t) for t in themes)]
    assert len(entries) >= len(themes), "every apparatus entry's links name its theme"
    assert all(c.startswith("Readings compared: ") for c in entries)


def test_headings_in_order_with_the_readings_titles(seed):
    headings = tree_text(seed.pdf, seed.texts, lambda e: str(e.get("/S")) in pdfstructure.HEADINGS)
    for reading in seed.book.config.readings:
        assert any(reading.title in h for h in headings)
    findings, figures = pdfstructure.check(seed.pdf, note_count(seed.book))
    assert not findings and figures["elements"]["H1"] >= 3
