"""The tags at the other geometry (A4 course reader, with the PDF/UA-1 variant beside it), a
reading in another language, and the tagged PDF reproducible under SOURCE_DATE_EPOCH."""

from __future__ import annotations

import re
import zipfile

import pikepdf
import pytest

from lectio.render import pdfstructtree
from lectio.verify import pdfstructure
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli
from tests.render.test_pdf_tags import page_texts


@pytest.fixture
def a4(a4_course_reader):
    return a4_course_reader


def test_the_a4_course_reader_and_its_pdf_ua_file_pass_the_structure_check(a4):
    root, result = a4
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("PDF structure: ")]
    assert len(lines) == 2 and all(line.endswith(" 0 problem(s)") for line in lines), lines
    assert any(".pdfua-1.pdf" in line for line in lines)


def test_a4_running_heads_and_margin_numbers_are_artifacts(a4):
    root, _ = a4
    pdf = next(p for p in (root / "build").glob("*.pdf") if ".pdfua" not in p.name)
    with pikepdf.open(pdf) as document:
        assert float(document.pages[0].trimbox[2] - document.pages[0].trimbox[0]) == pytest.approx(595.28, abs=1)
    texts = page_texts(pdf)
    artifacts = " ".join(" ".join(t.artifact.split()) for t in texts)
    assert re.search(r"\bM 1\b", artifacts) and re.search(r"\bS 1\b", artifacts)
    assert all(not t.loose.strip() for t in texts)


def test_pdf_ua_variant_declares_ua_and_is_tagged(a4):
    root, _ = a4
    pdf = next((root / "build").glob("*.pdfua-1.pdf"))
    with pikepdf.open(pdf) as document:
        assert document.open_metadata().get("pdfuaid:part") == "1"
        notes = [e for e, _ in pdfstructtree.StructTree(document).elements() if e.get("/S") == "/Note"]
        assert notes and all(str(n.ID) for n in notes)


def test_a_reading_in_another_language_is_tagged_with_it(tmp_path):
    edition = TINY_EDITION.replace('title = "First text"\n', 'title = "First text"\nlanguage = "de"\n')
    root = make_tiny_project(tmp_path / "tiny", edition=edition)
    result = run_cli("build", "--project", str(root), "--to", "pdf", "--no-verify")
    assert result.exit_code == 0, result.output
    pdf = next((root / "build").glob("*.pdf"))
    texts = page_texts(pdf)
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "en"
        struct = pdfstructtree.StructTree(document)
        german = [e for e, _ in struct.elements() if str(e.get("/Lang", "")) == "de"]
        assert german
        words = " ".join(texts[p].marked.get(m, "") for e in german for p, m in sorted(struct.mcids_below(e)))
    assert "first paragraph that makes a claim" in " ".join(words.split())
    assert pdfstructure.check(pdf)[0] == []


def test_the_tagged_pdf_is_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    made = []
    for name in ("one", "two"):
        root = make_tiny_project(tmp_path / name)
        result = run_cli("build", "--project", str(root), "--to", "pdf", "--no-verify")
        assert result.exit_code == 0, result.output
        made.append(next((root / "build").glob("*.pdf")).read_bytes())
    assert made[0] == made[1]
    assert _tagged(made[0])


def _tagged(data: bytes) -> bool:
    import io

    with pikepdf.open(io.BytesIO(data)) as document:
        return "/StructTreeRoot" in document.Root


def test_no_note_is_lost_at_the_a4_geometry(a4, built):
    """WeasyPrint once set a note's call at A4 but its text on no page (76 Note for 77 notes):
    every note of the EPUB is a Note of the PDF, at both geometries."""
    for root in (a4[0], built):
        pdf, epub = root / "build" / "collectivization-reader.pdf", root / "build" / "collectivization-reader.epub"
        notes = pdfstructure.check(pdf)[1]["elements"].get("Note", 0)
        with zipfile.ZipFile(epub) as book:
            asides = sum(book.read(name).decode().count('epub:type="footnote"') for name in book.namelist()
                         if name.endswith(".xhtml"))
        assert notes == asides > 70, (root, notes, asides)


def test_a_note_left_out_of_the_layout_fails_the_build(monkeypatch):
    from lectio.errors import RenderError
    from lectio.render import laidout, pdf

    placements = (laidout.PagePair("A-n1", 3, 3), laidout.PagePair("app-n18", 31, 0))
    monkeypatch.setattr(laidout, "note_placements", lambda document: placements)
    with pytest.raises(RenderError) as caught:
        pdf._refuse_lost_notes(object())
    assert "app-n18" in str(caught.value) and "A-n1" not in str(caught.value)
    assert caught.value.code == "render.note-lost"
