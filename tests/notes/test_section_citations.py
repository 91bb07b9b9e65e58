"""A plain-text source whose Notes section holds ``[@key]`` citations: every citation
reaches the printed notes and the bibliography (they were once deleted silently, the
notes printing as "…see and." and "Compare.", and the build exiting 0)."""

from __future__ import annotations

import re
import zipfile

import pytest
from pypdf import PdfReader

from lectio import notes, sources
from lectio.errors import ERROR
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

BODY = ("The first claim of this text is made here, in a sentence long enough to be a paragraph.(1) "
        "A second claim follows it at once.(2)\n\n"
        "Another paragraph of the text, also long enough not to be taken for a heading.(3)\n\n")
SECTION = ("Notes\n\n1. For this see [@alpha] and [@beta, p. 7].\n\n2. Compare [@gamma].\n\n"
           "3. *Emphasis* and **strong** stay, [see @alpha, 12].\n")
BIB = """@book{alpha, author = {Alpha, Ann}, title = {The First Book}, publisher = {P}, year = {1790}}
@book{beta, author = {Beta, Bob}, title = {The Second Book}, publisher = {P}, year = {1791}}
@book{gamma, author = {Gamma, Gil}, title = {The Third Book}, publisher = {P}, year = {1792}}
"""
EDITION = TINY_EDITION.replace('notes = "a.notes.toml"\n', "").replace("\n[output]", '\n[output]\ntrim = "6x9in"')


def resolve(tmp_path, body):
    (tmp_path / "s.txt").write_text(body, encoding="utf-8")
    text, found = sources.read_text("A", tmp_path / "s.txt")
    return text, notes.resolve_text(text, notes.NotesFile(), found)


@pytest.mark.parametrize("section", [
    SECTION,
    SECTION.replace("Notes\n\n", "NOTES:\n\n"),
    SECTION.replace("Notes\n\n", "Notes\n").replace("\n\n", "\n"),  # the heading glued to the notes
    SECTION.replace("Notes\n\n", "FOOTNOTES:\n\n").replace("1. ", "[1] ").replace("2. ", "[2] ").replace("3. ", "[3] "),
    SECTION.replace("1. ", "1 ").replace("2. ", "2 ").replace("3. ", "3 "),
    SECTION.replace("Notes\n\n", "Endnotes\n\n").replace("1. ", "(1) ").replace("2. ", "(2) ").replace("3. ", "(3) "),
])
def test_notes_section_keeps_every_citation(tmp_path, section):
    text, resolved = resolve(tmp_path, BODY + section)
    assert [n.markdown for n in text.notes] == [
        "For this see [@alpha] and [@beta, p. 7].", "Compare [@gamma].",
        "*Emphasis* and **strong** stay, [see @alpha, 12]."]
    assert [b.text for b in text.blocks][-1].startswith("Another paragraph")
    assert not [f for f in resolved.findings if f.severity == ERROR]
    assert resolved.ledger.balanced and resolved.ledger.citations_read == resolved.ledger.citations_held == 4


@pytest.mark.slow
def test_notes_section_citations_built_end_to_end(tmp_path):
    section = SECTION.replace("Notes\n\n", "Notes:\n").replace("\n\n", "\n")  # as a received file has it
    root = make_tiny_project(tmp_path / "p", text=BODY + section, edition=EDITION)
    (root / "t.bib").write_text(BIB, encoding="utf-8")
    result = run_cli("build", "--project", str(root), "--no-verify")
    assert result.exit_code == 0, result.output
    pdf = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(root / "build" / "tiny.pdf").pages))
    assert "see and" not in pdf and "Compare." not in pdf
    assert re.search(r"see Ann Alpha, The First Book \(P, 1790\),? and Bob Beta, The Second Book \(P, 1791\), 7", pdf)
    assert "Compare Gil Gamma, The Third Book" in pdf
    with zipfile.ZipFile(root / "build" / "tiny.epub") as epub:
        xhtml = " ".join(epub.read(n).decode("utf-8") for n in epub.namelist() if n.endswith(".xhtml"))
    assert "<em>Emphasis</em>" in xhtml and "<strong>strong</strong>" in xhtml
    for author in ("Alpha, Ann", "Beta, Bob", "Gamma, Gil"):  # every work in the bibliography
        assert author in xhtml
    assert "[@" not in xhtml and "@alpha" not in pdf
