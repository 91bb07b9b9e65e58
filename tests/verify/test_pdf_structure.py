"""The PDF structure check: the seed passes; a PDF broken in one way gets that way's code.

Each broken PDF is the seed's PDF with one thing undone with pikepdf, as an older lectio
(or another tool) would have left it: no tags, a link out of the tree, a margin number
in the tree, a note as a plain span, a heading level skipped, a link described by an id.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from lectio import pipeline
from lectio.render import pdfstructtree
from lectio.verify import pdfstructure
from tests.conftest import run_cli
from tests.render.test_pdf_tags import note_count


@pytest.fixture(scope="module")
def seed_pdf(built) -> Path:
    return next((built / "build").glob("*.pdf"))


def broken(seed_pdf: Path, tmp_path: Path, change) -> Path:
    path = tmp_path / "broken.pdf"
    with pikepdf.open(seed_pdf) as document:
        change(document)
        document.save(path)
    return path


def codes(path: Path, notes: int | None = None) -> list[str]:
    return [f.code for f in pdfstructure.check(path, notes)[0]]


def test_the_seed_passes(seed_pdf, built):
    notes = note_count(pipeline.check(built).book)
    findings, figures = pdfstructure.check(seed_pdf, notes)
    assert findings == []
    assert figures["elements"]["Note"] >= notes and figures["links"] > 100
    assert figures["elements"]["Link"] > 50 and figures["elements"]["H1"] >= 3
    line = pdfstructure.report_lines(figures)[0]
    assert line.startswith("PDF structure: ") and line.endswith("0 problem(s)")


def test_an_untagged_pdf(seed_pdf, tmp_path):
    def untag(document):
        del document.Root["/StructTreeRoot"]
        del document.Root["/MarkInfo"]
    assert codes(broken(seed_pdf, tmp_path, untag)) == ["pdf.untagged"]


def test_a_link_annotation_taken_out_of_the_tree(seed_pdf, tmp_path):
    def unlink(document):
        annotation = next(a for page in document.pages for a in page.obj.get("/Annots", []))
        element = pdfstructtree.StructTree(document).annotation_element(annotation)
        element.K = pikepdf.Array([k for k in pdfstructtree.kids(element)
                                   if not (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR")])
        del annotation["/StructParent"]
    assert codes(broken(seed_pdf, tmp_path, unlink)) == ["pdf.link-outside-link"]


def test_a_link_described_by_its_target_id(seed_pdf, tmp_path):
    def by_id(document):
        annotation = next(a for page in document.pages for a in page.obj.get("/Annots", []) if "/Dest" in a)
        annotation.Contents = pikepdf.String(str(annotation.Dest))
    assert codes(broken(seed_pdf, tmp_path, by_id)) == ["pdf.link-description"]


def test_marked_content_the_tree_does_not_reach(seed_pdf, tmp_path):
    """A paragraph taken out of the tree (its text stays marked, as WeasyPrint leaves margin boxes)."""
    def orphan(document):
        struct = pdfstructtree.StructTree(document)
        paragraph = next(e for e, _ in struct.elements() if e.get("/S") == "/P")
        parent = paragraph.P
        parent.K = pikepdf.Array([k for k in pdfstructtree.kids(parent)
                                  if not (isinstance(k, pikepdf.Dictionary) and k.objgen == paragraph.objgen)])
    findings = pdfstructure.check(broken(seed_pdf, tmp_path, orphan))[0]
    assert [f.code for f in findings] == ["pdf.untagged-content"]
    assert "not reached from the tree" in findings[0].message


def test_text_outside_marked_content(seed_pdf, tmp_path):
    def unmark(document):
        page = document.pages[4]
        data = page.obj.Contents.read_bytes()
        page.obj.Contents = document.make_stream(data + b"\nBT /F1 12 Tf (x) Tj ET\n")
    findings = pdfstructure.check(broken(seed_pdf, tmp_path, unmark))[0]
    assert [f.code for f in findings] == ["pdf.untagged-content"] and "page 5" in findings[0].message


def note_as_span(seed_pdf: Path, tmp_path: Path) -> tuple[Path, int]:
    """The seed's PDF with its first ``Note`` element tagged as a plain ``Span``, and the seed's note count."""
    def plain(document):
        note = next(e for e, _ in pdfstructtree.StructTree(document).elements() if e.get("/S") == "/Note")
        note.S = pikepdf.Name.Span
    path = broken(seed_pdf, tmp_path, plain)
    with pikepdf.open(seed_pdf) as document:
        notes = sum(1 for e, _ in pdfstructtree.StructTree(document).elements() if e.get("/S") == "/Note")
    return path, notes


def test_a_footnote_as_a_plain_span(seed_pdf, tmp_path):
    assert codes(*note_as_span(seed_pdf, tmp_path)) == ["pdf.note"]


def test_the_build_checks_the_structure_beside_fidelity_then_asks_for_its_notes(seed_pdf, tmp_path):
    """``build._structure`` runs in a process of its own without the notes' count; ``_with_notes`` then
    asks for as many ``Note`` elements as fidelity found notes: the same verdict as one check with it."""
    from lectio import build

    path, notes = note_as_span(seed_pdf, tmp_path)
    alone = build._structure([path])
    assert alone == ([], [pdfstructure.check(path)[1]])
    findings, reports = build._with_notes(alone, notes)
    assert [(f.code, f.message) for f in findings] == [(f.code, f.message) for f in pdfstructure.check(path, notes)[0]]
    assert reports == [pdfstructure.check(path, notes)[1]] and reports[0]["problems"] == 1
    assert build._with_notes(alone, notes - 1) == alone and build._with_notes(alone, None) == alone


def test_a_skipped_heading_level(seed_pdf, tmp_path):
    def skip(document):
        heading = next(e for e, _ in pdfstructtree.StructTree(document).elements() if e.get("/S") == "/H2")
        heading.S = pikepdf.Name.H3
    assert codes(broken(seed_pdf, tmp_path, skip)) == ["pdf.heading-skipped"]


def test_document_metadata(seed_pdf, tmp_path):
    def strip(document):
        del document.Root["/Lang"]
        del document.Root["/ViewerPreferences"]
    assert codes(broken(seed_pdf, tmp_path, strip)) == ["pdf.document-metadata"] * 2


def test_lectio_verify_reports_the_structure_and_fails_on_a_broken_pdf(built, tmp_path):
    root = tmp_path / "seed"
    shutil.copytree(built, root)
    result = run_cli("verify", "--project", str(root))
    assert "PDF structure: " in result.output and "0 problem(s)" in result.output, result.output
    pdf = next((root / "build").glob("*.pdf"))
    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        del document.Root["/StructTreeRoot"]
        document.save(pdf)
    result = run_cli("verify", "--project", str(root))
    assert result.exit_code == 1 and "[pdf.untagged]" in result.output
