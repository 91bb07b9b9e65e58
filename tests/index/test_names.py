"""The index of names: the editor's list (schema, file:line findings), matching in text and notes
(whole words, case-aware, longest form first) and sorting (case, accents and articles ignored)."""

from pathlib import Path

import pytest

from lectio.errors import ERROR, WARNING
from lectio.index import names
from lectio.index.pages import page_list
from lectio.config.index_schema import NameEntry


def entry(name: str, *forms: str, sort: str = "") -> NameEntry:
    return NameEntry(name=name, forms=tuple(forms), sort=sort)


@pytest.mark.parametrize("text, found", [
    ("Roe wrote to Jane Roe.", ["Roe", "Jane Roe"]),            # longest form wins where two overlap
    ("Roebuck and Monroe are not Roe.", ["Roe"]),                 # whole words only
    ("Roe’s book, (Roe), Roe-like.", ["Roe", "Roe", "Roe"]),   # punctuation ends a word
    ("roe deer and ROE in a heading", ["ROE"]),                  # case counts; capitals match
])
def test_matching(text, found):
    listed = [entry("Roe, Jane", "Jane Roe", "Roe")]
    assert [text[s:e] for s, e, _ in names.matches(text, listed)] == found


def test_sort_ignores_articles_case_and_accents():
    headings = ["the Hague", "Zola, Émile", "Ångström, Anders", "A Coruña", "Bakunin", "An Lushan"]
    ordered = sorted(headings, key=names.sort_key)
    assert ordered == ["Ångström, Anders", "Bakunin", "A Coruña", "the Hague", "An Lushan", "Zola, Émile"]
    assert names.sort_key("The Hague", "Den Haag") == "den haag"  # the editor's key wins


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_entries_are_reported_with_their_line(tmp_path):
    path = write(tmp_path, '[[name]]\nname = "Roe, Jane"\nforms = ["Roe"]\n\n[[name]]\nforms = ["Doe"]\n\n'
                           '[[name]]\nname = "Doe, John"\nforms = ["Doe", ""]\n\n[[name]]\nname = "Poe"\ncolour = "red"\n')
    listed, findings = names.load_names(path)
    assert listed == ()
    assert [(f.location.line, f.severity) for f in findings] == [(5, ERROR), (8, ERROR), (14, ERROR)]
    assert all(f.location.file.endswith("names.toml") and f.fix for f in findings)
    assert "colour" in findings[-1].message


def test_a_form_given_twice_is_an_error_at_the_second(tmp_path):
    path = write(tmp_path, '[[name]]\nname = "Roe, Jane"\nforms = ["Roe"]\n\n[[name]]\nname = "Roe, Joe"\n'
                           'forms = ["Roe"]\n')
    _, findings = names.load_names(path)
    [found] = findings
    assert (found.code, found.location.line, found.severity) == ("index.duplicate-form", 5, ERROR)
    assert "line 1" in found.message


def test_a_file_that_is_not_toml_is_reported(tmp_path):
    _, findings = names.load_names(write(tmp_path, "[[name]\nname = 1\n"))
    assert findings and findings[0].location.file.endswith("names.toml") and findings[0].severity == ERROR


@pytest.mark.parametrize("pages, printed", [
    ([3, 3, 4, 5, 9], "3–5, 9"),      # once a page, consecutive pages a range
    ([9, 1], "1, 9"),
    ([2], "2"),
    ([], ""),
])
def test_page_list(pages, printed):
    labels = tuple(str(n) for n in range(1, 20))
    assert page_list(pages, labels) == printed


def test_page_list_prints_folios_not_page_indexes():
    assert page_list([1, 2, 4], ("i", "ii", "1", "2")) == "i–ii, 2"


def test_unused_names_are_warned(project):
    from lectio import pipeline

    listed = project / "manuscript" / "names.toml"
    listed.write_text(listed.read_text(encoding="utf-8") + '\n[[name]]\nname = "Nobody, Quite"\n', encoding="utf-8")
    checked = pipeline.check(project)
    [unused] = [f for f in checked.findings if f.code == "index.name-unused"]
    assert unused.severity == WARNING and unused.location.line == listed.read_text().count("\n") - 1


def test_check_refuses_a_bad_names_list_with_file_and_line(project):
    from tests.conftest import run_cli

    listed = project / "manuscript" / "names.toml"
    before = listed.read_text(encoding="utf-8")
    listed.write_text(before + '\n[[name]]\nname = "Roe, Jane"\nfroms = ["Roe"]\n', encoding="utf-8")
    result = run_cli("check", "--project", str(project))
    assert result.exit_code == 1
    line = before.count("\n") + 4
    assert f"manuscript/names.toml:{line}" in result.output and "froms" in result.output
    assert listed.read_text(encoding="utf-8").startswith(before)  # the editor's file is left as it is


def test_an_index_key_that_does_not_exist_is_refused(project):
    from tests.conftest import run_cli

    edition = project / "edition.toml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("passages = true", "pasages = true"),
                       encoding="utf-8")
    result = run_cli("check", "--project", str(project))
    assert result.exit_code == 1 and "pasages" in result.output and "edition.toml:" in result.output


def laid_out(*anchors_per_page, main_from: int = 0):
    """A stand-in for WeasyPrint's Document: pages with their anchors, the main matter from ``main_from``."""
    from types import SimpleNamespace

    def page(index, anchors):
        kind = SimpleNamespace(name="main" if index >= main_from else "prelims", blank=False)
        return SimpleNamespace(anchors=dict.fromkeys(anchors, (0, 0)), _page_box=SimpleNamespace(page_type=kind))

    return SimpleNamespace(pages=[page(i, a) for i, a in enumerate(anchors_per_page)])


def test_fill_writes_the_folios_of_the_anchors_and_is_stable():
    from lectio.index.pages import fill

    html_text = ('<p><span class="ix-pages" data-anchors="ix-1 ix-2 ix-3 S-n4"></span></p>'
                 '<p><span class="ix-pages" data-anchors="ix-9"></span></p>')
    document = laid_out(["x"], ["ix-1"], ["ix-2", "ix-1"], ["ix-3"], [], ["S-n4"], main_from=1)
    filled = fill(html_text, document)
    assert '<span class="ix-pages" data-anchors="ix-1 ix-2 ix-3 S-n4">1–3, 5</span>' in filled
    assert '<span class="ix-pages" data-anchors="ix-9"></span>' in filled  # an id on no page: nothing made up
    assert fill(filled, document) == filled  # the next layout writes the same
