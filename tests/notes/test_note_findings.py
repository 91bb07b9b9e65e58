"""Every notes finding in full: code, message, line and column, severity, fix and decision."""

from pathlib import Path

from lectio import notes, sources

NO_TEXT = "The received text gives no text for this note."
NO_TEXT_FIX = ("write the note's text, or add a [[note]] with marker = %s and its text (or a 'decision' that says "
               "why it has none) to the notes file")


def resolve(tmp_path: Path, body: str, sidecar: str = ""):
    (tmp_path / "t.txt").write_text(body, encoding="utf-8")
    (tmp_path / "n.toml").write_text(sidecar, encoding="utf-8")
    text, found = sources.read_text("T", tmp_path / "t.txt")
    findings = notes.resolve_notes(text, notes.load_notes_file(tmp_path / "n.toml"), found)
    return ([(f.code, f.message, (f.location.line, f.location.column), f.severity, f.fix, f.decision)
             for f in findings], [(n.number, n.marker, n.markdown, n.reconstructed) for n in text.notes])


def test_decisions_turn_findings_into_info_and_the_rest_stay(tmp_path):
    sidecar = ('[[note]]\nmarker = 1\noccurrence = 2\ntext = "again"\ndecision = "the source repeats it"\n\n'
               '[[note]]\nmarker = 5\ntext = "five"\nrenumber = 4\ndecision = "four is lost"\n\n'
               '[[note]]\nmarker = 8\ntext = "x"\n')
    findings, found = resolve(tmp_path, "A (1) b (1) c (3) d (2) e (5).\n\nNOTES\n\n1. One.\n\n7. Seven.\n", sidecar)
    assert findings == [
        ("notes.duplicate", "marker (1) occurs again (occurrence 2)", (1, 9), "info",
         "add a [[note]] with marker = 1 and occurrence = 2 and a 'decision'", "the source repeats it"),
        ("notes.no-text", "no text for note marker (3)", (1, 15), "error", NO_TEXT_FIX % 3, ""),
        ("notes.out-of-order", "marker (2) comes after (3)", (1, 21), "warning", "", ""),
        ("notes.no-text", "no text for note marker (2)", (1, 21), "error", NO_TEXT_FIX % 2, ""),
        ("notes.renumber", "renumber = 4, but this is note 5 of the text", (7, 0), "error", "", ""),
        ("notes.missing-number", "no marker (4) in the text before this one", (1, 27), "info",
         "record the decision with 'renumber' on the note that takes its place", "four is lost"),
        ("notes.orphan", "[[note]] for marker (8), occurrence 1, matches no marker in the text", (13, 0), "error",
         "correct its 'marker' or 'occurrence', or remove it", ""),
        ("notes.orphan", "note text (7) has no marker in the text", (7, 0), "error",
         "restore the marker with an [[emendation]], or add a [[note]] with marker = 7 and a 'decision' to the "
         "notes file", "")]
    assert found == [(1, "1", "One.", False), (2, "1", "again", False), (3, "3", NO_TEXT, True),
                     (4, "2", NO_TEXT, True), (5, "5", "five", False)]


def test_without_decisions_duplicates_and_gaps_are_warnings_and_a_missing_text_an_error(tmp_path):
    findings, found = resolve(tmp_path, "A (2) b (2) c (4).\n\nNOTES\n\n2. Two.\n\n4. Four.\n")
    assert [(code, where, severity, decision) for code, _, where, severity, _, decision in findings] == [
        ("notes.duplicate", (1, 9), "warning", ""),
        ("notes.no-text", (1, 9), "error", ""),
        ("notes.missing-number", (1, 3), "warning", ""),
        ("notes.missing-number", (1, 15), "warning", "")]
    assert [message for _, message, *_ in findings][2:] == ["no marker (1) in the text before this one",
                                                            "no marker (3) in the text before this one"]
    assert found == [(1, "2", "Two.", False), (2, "2", NO_TEXT, True), (3, "4", "Four.", False)]
