"""Emendations: applied only where the quotation matches exactly once; otherwise an error that says so."""

from pathlib import Path

from lectio import notes, sources
from lectio.errors import ERROR

BODY = "The rye was sown. The rye was cut.\n\nThe barley was sown late.\n"


def resolve(tmp_path: Path, emendation: str):
    source = tmp_path / "t.txt"
    source.write_text(BODY, encoding="utf-8")
    (tmp_path / "n.toml").write_text(f"\n[[emendation]]\n{emendation}reason = \"a slip\"\n", encoding="utf-8")
    text, found = sources.read_text("T", source)
    findings = notes.resolve_notes(text, notes.load_notes_file(tmp_path / "n.toml"), found)
    return text, [f for f in findings if f.code == "notes.emendation-anchor"]


def paragraphs(text) -> list[str]:
    return [b.text for b in text.paragraphs()]


def test_a_unique_quotation_is_emended_in_place(tmp_path):
    text, findings = resolve(tmp_path, 'exact = "barley was sown"\nreplace = "oats were sown"\n')
    assert findings == []
    assert paragraphs(text) == ["The rye was sown. The rye was cut.", "The oats were sown late."]
    block = text.paragraphs()[1]
    assert len(block.origin) == len(block.text)


def test_an_ambiguous_quotation_is_an_error_and_changes_nothing(tmp_path):
    text, findings = resolve(tmp_path, 'exact = "The rye was"\nreplace = "The wheat was"\n')
    assert paragraphs(text) == ["The rye was sown. The rye was cut.", "The barley was sown late."]
    [finding] = findings
    assert finding.severity == ERROR
    assert finding.message == f"emendation 'exact' found 2 times in {text.display_path}; it must match exactly once"
    assert (finding.location.line, finding.fix) == (2, "quote more (or less) of the normalized text")


def test_a_quotation_across_paragraphs_counts_every_paragraph(tmp_path):
    text, findings = resolve(tmp_path, 'exact = "was sown"\nreplace = "was planted"\n')
    assert [f.message.split(" in ")[0] for f in findings] == ["emendation 'exact' found 2 times"]
    assert "planted" not in " ".join(paragraphs(text))


def test_a_missing_quotation_is_found_0_times(tmp_path):
    text, findings = resolve(tmp_path, 'exact = "millet"\nreplace = "maize"\n')
    assert [f.message.split(" in ")[0] for f in findings] == ["emendation 'exact' found 0 times"]
