"""The back matter laid out again alone when a layout changed nothing before it (``render.backmatter``):
the same pages as laying the whole book out again, and a whole layout again when the body prints a
page of the back matter that moved."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lectio import pipeline
from lectio.render import backmatter, html, pdf
from lectio.render.partview import FakePage, PageFacts
from tests.conftest import EXAMPLES

HEAD = '<!DOCTYPE html><html><head><style>a.passage-ref::after { content: target-counter(attr(href url), page); }' \
       '</style></head><body class="book">'
FRONT = '<section class="chapter prelims" id="intro"><p><a href="#compared">see</a></p></section>'
READING = '<section class="chapter reading" id="reading-A" data-matter="main" data-siglum="A"><p id="A-1">Text.</p></section>'
BACK = '<section class="chapter" id="compared"><p><a class="passage-ref" href="#A-1" data-from="#A-1">A</a>{}</p></section>'
TAIL = '</body></html>'


def book(back: str = "", front: str = FRONT) -> str:
    return "\n".join((HEAD, front, READING, BACK.format(back), TAIL))


def test_only_a_change_after_the_last_reading_is_the_back_matters():
    assert backmatter.tail_only(book(), book("12–13"))
    assert not backmatter.tail_only(book(), book(front=FRONT.replace("see", "see also")))
    assert not backmatter.tail_only(book(), book().replace("</head>", "<style>p{}</style></head>"))
    assert not backmatter.tail_only(book(), book("x") + "<!-- after -->")
    no_back = "\n".join((HEAD, FRONT, READING, TAIL))
    assert not backmatter.tail_only(no_back, no_back.replace("Text.", "Text!"))


class Doc:
    def __init__(self, pages):
        self.pages, self.lectio_refused = pages, ["refused"]

    def copy(self, pages):
        return Doc(pages)


def page(*anchors: str, name: str = "", links=()) -> FakePage:
    made = FakePage(PageFacts(anchors, name))
    made.links = list(links)
    return made


def whole() -> Doc:
    return Doc([page("intro"), page(), page("reading-A", "A-1", name="main"), page(), page("compared")])


def test_the_back_matter_alone_follows_the_bodys_pages_with_its_references_written_out():
    body = backmatter.body_of(whole(), book())
    assert body.count == 4
    given = []

    def render(text):
        given.append(text)
        return Doc([page("compared", links=[("external", "lectio-xref:#A-1", (0, 0, 1, 1), None),
                                            ("external", "https://example.org", (0, 0, 1, 1), None)])])

    document = backmatter.relaid(body, book("1"), render)
    assert [p.anchors for p in document.pages][:4] == [p.anchors for p in whole().pages][:4]
    assert [kind for kind, *_ in document.pages[4].links] == ["internal", "external"]
    assert document.pages[4].links[0][1] == "A-1"
    assert 'id="reading-A"' not in given[0] and 'id="compared"' in given[0]
    assert 'data-lectio-href="1"' in given[0]  # A-1 is on the main matter's first page
    assert "counter-reset: page 3" in given[0]  # the fifth page is the main matter's third
    assert document.lectio_refused == ["refused", "refused"]


def test_a_moved_page_the_body_prints_lays_the_whole_book_out_again():
    body = backmatter.body_of(whole(), book())
    assert backmatter.relaid(body, book("1"), lambda text: Doc([page(), page("compared")])) is None


def test_a_back_matter_without_an_id_is_not_laid_out_alone():
    text = book().replace('<section class="chapter" id="compared">', '<section class="chapter">')
    assert backmatter.body_of(whole(), text) is None


@pytest.fixture(scope="module")
def federalist(tmp_path_factory):
    root = tmp_path_factory.mktemp("backmatter") / "federalist"
    shutil.copytree(EXAMPLES / "federalist", root, ignore=shutil.ignore_patterns("build"))
    built = pipeline.check(root).book
    return built, html.write_html(built, pdf.print_css(built.config))


def text_per_page(document, folder, name: str) -> list[str]:
    path = folder / f"{name}.pdf"
    path.write_bytes(document.write_pdf())
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")


def test_the_back_matter_alone_gives_the_pages_of_the_whole_book_laid_out_again(federalist, tmp_path, monkeypatch):
    built, text = federalist
    made = []
    render = pdf.render_html
    monkeypatch.setattr(pdf, "render_html", lambda t, config, css="": made.append(t) or render(t, config, css))
    alone = pdf.layout(text, built.config)
    books = [t for t in made if "data-siglum=" in t and 'class="ln"' not in t]
    tails = [t for t in made if "data-siglum=" not in t and t != pdf.BLANK_RECTO_VERSO]
    assert len(books) == 1 and tails and alone.lectio_stable

    monkeypatch.setattr(backmatter, "tail_only", lambda old, new: False)
    again = pdf.layout(text, built.config)
    assert again.lectio_passes >= 2  # the index's pages: a second layout of the whole book
    assert text_per_page(alone, tmp_path, "alone") == text_per_page(again, tmp_path, "again")
    assert [sorted(p.anchors) for p in alone.pages] == [sorted(p.anchors) for p in again.pages]
    assert [[(k, t, tuple(round(x, 2) for x in r)) for k, t, r, _ in p.links] for p in alone.pages] == \
        [[(k, t, tuple(round(x, 2) for x in r)) for k, t, r, _ in p.links] for p in again.pages]
