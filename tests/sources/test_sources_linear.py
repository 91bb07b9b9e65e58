"""Reading a long source stays linear, and gives what reading its pieces gives.

Normalization is one pass of one regular expression; line numbers come from a binary
search in the text's line ends (``model.line_column``) instead of counting the newlines
before each block and each note. These tests pin the results, not the time.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from lectio.model import line_column, location_of, offset_of
from lectio.sources import normalize
from lectio.sources.plain import plain_text

PIECES = st.text("ab \t\u00a0\"'`.-\n\r\u2014", max_size=200).filter(lambda t: not t.endswith("\r"))


def counted(raw: str, offset: int) -> tuple[int, int]:
    """Line and column as the newlines before the offset give them (what line_column replaces)."""
    return raw.count("\n", 0, offset) + 1, offset - (raw.rfind("\n", 0, offset) + 1) + 1


@settings(max_examples=200, deadline=None)
@given(st.text("ab\n\r", max_size=300), st.data())
def test_line_and_column_by_binary_search_equal_counting_the_newlines(raw, data):
    offset = data.draw(st.integers(0, len(raw)))
    assert line_column(raw, offset) == counted(raw, offset)
    assert location_of(raw, offset, "f.txt").line == counted(raw, offset)[0]
    assert offset_of(raw, *line_column(raw, offset)) == offset  # and back, as locators and the apparatus need


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=8), st.booleans())
def test_normalizing_paragraphs_together_equals_normalizing_each(pieces, markdown):
    pieces = [p.strip("\n\r") for p in pieces]
    whole = normalize("\n\n".join(pieces), markdown=markdown)
    alone = [normalize(p, markdown=markdown) for p in pieces]
    assert whole.text == "\n\n".join(n.text for n in alone)
    counts: dict[str, int] = {}
    for n in alone:
        for rule, count in n.counts().items():
            counts[rule] = counts.get(rule, 0) + count
    assert whole.counts() == counts
    assert len(whole.origin) == len(whole.text) + 1


def test_a_long_source_keeps_every_paragraph_at_its_line():
    paragraphs = [f"Paragraph {n} says \"something\" -- and more... about it." for n in range(3000)]
    raw = "Title of it\n\n" + "\n\n".join(paragraphs) + "\n"
    text, findings = plain_text("A", Path("a.txt"), raw)
    blocks = [b for b in text.blocks if b.number is not None]
    assert len(blocks) == 3000 and not findings
    assert [b.line for b in blocks] == [3 + 2 * n for n in range(3000)]
    assert blocks[-1].text == "Paragraph 2999 says \u201csomething\u201d \u2013 and more\u2026 about it."
    assert text.location(blocks[1500], 10) == location_of(raw, blocks[1500].origin[10], "a.txt")
    assert text.location(blocks[1500], 10).line == 3003
