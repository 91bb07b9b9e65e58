"""A cue word written before a citation in running text (introduction, apparatus commentary)
becomes the citation's prefix: "see [@key]" prints as a note call after the sentence and a
note "See …", never as "see.¹". The whole check (sources → notes → citations) is run."""

import re

import pytest

from lectio import pipeline
from tests.citations.bib_1790s import BIB_1790S
from tests.conftest import TINY_EDITION, make_tiny_project

INTRO = ("The debate opened with a sermon; see [@price1789, 3]. Burke answered it, cf. [@burke1790].\n\n"
         "Paine wrote against Burke [@burke1790]. See [@wollstonecraft1792].\n\n"
         "The case is argued in [@price1789].\n")
APPARATUS = '''[[entry]]
id = "claim"
theme = "The claim"
commentary = """
The reading makes a claim that Burke disputes, see [@burke1790, 12]. It argues from scripture, as Price does; compare [@price1789].
"""
[entry.A]
exact = "A first paragraph that makes a claim."
'''


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    edition = TINY_EDITION.replace("[bibliography]", '[introduction]\nfile = "intro.md"\n\n'
                                   '[apparatus]\nfile = "apparatus.toml"\n\n[bibliography]')
    root = make_tiny_project(tmp_path_factory.mktemp("cues") / "p", edition=edition,
                             notes='[[note]]\nmarker = 1\ntext = "[@kant1781]"\n')
    (root / "t.bib").write_text(BIB_1790S, encoding="utf-8")
    (root / "intro.md").write_text(INTRO, encoding="utf-8")
    (root / "apparatus.toml").write_text(APPARATUS, encoding="utf-8")
    return pipeline.check(root)


def printed(block) -> str:
    """The block's text with its note calls, as ¹²³ are printed."""
    text = block.text
    for ref in sorted(block.notes, key=lambda r: (r.position, r.note.number), reverse=True):
        text = text[:ref.position] + f"[{ref.note.number}]" + text[ref.position:]
    return text


def plain(html: str) -> str:
    return re.sub(r"<(?!/?em>)[^>]+>", "", html)


def test_introduction(checked):
    intro = checked.book.introduction
    assert [printed(b) for b in intro.blocks] == [
        "The debate opened with a sermon.[1] Burke answered it.[2]",
        "Paine wrote against Burke.[3][4]", "The case is argued in.[5]"]
    assert [n.markdown for n in intro.notes] == ["[See @price1789, 3]", "[Cf. @burke1790]", "[@burke1790]",
                                                 "[See @wollstonecraft1792]", "[@price1789]"]
    assert [plain(n.html) for n in intro.notes][:2] == [
        "See Richard Price, <em>A Discourse on the Love of Our Country</em> (London: T. Cadell, 1789), 3.",
        "Cf. Edmund Burke, <em>Reflections on the Revolution in France</em> (London: J. Dodsley, 1790)."]


def test_apparatus_commentary(checked):
    [entry] = checked.book.apparatus
    assert [printed(b) for b in entry.commentary.blocks] == [
        "The reading makes a claim that Burke disputes.[1] It argues from scripture, as Price does.[2]"]
    assert [plain(n.html) for n in entry.commentary.notes] == [
        "See Edmund Burke, <em>Reflections on the Revolution in France</em> (London: J. Dodsley, 1790), 12.",
        "Compare Richard Price, <em>A Discourse on the Love of Our Country</em> (London: T. Cadell, 1789)."]
    assert not [f for f in checked.findings if f.severity == "error"], [str(f) for f in checked.findings]


def test_another_word_before_a_citation_is_reported_where_it_stands(checked):
    [dangling] = [f for f in checked.findings if f.code == "citations.dangling-word"]
    assert (dangling.location.file.endswith("intro.md"), dangling.location.line, dangling.location.column) == \
        (True, 5, 20)
    assert dangling.severity == "warning" and dangling.fix == "write [in @price1789] to take the word into the " \
        "note, or reword"
    assert dangling.message == "'in' is left before the note the citation becomes: '…The case is argued in.'"


@pytest.mark.parametrize("written, printed_, markdown, fixes", [
    ("An account, see [@w, 7].", "An account.[1]", "[See @w, 7]", []),
    ("An account; cf. [@w]", "An account[1]", "[Cf. @w]", []),
    ("The claim, see [@w] for details, is old.", "The claim, see[1] for details, is old.", "[@w]",
     ["write [see @w] to take the word into the note, or reword"]),
    ("The method it points to [@w] is old.", "The method it points to[1] is old.", "[@w]", []),
    ("As argued in [@w, 3].", "As argued in.[1]", "[@w, 3]", ["write [in @w, 3] to take the word into the note, "
                                                               "or reword"]),
])
def test_cue_words_at_the_end_of_a_clause_only(tmp_path, written, printed_, markdown, fixes):
    from lectio import notes, sources

    path = tmp_path / "a.md"
    path.write_text(written + "\n", encoding="utf-8")
    text, found = sources.read_text("intro", path)
    findings = notes.resolve_notes(text, notes.NotesFile(), found)
    [block] = text.blocks
    assert printed(block) == printed_ and [n.markdown for n in text.notes] == [markdown]
    assert [f.fix for f in findings if f.code == "citations.dangling-word"] == fixes
