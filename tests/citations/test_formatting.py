"""Notes and bibliography as pandoc's citeproc formats them from the .bib lectio resolved.

Each style is formatted once (one pandoc run per text, as in a build) and the
results compared with golden files. Set LECTIO_UPDATE_GOLDEN=1 to rewrite them
after a deliberate change, then read the diff.
"""

import os
import re
from pathlib import Path

import pytest

from lectio import citations
from lectio.citations import bibtex, citeprocfix
from lectio.citations import prose as citeprose
from lectio.errors import Location
from lectio.model import Note, Text
from tests.citations.test_bibtex import RESOLVE

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
VIOLA = "@book{viola, author = {Viola, Lynne}, title = {The Best Sons of the Fatherland}, " \
        "publisher = {Oxford University Press}, address = {New York}, year = 1987}\n"
NOTES = [
    "[@viola].",                          # 1 first: full
    "[@viola].",                          # 2 the same again: ibid. (Chicago 17: the author alone)
    "A note without a citation.",         # 3 an intervening note
    "[@viola, 12].",                      # 4 after it: short form, not ibid.
    "[@dizzy; @reply].",                  # 5 two sources (crossref, #, month resolved by lectio)
    "[@reply].",                          # 6 after a two-source note: short form, not ibid.
    "Probably @cafe.",                    # 7 in-text in prose (accents resolved by lectio)
    "Probably [@cafe, 3]. See also [@viola, 5].",  # 8 bracketed in prose: no parentheses
    "[@viola].",                          # 9
    "Compare [@viola, 7] with it.",       # 10 in-text form in the ibid. position
]
STYLES = ["chicago-notes-bibliography-17th-edition", "chicago-notes-bibliography-subsequent-ibid-17th-edition"]


def plain(fragment: str) -> str:
    return re.sub(r"<(?!/?em>)[^>]+>", "", fragment)


def check_golden(name: str, lines: list[str]) -> None:
    path = GOLDEN / name
    text = "\n".join(lines) + "\n"
    if os.environ.get("LECTIO_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (LECTIO_UPDATE_GOLDEN=1 rewrites it)"


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(RESOLVE + VIOLA, encoding="utf-8")
    return citations.load_bibliography([path])


@pytest.fixture(scope="module")
def formatted(bib):
    out = {}
    for style in STYLES + ["apa"]:
        text = Text("T", Path("t.txt"), "t.txt")
        text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(NOTES, start=1)]
        citations.format_notes(text, bib, citations.style_path(style, ROOT), 30)
        out[style] = [plain(n.html) for n in text.notes]
    return out


@pytest.mark.parametrize("style", STYLES)
def test_notes_golden(formatted, style):
    check_golden(f"notes-{style}.txt", [f"{i}. {n}" for i, n in enumerate(formatted[style], start=1)])


def test_first_full_then_short_and_chicago17_repeat(formatted):
    notes_ = formatted[STYLES[0]]
    assert notes_[0] == "Lynne Viola, <em>The Best Sons of the Fatherland</em> (New York: Oxford University Press, 1987)."
    assert notes_[1] == "Viola."
    assert notes_[3] == "Viola, <em>The Best Sons of the Fatherland</em>, 12."
    assert notes_[5] == "Stalin, “Reply to C.P.S.U.(B.) Comrades.”"


def test_ibid_after_intervening_and_two_source_notes(formatted):
    notes_ = formatted[STYLES[1]]
    assert notes_[1] == "Ibid."  # capitalized at the start of a note
    assert "Ibid" not in notes_[3] and notes_[3].startswith("Viola, <em>The Best Sons")
    assert "Ibid" not in notes_[5] and notes_[5].startswith("Stalin, “Reply")


def test_fields_lectio_resolved_reach_the_formatted_note(formatted):
    two = formatted[STYLES[0]][4]
    assert "Moscow: Foreign Languages Publishing House, 1955" in two  # crossref + @string # {…}
    assert "Pravda</em>, April 1930" in two  # month = apr
    assert "René Café, Jörg Müller, and Øystein Garçon, <em>Études on the Révolution in <em>Pravda</em></em>" \
        in formatted[STYLES[0]][6]  # accents


def test_citations_in_note_prose_read_as_prose(formatted):
    for style in STYLES:
        assert formatted[style][6].startswith("Probably René Café")
        assert "(" not in formatted[style][7] and "See also Viola, <em>The Best Sons" in formatted[style][7]
    assert formatted[STYLES[1]][7].startswith("Probably ibid., 3.")
    assert formatted["apa"][6] == "Probably Café et al. (1990)."  # author-date: left as written


def test_in_text_citation_in_ibid_position(formatted):
    """pandoc writes an in-text citation in a note as the author's name, a comma and the note
    form ("Viola, ibid., 7"); in the ibid. position the name goes. Chicago 17 repeats the name."""
    assert formatted[STYLES[1]][9] == "Compare ibid., 7 with it."
    assert formatted[STYLES[0]][9] == "Compare Viola, 7 with it."


def test_bibliography_golden(bib):
    keys = ["viola", "dizzy", "reply", "cafe", "works12"]
    entries = citations.format_bibliography(keys, bib, citations.style_path(STYLES[0], ROOT), 30)
    check_golden("bibliography-chicago-17.txt", [plain(e) for e in entries])


@pytest.fixture(scope="module")
def seed():
    """The seed checked as a build checks it (no layout): every note formatted, the bibliography."""
    from lectio import pipeline

    return pipeline.check(ROOT).book


def seed_notes(book) -> list[str]:
    texts = [("intro", book.introduction)] + [(r.siglum, r.text) for r in book.readings]
    lines = [f"{name} {n.number}. {plain(n.html)}" for name, text in texts for n in text.notes]
    return lines + [f"app {n.number}. {plain(n.html)}" for e in book.apparatus for n in e.commentary.notes]


def test_seed_notes_golden(seed):
    """Every note of the seed (introduction, readings, apparatus), formatted as the book prints them."""
    lines = seed_notes(seed)
    check_golden("seed-notes.txt", lines)
    assert not any(re.search(r"\(\w+\)\.?\]$|\.\.|\.”\.|<ol", line) for line in lines)


def test_seed_bibliography_golden(seed):
    check_golden("seed-bibliography.txt", [plain(entry) for entry in seed.bibliography_html])


@pytest.mark.parametrize("written, sent", [
    ("Probably [@viola].", "[Probably @viola]."),              # prose before it becomes the prefix
    ("Probably @viola.", "[Probably @viola]."),
    ("Probably @viola [p. 3]. More.", "[Probably @viola, p. 3]. More."),
    ("*Tax in Kind*, in [@a, 3]. Not identified.", "[*Tax in Kind*, in @a, 3]. Not identified."),
    ("[@a]. Speech of 1929.", "[@a]. Speech of 1929."),        # "@a." would start an example list
    ("@a.", "[@a]."),
    ("[see @a; also @b]. More.", "[see @a; also @b]. More."),
    ("In [@a]; more [see @b, p. 3; also @c].", "In @a; more [see @b, p. 3; also @c]."),  # in-text form
    ("Text[@a] and more.", "Text [@a] and more."),           # after a word it refers to: pandoc's parentheses
    ("Against the dead Mary Wollstonecraft [@a].", "Against the dead Mary Wollstonecraft [@a]."),
    ("Quoted “so” [@a, 7]. More.", "Quoted “so” [@a, 7]. More."),  # after a quotation (Chicago 14.35)
    ("Quoted “so”[@a, 7]; and[-@b].", "Quoted “so” [@a, 7]; and [-@b]."),  # parted from what it is glued to
    ("More;[@a] here.", "More; @a here."),
    ("More; see [@a, 7] and cf. [@b].", "More; see @a [7] and cf. @b."),  # a cue word leads into it
    ("Only [-@a] here, [-@a].", "Only [-@a] here, [-@a]."),
    ("Mail [me@example.org] or [a link](http://x).", "Mail [me@example.org] or [a link](http://x)."),
])
def test_prose_citations_rewrite(written, sent):
    assert citeprose.prose_citations(written) == sent


def test_tidy_punctuation():
    cite = '<span class="citation"><span>Stalin, “Reply.”</span></span>'
    assert citeprose.tidy_punctuation(cite + ".", True) == cite
    quoted = '<span class="citation">Stalin, “Reply”</span>. More.'
    assert citeprose.tidy_punctuation(quoted, True) == '<span class="citation">Stalin, “Reply.”</span> More.'
    assert citeprose.tidy_punctuation(quoted, False) == quoted
    assert citeprose.opens_with_capital("<span>ibid.</span>", "[@a].") == "<span>Ibid.</span>"
    assert citeprose.opens_with_capital("e.g. <span>ibid.</span>", "e.g. [@a].") == "e.g. <span>ibid.</span>"


def test_pandoc_disagreement_is_an_error(tmp_path):
    path = tmp_path / "t.bib"
    path.write_text("@misc{good, title={A}}\n@misc{bad key, title={B}}\n@misc{later, title={C}}\n", encoding="utf-8")
    bib = citations.load_bibliography([path])
    findings = citations.agreement_findings(bib, 30)
    assert [(f.code, f.location.line) for f in findings] == [("citations.disagreement", 2)]
    assert "cannot read entry 'bad key'" in findings[0].message and "unexpected" in findings[0].fix


def test_style_by_path_in_project(tmp_path):
    style = tmp_path / "house.csl"
    style.write_text('<style xmlns="http://purl.org/net/xbiblio/csl" class="note" default-locale="en-GB"/>')
    path = citations.style_path("house.csl", tmp_path)
    assert path == style.resolve() and citations.is_note_style(path) and not citations.quotes_take_punctuation(path)


def test_pandoc_is_given_only_the_resolved_bib(bib, monkeypatch):
    """What pandoc formats is the .bib lectio wrote: no macro, #, crossref or raw accent left in it."""
    from lectio import pandoc

    seen, run = [], pandoc.run

    def spy(args, *rest, **options):
        files = [Path(args[i + 1]) for i, arg in enumerate(args) if arg == "--bibliography"]
        seen.extend(path.read_text(encoding="utf-8") for path in files)
        assert not any(path.resolve() in {f.resolve() for f in bib.files} for path in files)
        return run(args, *rest, **options)

    monkeypatch.setattr(pandoc, "run", spy)
    citations.format_bibliography(["dizzy"], bib, citations.style_path(STYLES[0], ROOT), 30)
    [given] = seen
    assert given == bibtex.dumps(citeprocfix.bibliography_entries(list(bib.entries.values())))
    assert "crossref" not in given and "@string" not in given and " # " not in given and "\\'" not in given
    assert "month = {4}" in given and "publisher = {Foreign Languages Publishing House}" in given
