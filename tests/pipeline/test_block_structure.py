"""Block rules on any reader's blocks (``sources.structure``): title and author lines at the head of
a reading, elision lines, paragraph numbers, quotations over several paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lectio import pipeline, sources
from lectio.model import ELISION, FRONT, HEADING, PARA
from lectio.render.html import write_html
from lectio.sources import structure
from tests.conftest import TINY_EDITION, make_tiny_project

EDITION = TINY_EDITION.replace('title = "First text"', 'title = "{title}"\nauthor = "{author}"').replace(
    'source = "a.txt"', 'source = "{source}"')
BODY = ["The first paragraph of the text proper, which makes its claim at some length.",
        "The second paragraph answers it, at no less length than the first one did."]


def read(tmp_path: Path, lines: list[str], title: str = "The Harbour Book", author: str = "Jane Roe",
         name: str = "a.txt"):
    """The reading as the pipeline reads it, and the findings."""
    root = make_tiny_project(tmp_path / "p", edition=EDITION.format(title=title, author=author, source=name))
    (root / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    findings: list = []
    config = pipeline.config_stage.load(root)
    return pipeline.read_readings(config, findings)[0], findings


def shape(reading) -> list[tuple[str, int | None, str]]:
    return [(b.kind, b.number, b.text) for b in reading.text.blocks]


@pytest.mark.parametrize("head", [
    ["THE HARBOUR BOOK", "by Jane Roe"],
    ["The Harbour Book.", "BY JANE ROE."],
    ["the harbour book", "Jane Roe"],
    ["“The Harbour Book”", "By Jane Roe,"],
    ["Jane Roe", "The Harbour Book"],
    ["The Harbour Book, by Jane Roe.", "THE HARBOUR BOOK"],
])
def test_title_and_author_lines_are_dropped_and_not_numbered(tmp_path, head):
    reading, _ = read(tmp_path, head + BODY)
    assert shape(reading) == [(PARA, 1, BODY[0]), (PARA, 2, BODY[1])]
    assert reading.text.changes["title-line"] == 2


def test_an_author_given_with_words_before_the_name(tmp_path):
    reading, _ = read(tmp_path, ["The Harbour Book", "by Jane Roe", *BODY], author="Attributed to Jane Roe")
    assert [b.number for b in reading.text.blocks] == [1, 2]
    reading, _ = read(tmp_path / "2", ["The Harbour Book", "by Roe", *BODY], author="Attributed to Jane Roe")
    assert shape(reading)[0] == (FRONT, None, "by Roe")  # one word is not enough to be sure: kept


def test_a_title_in_two_parts_and_a_markdown_heading(tmp_path):
    reading, _ = read(tmp_path, ["# The Harbour Book", "## Its Keepers, Their Lives", *BODY],
                      title="The Harbour Book: Its Keepers, Their Lives", name="a.md")
    assert shape(reading) == [(PARA, 1, BODY[0]), (PARA, 2, BODY[1])]


def test_another_byline_and_a_subtitle_are_printed_once_unnumbered(tmp_path):
    subtitle = "Being an account of the harbour, of its building and of its keepers over sixty years"
    reading, _ = read(tmp_path, ["THE HARBOUR BOOK", subtitle, "by John Doe", *BODY], author="")
    assert shape(reading) == [(FRONT, None, subtitle), (FRONT, None, "by John Doe"),
                              (PARA, 1, BODY[0]), (PARA, 2, BODY[1])]
    html = write_html(pipeline.assemble.assemble(pipeline.config_stage.load(tmp_path / "p"), None,
                                                 [reading], [], [], []))
    chapter = html[html.index('<section class="chapter reading"'):]
    assert chapter.count("by John Doe") == 1 and '<p class="front">by John Doe</p>' in chapter
    body = chapter[chapter.index("</h1>"):]
    assert "Harbour Book" not in body and body.count('class="pn"') == 2


def test_only_the_head_of_a_reading_is_examined(tmp_path):
    """The title repeated further down is the text's own: kept and numbered (or a heading)."""
    reading, _ = read(tmp_path, [BODY[0], "The harbour book, as its keepers called it, was lost.", BODY[1]])
    assert [b.number for b in reading.text.blocks] == [1, 2, 3]
    reading, _ = read(tmp_path / "2", ["A Preface To Nothing", "THE HARBOUR BOOK", *BODY])
    assert shape(reading)[:2] == [(HEADING, None, "A Preface To Nothing"), (HEADING, None, "The Harbour Book")]


def test_a_title_line_with_a_note_keeps_its_note(tmp_path):
    reading, _ = read(tmp_path, ["THE HARBOUR BOOK(1)", *BODY])
    first = reading.text.blocks[0]
    assert (first.kind, first.number, len(first.notes)) == (FRONT, None, 1)
    assert [b.number for b in reading.text.blocks[1:]] == [1, 2]


@pytest.mark.parametrize("mark", ["[…]", "[...]", "* * *", "***", ". . .", "…", "⁂", "(…)", " [ … ] "[1:-1]])
def test_elision_lines_are_kept_but_not_numbered(tmp_path, mark):
    reading, findings = read(tmp_path, [BODY[0], mark, BODY[1]])
    kinds = [(b.kind, b.number) for b in reading.text.blocks]
    assert kinds == [(PARA, 1), (ELISION, None), (PARA, 2)]
    assert structure.is_elision(reading.text.blocks[1].text)


def test_a_paragraph_that_begins_with_an_elision_is_numbered(tmp_path):
    reading, _ = read(tmp_path, [BODY[0], "[…] and so the keepers went home, as they did every night.", BODY[1]])
    assert [b.number for b in reading.text.blocks] == [1, 2, 3]


def test_elision_is_printed_centred_and_unnumbered(tmp_path):
    root = make_tiny_project(tmp_path / "p", text="OPENING\n\nA first paragraph that makes a claim.(1)\n\n[...]\n\n"
                                                   "A second paragraph, after the gap.\n")
    html = write_html(pipeline.check(root).book)
    assert re.search(r'<p class="elision">\[…\]</p>\s*<p class="para" id="A-2">', html)
    assert 'id="A-3"' not in html
    css = (Path(pipeline.__file__).parent / "data" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"p\.elision \{[^}]*text-align: center", css)


LETTER = ["“The first paragraph of the letter runs on without a closing mark, as the old printers set it.",
          "“The second paragraph opens again with a mark of its own and does not close either.",
          "“The last paragraph closes the letter, and only here.”"]


def unclosed(findings) -> list:
    return [f for f in findings if f.code == "sources.unclosed-quote"]


def test_a_quotation_over_several_paragraphs_is_accepted(tmp_path):
    reading, findings = read(tmp_path, [BODY[0], *LETTER, BODY[1]])
    assert unclosed(findings) == []
    assert shape(reading)[1:4] == [(PARA, n, text) for n, text in zip((2, 3, 4), LETTER)]  # marks kept


def test_a_real_unclosed_quotation_is_still_reported(tmp_path):
    broken = "He wrote that “the harbour would stand for ever, and went on to other things."
    _, findings = read(tmp_path, [*LETTER, broken, BODY[1]])
    assert [(f.location.line, f.location.column) for f in unclosed(findings)] == [(7, 15)]
    assert "emendation" in unclosed(findings)[0].fix


def test_a_run_on_quotation_that_never_closes_is_reported_at_its_last_paragraph(tmp_path):
    _, findings = read(tmp_path, [LETTER[0], LETTER[1], BODY[1]])
    assert [f.location.line for f in unclosed(findings)] == [3]


def test_a_heading_breaks_a_run_on_quotation(tmp_path):
    _, findings = read(tmp_path, [LETTER[0], "A Heading Between", LETTER[2]])
    assert [f.location.line for f in unclosed(findings)] == [1]


def test_the_seed_keeps_its_one_unclosed_quotation():
    root = Path(__file__).resolve().parents[2]
    text, findings = sources.read_text("S", root / "manuscript" / "004_080bc33c96e9dd48.txt")
    assert [f.location.line for f in unclosed(findings)] == [22]
