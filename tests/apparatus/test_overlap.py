"""Two entries on overlapping passages, and one nested in another: marked, linked, paged right."""

from __future__ import annotations

import io
import re
import textwrap
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from lectio import apparatus, assemble
from lectio.render import epub, html, passages

FIRST = "The Party prepared and initiated the collectivization, and Communists from the cities gave it leadership"
SECOND = "Communists from the cities gave it leadership, but this gigantic upheaval"
INNER = "gave it leadership"
S_TEXTS = ("Stalin effectively announced his break", "Stalin refers to Lenin", "Stalin’s cautious comments")


def overlapping(project):
    text = ""
    for entry_id, m, s in zip(("first", "second", "inner"), (FIRST, SECOND, INNER), S_TEXTS):
        text += textwrap.dedent(f'''
            [[entry]]
            id = "{entry_id}"
            theme = "Theme {entry_id}"
            commentary = """Commentary on {entry_id}."""
            [entry.M]
            exact = "{m}"
            [entry.S]
            exact = "{s}"
            ''')
    (project / "manuscript" / "apparatus.toml").write_text(text, encoding="utf-8")
    checked = apparatus.check_project(project, citations_too=False)
    assert checked.findings == []
    return checked


class Spans(HTMLParser):
    """Checks that tags nest and collects the text inside each entry's passage spans."""

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.ids, self.classes = [], {}, set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs.get("data-entry")))
        self.ids.add(attrs.get("id"))
        self.classes.append(attrs.get("class", ""))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        for _, entry in self.stack:
            if entry and not any(t == "a" for t, _ in self.stack):
                self.text[entry] = self.text.get(entry, "") + data


def test_levels_are_fixed_per_passage():
    from lectio.model import Block, Span

    block = Block("para", "x" * 100, list(range(100)), 1, 1)
    a, b, c, d = Span(0, 50, "anchor", "a"), Span(30, 80, "anchor", "b"), Span(35, 40, "anchor", "c"), \
        Span(60, 90, "anchor", "d")
    block.spans = [d, c, b, a]
    levels = passages.levels(block)
    assert [levels[id(s)] for s in (a, b, c, d)] == [1, 2, 3, 1]


def test_overlapping_passages_nest_properly_in_html(project):
    checked = overlapping(project)
    reading = checked.readings[0]
    numbers = passages.entry_numbers(checked.entries)
    body = html.text_body(reading.text, "M", numbers)
    parser = Spans()
    parser.feed(body)
    assert parser.stack == []
    assert parser.text == {"first": FIRST, "second": SECOND, "inner": INNER}
    assert {"M-app-first", "M-app-second", "M-app-inner"} <= parser.ids
    assert any("passage-2" in c for c in parser.classes) and any("passage-3" in c for c in parser.classes)
    paragraph = re.search(r'<p class="para" id="M-10">.*?</p>', body).group()
    assert paragraph.index(">A1<") < paragraph.index(">A3<") < paragraph.index(">A2<")  # markers at the ends


def test_overlapping_passages_in_the_epub_ast(project):
    checked = overlapping(project)
    numbers = passages.entry_numbers(checked.entries)
    ast = epub.blocks_of(checked.readings[0].text, "M", numbers)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Span" and "app-ref" in node["c"][0][1]:
                found.append((node["c"][0][0], node["c"][1][0]["c"][2][0]))
            walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(ast)
    assert sorted(found) == [("M-app-first", "#app-first"), ("M-app-inner", "#app-inner"),
                             ("M-app-second", "#app-second")]


@pytest.mark.slow
def test_overlapping_passages_get_the_right_pages(project):
    """Lay out M and Readings compared: each "M 10, p. N" must be the page of the passage's marker."""
    from lectio.render import pdf

    checked = overlapping(project)
    from lectio import config as config_stage

    config = config_stage.load(project)
    book = assemble.assemble(config, None, checked.readings[:1], checked.entries, [], [])
    document = pdf.layout(html.write_html(book, pdf.print_css(config)), config)
    page_of = {anchor: number for number, page in enumerate(document.pages, start=1) for anchor in page.anchors}
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(document.write_pdf())).pages]
    printed = re.findall(r"M\s*(\d+),\s*p\.\s*(\d+)", "\n".join(texts))
    assert len(printed) == 3
    for number, (entry, (paragraph, page)) in enumerate(zip(checked.entries, printed), start=1):
        assert paragraph == "10"
        where = texts[page_of[f"M-app-{entry.id}"] - 1]
        assert folio(where) == int(page) and re.search(rf"A{number}(?!\d)", where)


def folio(page_text: str) -> int | None:
    """The page number printed in the running head or at the foot (extracted as the last line)."""
    tokens = page_text.strip().split("\n")[-1].split()
    return next((int(t) for t in (tokens[:1] + tokens[-1:]) if t.isdigit()), None)
