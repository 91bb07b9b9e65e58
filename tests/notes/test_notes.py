from pathlib import Path

import pytest

from lectio import notes, sources
from lectio.errors import ERROR, INFO, WARNING, NotesError

ROOT = Path(__file__).resolve().parents[2]
SEED_S = ROOT / "manuscript" / "004_080bc33c96e9dd48.txt"
SEED_M = ROOT / "manuscript" / "000_60675b7950f4f9e5.txt"


def read(tmp_path: Path, body: str, name: str = "t.txt"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return sources.read_text("T", path)


def resolve(tmp_path, body, sidecar=None, name="t.txt"):
    text, found = read(tmp_path, body, name)
    side = notes.NotesFile()
    if sidecar is not None:
        (tmp_path / "n.toml").write_text(sidecar, encoding="utf-8")
        side = notes.load_notes_file(tmp_path / "n.toml")
    return text, notes.resolve_notes(text, side, found) + found


@pytest.mark.parametrize(("body", "second_column"), [
    ("One claim.(1) Another claim.(2)\n", 29),
    ("One claim.[1] Another claim.[2]\n", 29),
    ("One claim.\u00b9 Another claim.\u00b2\n", 27),
    ("One claim.[^1] Another claim.[^2]\n\n[^1]: First.\n\n[^2]: Second.\n", 30),
])
def test_marker_conventions_become_canonical_notes(tmp_path, body, second_column):
    text, _ = resolve(tmp_path, body, name="t.md" if "[^" in body else "t.txt")
    block = text.paragraphs()[0]
    assert block.text == "One claim. Another claim."
    assert [n.number for n in text.notes] == [1, 2]
    assert [n.marker for n in text.notes] == ["1", "2"]
    refs = sorted(block.notes, key=lambda ref: ref.position)
    assert [ref.position for ref in refs] == [10, 25]  # after "claim." and after "claim."
    assert [(ref.note.location.line, ref.note.location.column) for ref in refs] == [(1, 11), (1, second_column)]


def test_markdown_definitions_give_note_texts(tmp_path):
    text, findings = resolve(tmp_path, "Claim.[^a]\n\n[^a]: The note text.\n", name="t.md")
    assert text.notes[0].markdown == "The note text."
    assert not [f for f in findings if f.severity != INFO]


def test_pandoc_inline_note_and_citation(tmp_path):
    text, _ = resolve(tmp_path, "Claim.^[An [inline] note.] Cited [@key, 3].\n", name="t.md")
    assert [n.markdown for n in text.notes] == ["An [inline] note.", "[@key, 3]"]


def test_notes_section_at_end_of_source(tmp_path):
    text, findings = resolve(tmp_path, "Claim (1) and more (2).\n\nNOTES\n\n1. First.\n\n2. Second.\n")
    assert [n.markdown for n in text.notes] == ["First.", "Second."]
    assert not [f for f in findings if f.code == "notes.no-text"]


def test_missing_text_duplicate_gap_and_out_of_order(tmp_path):
    _, findings = resolve(tmp_path, "A (1) b (1) c (3) d (2).\n")
    codes = {f.code for f in findings}
    assert {"notes.no-text", "notes.duplicate", "notes.out-of-order"} <= codes
    duplicate = next(f for f in findings if f.code == "notes.duplicate")
    assert (duplicate.location.line, duplicate.location.column) == (1, 9)


def test_orphan_note_in_sidecar_is_an_error(tmp_path):
    _, findings = resolve(tmp_path, "A (1).\n", '[[note]]\nmarker = 1\ntext = "x"\n\n[[note]]\nmarker = 9\ntext = "y"\n')
    orphan = next(f for f in findings if f.code == "notes.orphan")
    assert orphan.severity == ERROR and orphan.location.line == 5


def test_sidecar_unknown_key(tmp_path):
    (tmp_path / "n.toml").write_text('[[note]]\nmarker = 1\ntxt = "x"\n', encoding="utf-8")
    with pytest.raises(NotesError) as caught:
        notes.load_notes_file(tmp_path / "n.toml")
    (unknown,) = caught.value.findings
    assert (unknown.code, unknown.message, unknown.fix) == ("notes.unknown-key", "unknown key note[0].txt",
                                                            "did you mean 'text'?")
    assert (unknown.location.line, unknown.location.column) == (3, 1)


def test_sidecar_note_needs_a_text_or_a_decision(tmp_path):
    (tmp_path / "n.toml").write_text('[[note]]\nmarker = 1\n', encoding="utf-8")
    with pytest.raises(NotesError, match="needs a 'text', or a 'decision'") as caught:
        notes.load_notes_file(tmp_path / "n.toml")
    assert caught.value.location.line == 1


def test_seed_s_all_37_notes_resolved():
    text, found = sources.read_text("S", SEED_S)
    side = notes.load_notes_file(ROOT / "manuscript" / "S.notes.toml")
    findings = notes.resolve_notes(text, side, found) + found
    assert len(text.notes) == 37
    assert [n.number for n in text.notes] == list(range(1, 38))
    assert all(n.reconstructed for n in text.notes)
    assert text.notes[12].marker == "12"  # the second (12), read as 13
    resolved = {f.code for f in findings if f.severity == INFO}
    assert {"notes.duplicate", "notes.missing-number", "sources.unclosed-quote"} <= resolved
    assert not [f for f in findings if f.severity in (ERROR, WARNING)]


def test_seed_m_stripped_citations_restored():
    text, found = sources.read_text("M", SEED_M)
    side = notes.load_notes_file(ROOT / "manuscript" / "M.notes.toml")
    findings = notes.resolve_notes(text, side, found) + found
    assert all(sources.LACUNA not in b.text for b in text.blocks)
    stripped = [f for f in findings if f.code == "sources.stripped-citation"]
    assert len(stripped) == 5 and all(f.severity == INFO and f.decision for f in stripped)
    first = next(b for b in text.blocks if b.text.startswith("Lynne Viola"))
    assert first.text == "Lynne Viola wrote:" and first.notes[0].position == len("Lynne Viola")
