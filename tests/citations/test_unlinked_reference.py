"""Works named without a citation ("See Burke, Reflections") are reported with the key to
write, at file:line:col; a surname alone, or a common noun after it, is not."""

from pathlib import Path

import pytest

from lectio import citations, notes, sources
from lectio.citations.unlinked import unlinked_findings
from tests.citations.bib_1790s import BIB_1790S


@pytest.fixture(scope="module")
def bib(tmp_path_factory):
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(BIB_1790S, encoding="utf-8")
    return citations.load_bibliography([path])


def read(tmp_path: Path, name: str, raw: str, sidecar: str = ""):
    path = tmp_path / name
    path.write_text(raw, encoding="utf-8")
    text, found = sources.read_text("A", path)
    notes_file = None
    if sidecar:
        (tmp_path / "a.notes.toml").write_text(sidecar, encoding="utf-8")
        notes_file = tmp_path / "a.notes.toml"
    notes.resolve_notes(text, notes.load_notes_file(notes_file), found)
    return text


def reported(texts, bib) -> list[tuple[str, str, str]]:
    return [(str(f.location), f.severity, f.fix) for f in unlinked_findings(texts, bib.entries)]


def test_short_references_in_running_text_are_reported_where_they_stand(tmp_path, bib):
    raw = ("OPENING\n\n"
           "The argument follows Price. See Burke, Reflections, for the reply.\n\n"
           "Her answer to Burke’s *Reflections on the Revolution* came first; "
           "Wollstonecraft, in the Vindication, went further.\n")
    text = read(tmp_path, "a.md", raw)
    assert reported([text], bib) == [
        (f"{tmp_path}/a.md:3:33", "warning", "write [@burke1790] (or [see @burke1790]) where the work is named"),
        (f"{tmp_path}/a.md:5:15", "warning", "write [@burke1790] (or [see @burke1790]) where the work is named"),
        (f"{tmp_path}/a.md:5:67", "warning",
         "write [@wollstonecraft1792] (or [see @wollstonecraft1792]) where the work is named")]


def test_accents_and_case_are_ignored(tmp_path, bib):
    text = read(tmp_path, "a.txt", "OPENING\n\nAs KANT put it in the KRITIK, and Rousseau in his Contrat.\n\n"
                                   "Kants Kritik der reinen Vernunft erschien 1781.\n")
    assert [f.message.split("(")[1].split(")")[0] for f in unlinked_findings([text], bib.entries)] == \
        ["kant1781", "rousseau1762", "kant1781"]


def test_a_surname_alone_or_a_common_noun_is_not_reported(tmp_path, bib):
    raw = ("OPENING\n"
           "Burke replied to Price at length. Burke's reflections on France were angry.\n"
           "Reflections of this kind were common; Burke was not alone.\n"
           "The collected Works of Kant and the Letters of Price are not meant.\n")
    assert reported([read(tmp_path, "a.txt", raw)], bib) == []


def test_a_work_cited_where_it_is_named_is_not_reported(tmp_path, bib):
    raw = "OPENING\nSee Burke, *Reflections* [@burke1790], and Price’s Discourse.\n"
    findings = unlinked_findings([read(tmp_path, "a.md", raw)], bib.entries)
    assert [f.message for f in findings] == [
        "'Price’s Discourse.'… names a work of the bibliography (price1789) without citing it"]


def test_notes_are_searched_outside_their_citations(tmp_path, bib):
    sidecar = ('[[note]]\nmarker = 1\ntext = "Against Burke, Reflections; compare [@price1789]."\n\n'
               '[[note]]\nmarker = 2\ntext = "[@wollstonecraft1792]; Wollstonecraft’s Vindication again."\n')
    text = read(tmp_path, "a.txt", "OPENING\nA claim.(1) Another.(2)\n", sidecar)
    found = unlinked_findings([text], bib.entries)
    assert [(f.location.file.endswith("a.notes.toml"), f.location.line, f.fix) for f in found] == [
        (True, 1, "write [@burke1790] (or [see @burke1790]) where the work is named")]
