"""A print stylesheet that hides text: the PDF passes the preflight and EPUBCheck passes,
yet the build fails, naming the first hidden paragraph by its source file and line."""

from __future__ import annotations

import re

import cssselect2
import lxml.html

from lectio import pipeline
from lectio.render import html
from tests.conftest import copy_project, run_cli

HIDE = "p + p + p { display: none !important; }\n"


def first_hidden_paragraph(book):
    """The first paragraph of a reading that the rule hides, found in the print HTML by the rule's selector."""
    root = lxml.html.fromstring(html.write_html(book))
    [selector] = cssselect2.compile_selector_list("p + p + p")
    ids = {f"{r.siglum}-{b.number}": (r, b) for r in book.readings for b in r.text.paragraphs()}
    for wrapper in cssselect2.ElementWrapper.from_html_root(root).iter_subtree():
        if selector.test(wrapper) and wrapper.etree_element.get("id") in ids:
            return ids[wrapper.etree_element.get("id")]
    raise AssertionError("the rule hides no paragraph of a reading")


def test_a_stylesheet_that_hides_paragraphs_fails_the_build(tmp_path):
    root = copy_project(tmp_path)
    (root / "styles").mkdir(exist_ok=True)
    with (root / "styles" / "print.css").open("a", encoding="utf-8") as css:  # loaded after lectio's own
        css.write(HIDE)
    toml = root / "edition.toml"
    text = toml.read_text(encoding="utf-8")
    if "print_css" not in text:
        toml.write_text(text.replace("[output]\n", '[output]\nprint_css = "styles/print.css"\n', 1), encoding="utf-8")
    result = run_cli("build", "--project", str(root))
    assert result.exit_code == 1, result.output
    book = pipeline.check(root).book
    reading, block = first_hidden_paragraph(book)
    where = reading.text.location(block, 0)
    lost = [line for line in result.output.splitlines() if "[verify.fidelity-lost]" in line]
    assert lost[0].startswith(f"{where.file}:{where.line}:{where.column}: error: ")
    assert " ".join(block.text.split()[:5]) in lost[0] and "PDF" in lost[0]
    figures = {m.group(1): m.groups()[1:] for m in re.finditer(
        r"^fidelity (\w+): (\d+)/(\d+) words in PDF, (\d+)/(\d+) in EPUB", result.output, re.M)}
    assert list(figures) == [r.siglum for r in book.readings]
    for pdf, total, epub, epub_total in figures.values():
        assert int(pdf) < int(total) and epub == epub_total == total  # the print stylesheet alone hides them
    assert "EPUBCheck: 0 errors, 0 warnings" in result.output
    assert not [line for line in result.output.splitlines() if "[pdf." in line]
