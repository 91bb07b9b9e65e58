"""Fuzzing the accounts: whatever the text (markers, Notes sections, citations, lines that
belong to no note), nothing read is lost: no ``notes.lost-…`` finding, balanced ledger."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lectio import notes, sources
from lectio.errors import LectioError
from tests.notes.test_fuzz_markers import PIECES

NOTES_PIECES = st.sampled_from(["1 [@k] x\n", "2. see [@j, 4].\n", "NOTES:\n", "[^2]: y [@m]\n", "\nNotes\n",
                                "(3) z [see @q]\n", "\u00b9 w\n", "    cont [@c]\n", "References\n", "*e* **s**",
                                "2.\n", "Footnotes\n1 a [@a]\n"])
TEXTS = st.lists(st.one_of(PIECES, NOTES_PIECES, st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXTS, suffix=st.sampled_from([".txt", ".md"]))
@example(body="# [^2]: y [@m]\n", suffix=".txt")  # a definition in a heading: the citation the reader took out
def test_nothing_read_is_lost(body, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_text(body, encoding="utf-8")
        try:
            text, found = sources.read_text("T", path)
        except LectioError:
            return
        resolved = notes.resolve_text(text, notes.NotesFile(), found)
    assert not [f for f in resolved.findings if f.code.startswith("notes.lost")], body
    assert resolved.ledger.balanced
    assert resolved.ledger.paragraphs_read == resolved.ledger.paragraphs_held + resolved.ledger.paragraphs_taken
