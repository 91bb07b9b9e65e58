from pathlib import Path

import pytest

from lectio import citations
from lectio.errors import ERROR, CitationError, Location
from lectio.model import Note, Text

ROOT = Path(__file__).resolve().parents[2]
BIB = """@string{flph = "Foreign Languages Publishing House"}
@book{works12, author = {Stalin, J. V.}, title = {Works}, volume = {12}, publisher = flph,
  address = {Moscow}, year = {1955}}
@book{viola1987, author = {Viola, Lynne}, title = {The Best Sons of the Fatherland},
  publisher = {Oxford University Press}, address = {New York}, year = {1987}}
"""


def bib_file(tmp_path, body=BIB):
    path = tmp_path / "t.bib"
    path.write_text(body, encoding="utf-8")
    return citations.load_bibliography([path])


def text_with(*markdowns):
    text = Text("T", Path("t.txt"), "t.txt")
    text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(markdowns, start=1)]
    return text


def test_string_macro_resolved(tmp_path):
    bib = bib_file(tmp_path)
    assert bib.entries["works12"].fields["publisher"] == "Foreign Languages Publishing House"
    assert not bib.findings


def test_unknown_key_has_near_miss(tmp_path):
    findings = citations.check_citations([text_with("[@viola1897]")], bib_file(tmp_path))
    unknown = next(f for f in findings if f.code == "citations.unknown-key")
    assert unknown.severity == ERROR and "@viola1987" in unknown.fix and unknown.location.line == 1


def test_duplicate_key_and_failed_block_have_lines(tmp_path):
    bib = bib_file(tmp_path, BIB + "@book{viola1987, title={Again}, year={1}}\n@book{broken, title = {x\n")
    codes = [(f.code, f.location.line) for f in bib.findings]
    assert any(code == "citations.failed-block" for code, _ in codes)
    assert all(line > 0 for _, line in codes)


def test_non_utf8_bib(tmp_path):
    path = tmp_path / "bad.bib"
    path.write_bytes("@book{k, title={Caf\u00e9}}".encode("latin-1"))
    with pytest.raises(CitationError, match="not valid UTF-8"):
        citations.load_bibliography([path])


def test_pandoc_sees_the_same_entries(tmp_path):
    bib = bib_file(tmp_path)
    assert citations.agreement_findings(bib, 30) == []


def test_unknown_style():
    with pytest.raises(CitationError, match="unknown CSL style"):
        citations.style_path("no-such-style", ROOT)


