"""edition.toml: every mistake of the file in one run, each at its own line and column,
with the form expected and the fix."""

from __future__ import annotations

import pytest

from lectio import config
from lectio.errors import ConfigError
from tests.conftest import TINY_EDITION, run_cli

FIVE_MISTAKES = (('date = "2026-11-22"', 'date = "2026-13-01"'),
                 ('siglum = "S"', 'siglum = "s1"'),
                 ('trim = "6x9in"', 'trim = "6x9"'),
                 ("bleed = false", 'bleed = "no"'),
                 ("[output]\n", "[output]\npandoc_timout = 30\n"))


def edit(project, *changes: tuple[str, str]) -> str:
    path = project / "edition.toml"
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def errors(project) -> list:
    with pytest.raises(ConfigError) as caught:
        config.load(project)
    return list(caught.value.findings) or [caught.value.as_finding()]


def where(finding) -> tuple[int, int]:
    return finding.location.line, finding.location.column


def test_five_mistakes_give_five_errors_each_at_its_place(project):
    text = edit(project, *FIVE_MISTAKES)
    found = errors(project)
    assert [(f.code, where(f)) for f in found] == [
        ("config.form", at(text, "date = ")),
        ("config.form", at(text, "siglum = ", 2)),
        ("config.unknown-key", at(text, "pandoc_timout")),
        ("config.form", at(text, "trim = ")),
        ("config.type", at(text, "bleed = ")),
    ]
    date, siglum, unknown, trim, bleed = found
    assert date.message == ('edition.date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, '
                            'e.g. "2026-11-22"; found "2026-13-01" (no such date: month must be in 1..12)')
    assert siglum.message == 'readings[1].siglum must be 1–3 letters, capital first, e.g. "A"; found "s1"'
    assert (unknown.message, unknown.fix) == ("unknown key output.pandoc_timout", "did you mean 'pandoc_timeout'?")
    assert trim.fix == 'did you mean trim = "6x9in"?'
    assert (bleed.message, bleed.fix) == ('output.bleed must be true, false or "kdp", not a string',
                                          'for example: bleed = "kdp"')
    assert all(f.location.file == "edition.toml" and f.severity == "error" for f in found)


def test_the_cli_prints_all_five_and_exits_1(project):
    edit(project, *FIVE_MISTAKES)
    result = run_cli("check")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 5 and result.output.rstrip().endswith("5 errors in edition.toml")
    assert "Traceback" not in result.output


def test_errors_of_the_second_reading_point_at_the_second_header(project):
    text = edit(project, ('siglum = "S"\n', ""), ('notes = "manuscript/S.notes.toml"', 'notes = "manuscript/S.toml"'))
    missing, notes = errors(project)
    assert (missing.code, missing.message) == ("config.missing-key", "missing required key readings[1].siglum")
    assert where(missing) == at(text, "[[readings]]", 2)
    assert missing.fix == 'add siglum = "A" under [[readings]]'
    assert (notes.code, notes.message) == ("config.file-not-found",
                                           "readings[1].notes: file not found: manuscript/S.toml")
    assert where(notes) == at(text, "notes = ", 2)


@pytest.mark.parametrize("old, new, code, message, fix", [
    ("[output]", "[[output]]", "config.shape", "output must be a table, not a list",
     "write [output] on a line of its own, and its keys under it"),
    ('editors = ["The lectio editors"]', 'editors = "The lectio editors"', "config.type",
     "edition.editors must be a list of strings, not a string", 'for example: editors = ["A. Editor"]'),
    ('files = ["bib/edition.bib"]', 'files = ["bib/edition.bib", 3]', "config.type",
     "bibliography.files[1] must be a string (in quotes), not a number", 'for example: files = ["bib/edition.bib"]'),
])
def test_wrong_shapes_are_named_with_the_fix(project, old, new, code, message, fix):
    text = edit(project, (old, new))
    found = [f for f in errors(project) if f.code == code]
    assert [(f.message, f.fix) for f in found] == [(message, fix)]
    needle = new.split("\n")[0].split("=")[0].strip() if "=" in new.split("\n")[0] else new.strip()
    assert found[0].location.line == at(text, needle.split("\n")[0])[0]


def test_a_table_for_an_array_of_tables_and_a_string_for_a_table(tiny):
    text = TINY_EDITION.replace("[[readings]]", "[readings]").replace("[edition]\n", 'introduction = "i.md"\n[edition]\n')
    (tiny / "edition.toml").write_text(text, encoding="utf-8")
    found = errors(tiny)
    assert [(f.code, f.message, f.fix, where(f)) for f in found] == [
        ("config.shape", "introduction must be a table, not a string",
         "write [introduction] on a line of its own, and its keys under it", at(text, "introduction")),
        ("config.shape", "readings must be an array of tables, not a table",
         "write [[readings]] (two brackets) over each of its tables, not [readings]", at(text, "[readings]")),
    ]


def test_unknown_table_and_key_suggest_the_nearest(project):
    text = edit(project, ("[output]", "[outptu]"), ('author = "Author not named"', 'autor = "Author not named"'))
    found = errors(project)
    assert [(f.message, f.fix, where(f)) for f in found] == [
        ("unknown key readings[1].autor", "did you mean 'author'?", at(text, "autor")),
        ("unknown table [outptu]", "did you mean 'output'?", at(text, "[outptu]")),
    ]


def test_missing_table_and_empty_readings(project):
    (project / "edition.toml").write_text('readings = []\n', encoding="utf-8")
    found = errors(project)
    assert [(f.code, f.message) for f in found] == [
        ("config.missing-key", "missing required table [edition]"),
        ("config.missing-key", "at least one [[readings]] is required"),
    ]


def test_duplicate_siglum_is_at_the_second(project):
    text = edit(project, ('siglum = "S"', 'siglum = "M"'))
    (found,) = errors(project)
    assert found.code == "config.duplicate" and where(found) == at(text, "siglum = ", 2)
    assert found.message == "readings[1].siglum: siglum 'M' is used by two readings (first by readings[0])"


def test_pdf_x_needs_a_profile_at_the_variant(project):
    text = edit(project, ('trim = "6x9in"', 'trim = "6x9in"\npdf_variant = "pdf/x-4"'))
    (found,) = errors(project)
    assert (found.code, where(found)) == ("config.needs-icc", at(text, "pdf_variant"))
    assert "ICC profile" in found.fix
