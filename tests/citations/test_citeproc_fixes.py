"""Where citeproc alone is not Chicago notes-bibliography, and what lectio makes of it
(``citations/citeprocfix.py``): one test per case, on entries of every shape that goes wrong."""

from pathlib import Path

import pytest

from lectio import citations
from lectio.citations import citeprocfix
from lectio.citations.entries import BibEntry
from lectio.errors import Location
from lectio.model import Note, Text
from tests.citations.test_formatting import ROOT, STYLES, plain

BIB = r"""
@book{papers, author = {Doe, Jane Q.}, title = {Papers}, volume = {4}, publisher = {State Press},
  address = {Boston}, year = {1950}}
@incollection{first, crossref = {papers}, title = {The First Lecture}, booktitle = {Papers}}
@incollection{second, crossref = {papers}, title = {Second Lecture in the {U.S.A.}}, booktitle = {Papers},
  pages = {147--178}}
@incollection{third, author = {Doe, Jane Q.}, title = {Third Lecture}, booktitle = {Papers}, volume = {4},
  publisher = {State Press}, address = {Boston}, year = {1950}, pages = {201--209}}
@inbook{fourth, author = {Doe, Jane Q.}, title = {Fourth Lecture, by Smith Jr.}, booktitle = {Papers},
  volume = {4}, chapter = {9}, publisher = {State Press}, address = {Boston}, year = {1950}}
@book{roe, author = {Roe, Richard}, title = {Other Matters}, publisher = {Field}, address = {Leeds}, year = {1990}}
"""


def notes_of(bib, markdown: list[str], style: str = STYLES[0]) -> list[str]:
    text = Text("T", Path("t.txt"), "t.txt")
    text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(markdown, start=1)]
    citations.format_notes(text, bib, citations.style_path(style, ROOT), 30)
    return [plain(n.html) for n in text.notes]


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(BIB, encoding="utf-8")
    return citations.load_bibliography([path])


# Each work of the author also stands once in the ibid. position ("Doe."), which is what
# makes citeproc take them for ambiguous (jgm/citeproc#133).
IBID_RUNS = ["[@first].", "[@first].", "[@second].", "[@second].", "[@roe]."]


@pytest.mark.parametrize("before, cited, short", [
    # a chapter by crossref, cited again after an intervening note
    ([], "[@first].", "Doe, “The First Lecture.”"),
    # the same again, later, after runs of the author's other works
    (["[@second].", "[@roe].", "[@first].", "[@roe]."], "[@first].", "Doe, “The First Lecture.”"),
    # first cited as the second of two sources in a note, then alone with prose after it
    (["[See @roe; also @third]."], "[@third]. A lecture.", "Doe, “Third Lecture.” A lecture."),
])
def test_short_note_of_a_chapter_is_short(bib, before, cited, short):
    notes_ = notes_of(bib, IBID_RUNS + ["[@third].", "[@third].", "[@roe]."] + before + [cited])
    assert notes_[-1] == short
    assert notes_[0] == "Jane Q. Doe, “The First Lecture,” in <em>Papers</em>, vol. 4 (Boston: State Press, 1950)."


def test_works_that_share_a_short_form_are_still_told_apart(tmp_path):
    path = tmp_path / "t.bib"
    path.write_text(BIB + "@article{firstjournal, author = {Doe, Jane Q.}, title = {The First Lecture}, "
                    "journal = {Review}, year = {1949}}\n", encoding="utf-8")
    bib = citations.load_bibliography([path])
    notes_ = notes_of(bib, ["[@first].", "[@firstjournal].", "[@roe].", "[@first].", "[@firstjournal]."])
    assert notes_[3] != notes_[4] and all(n.startswith("Doe, “The First Lecture") for n in notes_[3:])
    assert {e.key for e in citeprocfix.note_entries(list(bib.entries.values())) if "keywords" in e.fields} \
        == {"first", "firstjournal"}


def test_comma_kept_after_an_abbreviation_ending_a_title(bib):
    notes_ = notes_of(bib, ["[@second].", "[@roe].", "[@second].", "[@fourth].", "[@second]. More."])
    assert notes_[0].startswith("Jane Q. Doe, “Second Lecture in the U.S.A.,” in <em>Papers</em>")
    assert notes_[2] == "Doe, “Second Lecture in the U.S.A.”"  # the period ends the note too
    assert "by Smith Jr.,” chap. 9 in <em>Papers</em>" in notes_[3]
    assert notes_[4] == "Doe, “Second Lecture in the U.S.A.” More."
    entries = citations.format_bibliography(["second"], bib, citations.style_path(STYLES[0], ROOT), 30)
    assert "“Second Lecture in the U.S.A.” In <em>Papers</em>" in plain(entries[0])


@pytest.mark.parametrize("value, protected", [
    ("In the {U.K.}", "In the {U.K\u2024}"), ("Smith Jr.", "Smith Jr\u2024"), ("Essays, etc.", "Essays, etc\u2024"),
    ("A Study of Loss.", "A Study of Loss."), ("The C.P.S.U.(B.)", "The C.P.S.U.(B.)"), ("Speech", "Speech"),
])
def test_which_final_periods_are_an_abbreviation(value, protected):
    entry = BibEntry("k", "book", {"title": value, "note": value}, Location("t.bib", 1))
    [given] = citeprocfix.note_entries([entry])
    assert given.fields["title"] == protected and given.fields["note"] == value


def test_a_chapter_page_range_is_no_locator_in_notes(bib):
    notes_ = notes_of(bib, ["[@second].", "[@third, 203].", "[@fourth]."])
    assert "147" not in notes_[0] and "vol. 4 (Boston: State Press, 1950)." in notes_[0]
    assert notes_[1].endswith("(Boston: State Press, 1950), 4:203.") and "201" not in notes_[1]  # the page cited
    entries = citations.format_bibliography(["second", "third"], bib, citations.style_path(STYLES[0], ROOT), 30)
    assert "147–78" in plain(entries[0]) and "201–9" in plain(entries[1])  # the extent stays in the bibliography


def test_bibliography_order_ignores_leading_articles(tmp_path):
    path = tmp_path / "t.bib"
    path.write_text(r"""
@book{zebra, author = {Doe, Jane}, title = {A Zebra}, publisher = {P}, year = 1990}
@book{yak, author = {Doe, Jane}, title = {The Yak}, publisher = {P}, year = 1990}
@book{an, author = {Doe, Jane}, title = {An Xylophone}, publisher = {P}, year = 1990}
@book{anon, title = {The Anonymous Tract}, publisher = {P}, year = 1990}
@book{monde, title = {Le Monde}, langid = {french}, publisher = {P}, year = 1990}
@book{cat, author = {Cat, Ann}, title = {The Cat}, publisher = {P}, year = 1990}
""", encoding="utf-8")
    bib = citations.load_bibliography([path])
    order = [key for key, _ in citations.bibliography_entries(list(bib.entries), bib,
                                                                citations.style_path(STYLES[0], ROOT), 30)]
    assert order == ["anon", "cat", "an", "yak", "zebra", "monde"]
    html = dict(citations.bibliography_entries(list(bib.entries), bib, citations.style_path(STYLES[0], ROOT), 30))
    assert plain(html["an"]).startswith("Doe, Jane.") and plain(html["yak"]).startswith("———.")


@pytest.mark.parametrize("title, tag, stripped", [
    ("The Yak", None, "Yak"), ("An Owl", "en-GB", "Owl"), ("“A Year”", None, "Year”"),
    ("Le Monde", "fr-FR", "Monde"), ("L’État", "fr-FR", "État"), ("Die Welt", "de-DE", "Welt"),
    ("The", None, "The"), ("Theory", None, "Theory"), ("Le Monde", None, "Le Monde"),
])
def test_strip_article(title, tag, stripped):
    assert citeprocfix.strip_article(title, tag) == stripped


def test_style_conditions_rewritten():
    csl = ('<citation><layout><choose><if disambiguate="true"><text/></if><else-if disambiguate="true">'
           '</else-if></choose><choose><if disambiguate="true" match="none"/><else/></choose></layout></citation>'
           '<bibliography><sort><key macro="a"/></sort></bibliography>')
    out = citeprocfix.plain_style(csl)
    assert out.count('disambiguate="true" variable="keyword"') == 2
    assert '<if variable="keyword" match="none"/><else-if disambiguate="true" match="none"/>' in out
    assert '<sort><key variable="keyword"/><key macro="a"/>' in out


def test_ibid_term_learnt_from_the_style():
    assert citeprocfix.ibid_term(citations.style_path(STYLES[1], ROOT), 30) == "ibid"
    assert citeprocfix.ibid_term(citations.style_path(STYLES[0], ROOT), 30) is None  # "Doe." there


def test_in_text_ibid_loses_the_name_before_the_term(bib):
    cite = '<span class="citation" data-cites="a">Café, Müller, and <em>Garçon</em>, ibid., 7</span>'
    assert citeprocfix.ibid_in_text(f"Compare {cite} with it.", "ibid") == \
        'Compare <span class="citation" data-cites="a">ibid., 7</span> with it.'
    assert citeprocfix.ibid_in_text(cite, None) == cite
    notes_ = notes_of(bib, ["[@roe].", "Compare [@roe, 4] and @first.", "[@first].", "So @first [9]."], STYLES[1])
    assert notes_[1] == "Compare ibid., 4 and Jane Q. Doe, “The First Lecture,” in <em>Papers</em>, " \
        "vol. 4 (Boston: State Press, 1950)."
    assert notes_[3] == "So ibid., 9."
