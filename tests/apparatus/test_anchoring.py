"""The apparatus file: anchoring by quotation, and every error with its file and line."""

from __future__ import annotations

import re
import textwrap

import pytest

from lectio import apparatus
from lectio.apparatus import anchoring

APP = "manuscript/apparatus.toml"

M_PASSAGE = "The essential impulse during the violent episodes of collectivization came from the most oppressed"
S_PASSAGE = "Contrary to the empirical evidence Stalin asserted"


def entry(entry_id: str = "one", m: str = M_PASSAGE, s: str = S_PASSAGE, extra: str = "") -> str:
    return textwrap.dedent(f'''
        [[entry]]
        id = "{entry_id}"
        theme = "A theme"
        commentary = """Text."""
        {extra}
        [entry.M]
        exact = "{m}"
        [entry.S]
        exact = "{s}"
        ''')


def check(project, text: str):
    (project / APP).write_text(text, encoding="utf-8")
    return apparatus.check_project(project, citations_too=False)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return lines[occurrence - 1]


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [str(f) for f in findings]
    return found[0]


def test_seed_apparatus_anchors_every_passage(project):
    checked = apparatus.check_project(project)
    assert checked.findings == []
    assert len(checked.entries) >= 12
    assert all(len(e.passages) == 2 for e in checked.entries)
    assert apparatus.passage_refs(checked.entries[0], checked.readings) == "M 1 / S 19"


def test_matching_ignores_the_normalizations(project):
    # straight quotes, a hyphen for an en dash, three dots, doubled spaces, a line break
    text = entry(m="thesis of 'Communist totalitarianism' exercised by  an 'omnipresent Party",
                 s="Stalin's cautious comments") + entry("two", m="In 1929-1933, the Soviet State",
                                                         s="the countryside ... The roots")
    checked = check(project, text)
    assert [f.code for f in checked.findings] == ["apparatus.not-found"]  # M 7's "..." is in M, not S
    assert checked.entries[0].passages[0].reference == "M 9"
    assert checked.entries[0].passages[1].reference == "S 5"
    checked = check(project, entry(m="In 1929-1933, the Soviet State", s="Stalin's cautious comments")
                    + entry("two", m="the countryside ... The roots", s="Stalin's cautious comments indicate"))
    assert checked.findings == []
    passage = checked.entries[1].passages[0]
    assert passage.block.text[passage.start:passage.end] == "the countryside … The roots"


def test_not_found_shows_the_closest_passage_and_a_diff(project):
    text = entry(m=M_PASSAGE.replace("episodes", "episode").replace("oppressed", "opressed"))
    finding = only(check(project, text).findings, "apparatus.not-found")
    assert str(finding.location) == f"{APP}:{line_of(text, 'episode of')}:1"
    assert finding.message.startswith("M passage not found")
    assert "closest passage: M 1 at manuscript/000_60675b7950f4f9e5.txt:3:" in finding.fix
    assert re.search(r"\(9\d% alike\)", finding.fix)
    assert "episode[-s-]" in finding.fix and "[-p-]ressed" in finding.fix


def test_ambiguous_gives_the_count_and_the_places(project):
    text = entry(s="the worker-peasant alliance")
    finding = only(check(project, text).findings, "apparatus.ambiguous")
    assert str(finding.location) == f"{APP}:{line_of(text, 'the worker-peasant alliance')}:1"
    count = int(re.search(r"matches (\d+) times", finding.message).group(1))
    assert count > 6
    assert "S 3 (manuscript/004_080bc33c96e9dd48.txt:" in finding.message or "S 8 (" in finding.message
    assert f"and {count - 6} more" in finding.message


def test_prefix_and_suffix_choose_one_place(project):
    extra = ""
    text = entry(s="the worker-peasant alliance", extra=extra).replace(
        'exact = "the worker-peasant alliance"',
        'exact = "the worker-peasant alliance"\nprefix = "which implies the continuation of"\nsuffix = "becomes repudiated"')
    checked = check(project, text)
    assert checked.findings == []
    assert checked.entries[0].passages[1].reference == "S 24"


def test_unknown_see_link_names_the_line_and_a_near_miss(project):
    text = entry("first", extra='see = ["secnd"]') + entry("second", s="Stalin effectively announced")
    finding = only(check(project, text).findings, "apparatus.unknown-link")
    assert str(finding.location) == f"{APP}:{line_of(text, 'see = ')}:1"
    assert "'secnd'" in finding.message and "did you mean 'second'" in finding.fix


def test_duplicate_id_names_both_lines(project):
    text = entry("same") + entry("same", s="Stalin effectively announced")
    finding = only(check(project, text).findings, "apparatus.duplicate-id")
    assert str(finding.location) == f"{APP}:{line_of(text, 'id = ', 2)}:1"
    assert f"first at {APP}:{line_of(text, 'id = ', 1)}:1" in finding.message


@pytest.mark.parametrize("typo, table, hint", [
    ("comentary", "", "did you mean 'commentary'"),
    ("exat", "S", "did you mean 'exact'"),
])
def test_unknown_key_names_its_line(project, typo, table, hint):
    text = entry()
    if table:
        text = text.replace(f'exact = "{S_PASSAGE}"', f'exact = "{S_PASSAGE}"\n{typo} = "x"')
    else:
        text = text.replace('theme = "A theme"', f'theme = "A theme"\n{typo} = "x"')
    finding = only(check(project, text).findings, "apparatus.unknown-key")
    assert str(finding.location) == f"{APP}:{line_of(text, typo + ' = ')}:1"
    assert hint in finding.fix


def test_unknown_siglum_and_missing_passage(project):
    text = entry().replace("[entry.S]", "[entry.T]")
    findings = check(project, text).findings
    assert str(only(findings, "apparatus.unknown-key").location) == f"{APP}:{line_of(text, '[entry.T]')}:1"
    assert "no passage of S" in only(findings, "apparatus.missing-passage").message


def test_entry_with_errors_is_left_out_and_others_still_checked(project):
    text = entry("Bad Id") + entry("good", m="no such words in M at all")
    checked = check(project, text)
    assert {f.code for f in checked.findings} == {"apparatus.bad-id", "apparatus.not-found"}
    assert [e.id for e in checked.entries] == ["good"]


def test_char_diff_is_short():
    diff = anchoring.char_diff("a" * 40 + "the Soviet state" + "b" * 40, "a" * 40 + "the soviet State" + "b" * 40)
    assert diff.startswith("…") and diff.endswith("…")
    assert "[-S-]{+s+}" in diff and len(diff) < 90
