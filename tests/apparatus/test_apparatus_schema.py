"""The apparatus file against its schema: shapes, types and keys, each at its line and column;
an entry with an error is left out and the others are still anchored."""

from __future__ import annotations

from tests.apparatus.test_anchoring import APP, check, entry, line_of


def found(findings) -> list[tuple]:
    return [(f.code, f.message, f.fix, f.location.line, f.location.column) for f in findings]


def test_entry_as_a_table(project):
    text = '[entry]\nid = "one"\n'
    assert found(check(project, text).findings) == [
        ("apparatus.shape", "entry must be an array of tables, not a table",
         "write [[entry]] (two brackets) over each of its tables, not [entry]", 1, 1)]


def test_wrong_types_and_a_missing_exact_in_one_run(project):
    text = entry("first").replace('theme = "A theme"', 'theme = 3\nsee = "second"') \
        .replace('exact = "Contrary', 'exct = "Contrary') + entry("second", s="Stalin effectively announced")
    checked = check(project, text)
    assert found(checked.findings) == [
        ("apparatus.type", "entry[0].theme must be a string (in quotes), not a number",
         'for example: theme = "Who decided"', line_of(text, "theme = "), 1),
        ("apparatus.type", "entry[0].see must be a list of entry ids, not a string",
         'for example: see = ["other-entry"]', line_of(text, "see = "), 1),
        ("apparatus.missing-key", "missing required key entry[0].S.exact",
         'add exact = "the words of the passage" under [entry.S]', line_of(text, "[entry.S]"), 1),
        ("apparatus.unknown-key", "unknown key entry[0].S.exct", "did you mean 'exact'?", line_of(text, "exct"), 1),
    ]
    assert [e.id for e in checked.entries] == ["second"]


def test_a_passage_that_is_not_a_table(project):
    text = entry().replace('[entry.M]\nexact = "', 'M = "')
    (finding,) = check(project, text).findings
    assert (finding.code, finding.message, finding.location.line) == (
        "apparatus.shape", "entry[0].M must be a table, not a string", line_of(text, "M = "))
    assert finding.fix == "write [entry.M] on a line of its own, and its keys under it"


def test_unknown_top_level_key(project):
    text = 'title = "x"\n' + entry()
    (finding,) = check(project, text).findings
    assert (finding.code, finding.message, str(finding.location)) == (
        "apparatus.unknown-key", "unknown key title", f"{APP}:1:1")
