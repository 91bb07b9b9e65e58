"""The language of an entry reaches citeproc (as ``langid``, a BCP 47 tag), so that only
English titles are title-cased; a field given twice in any case is reported."""

from pathlib import Path

import pytest

from lectio import citations
from lectio.citations import bibtex
from lectio.citations.entries import language_tag
from lectio.errors import Location
from lectio.model import Note, Text
from tests.citations.bib_1790s import BIB_1790S
from tests.citations.test_formatting import plain

ROOT = Path(__file__).resolve().parents[2]
MORE = r"""@book{hegel1807,
  author = {Hegel, Georg Wilhelm Friedrich}, title = {System der Wissenschaft: Erster Theil, die Phänomenologie des Geistes},
  publisher = {Goebhardt}, address = {Bamberg}, year = {1807}, language = {ngerman}}
@book{condorcet1795,
  author = {Condorcet, Nicolas de}, title = {Esquisse d'un tableau historique des progr{\`e}s de l'esprit humain},
  publisher = {Agasse}, address = {Paris}, year = {1795}, hyphenation = {French}}
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(BIB_1790S + MORE, encoding="utf-8")
    return citations.load_bibliography([path])


@pytest.mark.parametrize("field, tag", [
    ("language = {french}", "fr-FR"), ("langid = {german}", "de-DE"), ("language = {ngerman}", "de-DE"),
    ("LANGUAGE = {French}", "fr-FR"), ("language = {french and german}", "fr-FR"), ("langid = {fr-CA}", "fr-CA"),
    ("language = {italian}, langid = {english}", "en-US"), ("note = {N}", None),
])
def test_language_tag(field, tag):
    [entry], _ = bibtex.parse(f"@misc{{k, title = {{T}}, {field}}}", "t.bib")
    assert language_tag(entry) == tag


def test_the_resolved_bib_gives_pandoc_langid(bib):
    resolved = citations.resolved_bibtex(bib)
    assert "langid = {fr-FR}" in resolved and "langid = {de-DE}" in resolved
    assert "language =" not in resolved and "hyphenation =" not in resolved


def test_french_and_german_titles_keep_their_case_in_notes_and_bibliography(bib):
    style = citations.style_path("chicago-notes-bibliography-17th-edition", ROOT)
    text = Text("T", Path("t.txt"), "t.txt")
    text.notes = [Note(i, m, Location("t.txt", i)) for i, m in enumerate(
        ["[@rousseau1762].", "[@kant1781, 12].", "[@hegel1807].", "[@condorcet1795].", "[@burke1790]."], start=1)]
    citations.format_notes(text, bib, style, 30)
    notes = [plain(n.html) for n in text.notes]
    assert notes[0] == ("Jean-Jacques Rousseau, <em>Du contrat social ou principes du droit politique</em> "
                        "(Amsterdam: Marc-Michel Rey, 1762).")
    assert notes[1] == "Immanuel Kant, <em>Kritik der reinen Vernunft</em> (Riga: Hartknoch, 1781), 12."
    assert "<em>System der Wissenschaft: Erster Theil, die Phänomenologie des Geistes</em>" in notes[2]
    assert "<em>Esquisse d’un tableau historique des progrès de l’esprit humain</em>" in notes[3]
    assert "<em>Reflections on the Revolution in France</em>" in notes[4]  # English: title case as before
    entries = dict(citations.bibliography_entries(["rousseau1762", "kant1781", "burke1790"], bib, style, 30))
    assert "<em>Du contrat social ou principes du droit politique</em>" in entries["rousseau1762"]
    assert "<em>Kritik der reinen Vernunft</em>" in entries["kant1781"]


def test_an_unknown_language_is_reported_with_a_near_miss(tmp_path):
    path = tmp_path / "t.bib"
    path.write_text("@misc{a, title = {Le titre},\n  langauge = {x},\n  language = {frnch}}\n", encoding="utf-8")
    found = [f for f in citations.load_bibliography([path]).findings if f.code == "citations.language"]
    assert [(str(f.location), f.severity, f.fix) for f in found] == [
        (f"{path}:1", "warning", "did you mean 'french'?")]
    assert "language 'frnch' is not a language lectio knows" in found[0].message


def test_a_field_given_again_in_another_case_is_reported_at_its_line():
    _, found = bibtex.parse("@book{a,\n  title = {First},\n  Title = {Second},\n  year = 1}\n", "t.bib")
    assert [(f.code, str(f.location), f.severity, f.message, f.fix) for f in found] == [
        ("citations.duplicate-field", "t.bib:3", "error",
         "entry 'a': field 'title' given twice (first at line 2; field names ignore case)",
         "keep one 'title' field and delete the other")]
    [entry], _ = bibtex.parse("@book{a,\n  title = {First},\n  TITLE = {Second}}\n", "t.bib")
    assert entry.fields["title"] == "First"  # as BibTeX: the first is kept


def test_a_field_given_twice_on_separate_lines_is_reported_at_the_second():
    _, found = bibtex.parse("@book{a,\n  title = {First},\n  year = 1,\n  title = {Second}}\n", "t.bib")
    assert [(f.code, str(f.location)) for f in found] == [("citations.duplicate-field", "t.bib:4")]
