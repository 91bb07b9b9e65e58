from pathlib import Path

import pytest

from lectio import sources
from lectio.errors import SourceError
from lectio.model import HEADING, QUOTE

ROOT = Path(__file__).resolve().parents[2]
SEED_M = ROOT / "manuscript" / "000_60675b7950f4f9e5.txt"
SEED_S = ROOT / "manuscript" / "004_080bc33c96e9dd48.txt"
GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("raw, expected, rule", [
    ("``quoted''", "\u201cquoted\u201d", "tex-double-quotes"),
    ("`imposed'", "\u2018imposed\u2019", "tex-single-quote"),
    ("1929--1933", "1929\u20131933", "tex-dashes"),
    ("a---b", "a\u2014b", "tex-dashes"),
    ("Viola's view", "Viola\u2019s view", "straight-single-quote"),
    ('say "yes" now', "say \u201cyes\u201d now", "straight-double-quote"),
    ("wait...", "wait\u2026", "ellipsis"),
    ("two  spaces", "two spaces", "spaces"),
    ("end   \nnext", "end\nnext", "trailing-space"),
    ("a \u00a0b", "a b", "no-break-space"),
])
def test_character_rules(raw, expected, rule):
    result = sources.normalize(raw)
    assert result.text == expected
    assert result.counts()[rule] >= 1


def test_stripped_citation_leaves_a_lacuna_with_origin():
    result = sources.normalize("Viola\u00a0 wrote")
    assert result.text == f"Viola{sources.LACUNA} wrote"
    assert result.origin[5] == 5 and len(result.origin) == len(result.text) + 1


def test_markdown_keeps_backticks():
    assert sources.normalize("use `code`", markdown=True).text == "use `code`"


def test_normalization_is_deterministic_and_idempotent():
    raw = SEED_M.read_text(encoding="utf-8")
    once = sources.normalize(raw).text
    assert sources.normalize(raw).text == once
    assert sources.normalize(once.replace(sources.LACUNA, "")).changes == []


def test_seed_m_blocks_and_findings():
    text, findings = sources.read_text("M", SEED_M)
    kinds = [b.kind for b in text.blocks]
    assert kinds[0] == HEADING
    assert kinds.count(QUOTE) == 4
    stripped = [f for f in findings if f.code == "sources.stripped-citation"]
    assert [(f.location.line, f.location.column) for f in stripped] == [(8, 12), (13, 6), (15, 6), (24, 363), (26, 33)]
    assert text.changes["stripped-citation"] == 5
    assert text.changes["tex-dashes"] == 1


def test_seed_s_headings_paragraphs_and_unclosed_quote():
    text, findings = sources.read_text("S", SEED_S)
    headings = [b.text for b in text.blocks if b.kind == HEADING]
    assert headings[:3] == ["The Break with Bukharin \u2013 The Ideology of Stalin Part Two", "Introduction",
                            "Stalin\u2019s Break with Bukharin"]
    assert len(text.paragraphs()) == 27
    unclosed = [f for f in findings if f.code == "sources.unclosed-quote"]
    assert len(unclosed) == 1
    line = SEED_S.read_text(encoding="utf-8").split("\n")[unclosed[0].location.line - 1]
    assert line[unclosed[0].location.column - 1:].startswith("\u201cIn order to oust the kulaks")


def test_paragraph_numbers_are_sequential():
    text, _ = sources.read_text("S", SEED_S)
    assert [b.number for b in text.paragraphs()] == list(range(1, 28))


def test_non_utf8_is_an_error_with_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\u00e9 ok\n".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        sources.read_source(path)
    assert "byte offset 3" in caught.value.message
    assert caught.value.location.line == 1


def test_canonical_markdown_golden():
    text, _ = sources.read_text("M", SEED_M)
    assert sources.canonical_markdown(text) == (GOLDEN / "M.canonical.md").read_text(encoding="utf-8")


def test_title_case():
    assert sources.title_case("STALIN\u2019S BREAK WITH BUKHARIN") == "Stalin\u2019s Break with Bukharin"


@pytest.mark.parametrize("ending", ["", "\n", "\n\n", "\r\n"])
def test_one_paragraph_per_line_whatever_the_file_ends_with(tmp_path, ending):
    lines = ["The first paragraph is a single line of the text as received.",
             "The second paragraph follows on the next line without a blank line.",
             "The third paragraph closes the text."]
    path = tmp_path / "a.txt"
    path.write_bytes(("\n".join(lines) + ending).encode())
    text, _ = sources.read_text("A", path)
    assert [b.text for b in text.paragraphs()] == lines
