"""lectio new --from with a Word file: its own footnotes are counted as the reading's notes."""

from __future__ import annotations

from pathlib import Path

from lectio.scaffold.detect import propose

ROOT = Path(__file__).resolve().parents[2]


def test_word_footnotes_are_proposed_as_notes_with_their_texts():
    proposal = propose(ROOT / "examples" / "federalist" / "texts" / "brutus-1.docx", set())
    assert proposal.conventions == ("Word footnotes",)
    assert len(proposal.markers) == 4 and not proposal.missing
    assert proposal.describe() == "4 note marker(s), Word footnotes, their texts in the file"


def test_markdown_inline_notes_are_not_counted_as_markers():
    proposal = propose(ROOT / "examples" / "contract" / "texts" / "locke-second-treatise-2.md", set())
    assert proposal.markers == ()
