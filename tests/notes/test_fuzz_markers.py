"""Fuzzing the marker scanner: any text gives numbered notes or lectio's own errors, never a crash."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lectio import notes, sources
from lectio.errors import LectioError

PIECES = st.sampled_from(["(1)", "(12)", "[3]", "[^a]", "[^1]: x", "^[n [i] n]", "[@k, 3]", "\u00b9\u00b2",
                          "(", ")", "[", "]", "^", "@", "\u00a0 ", " ", "\n", "\n\n", "Notes\n\n1. t\n", "word",
                          ".", "“", "”", "'", "`", "--", "# ", "> "])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join)


def scan(body: str, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"t{suffix}"
        path.write_text(body, encoding="utf-8")
        try:
            text, found = sources.read_text("T", path)
            return text, notes.resolve_notes(text, notes.NotesFile(), found)
        except LectioError:
            return None, []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TEXTS, suffix=st.sampled_from([".txt", ".md"]))
def test_marker_scanner_never_crashes(body, suffix):
    text, findings = scan(body, suffix)
    if text is None:
        return
    assert [n.number for n in text.notes] == list(range(1, len(text.notes) + 1))
    for block in text.blocks:
        assert all(0 <= ref.position <= len(block.text) for ref in block.notes)
        assert len(block.origin) == len(block.text)
    assert all(f.location.file for f in findings)
