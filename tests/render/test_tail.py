"""The chapters from the first one a layout changed, laid out again alone (``render.tail``): the same
pages as laying the whole book out again, and a whole layout again when the pages kept print a page
of those chapters that moved."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lectio import pipeline
from lectio.render import html, pdf, refine, tail
from lectio.render.partview import FakePage, PageFacts
from tests.conftest import EXAMPLES

HEAD = '<!DOCTYPE html><html><head><style>a.passage-ref::after, .toc a::after { content: target-counter(attr(href url), page); }' \
       '</style></head><body class="book">'
FRONT = '<section class="chapter prelims" id="intro"><nav class="toc"><a href="#compared">see</a></nav></section>'
READING = '<section class="chapter reading" id="reading-A" data-matter="main" data-siglum="A"><p id="A-1">Text.</p></section>'
BACK = '<section class="chapter" id="compared"><p><a class="passage-ref" href="#A-1" data-from="#A-1">A</a>{}</p></section>'
TAIL = '</body></html>'


def book(back: str = "", front: str = FRONT) -> str:
    return "\n".join((HEAD, front, READING, BACK.format(back), TAIL))


def test_the_first_chapter_changed_is_where_the_layout_starts_again():
    assert tail.first_changed(book(), book("12–13")) == 2
    assert tail.first_changed(book(), book().replace("Text.", "Text!")) == 1
    assert tail.first_changed(book(), book(front=FRONT.replace("see", "see also"))) is None
    assert tail.first_changed(book(), book().replace("</head>", "<style>p{}</style></head>")) is None
    assert tail.first_changed(book(), book("x") + "<!-- after -->") is None
    assert tail.first_changed(book(), book()) is None
    first = book("x").replace("</style>", "@page :first { margin: 0 }</style>", 1)
    assert tail.first_changed(first, first.replace("x", "y")) is None


def loosened(text: str, *blocks: str) -> str:
    rule = ", ".join(f"#{b}, #{b} *" for b in blocks) + " { widows: 1; orphans: 1; }"
    return refine.LOOSENED_RULE.sub("", text).replace("</head>", f"<style>{refine.LOOSENED} {rule}</style>\n</head>")


def test_a_block_loosened_for_a_note_changes_its_chapter():
    assert tail.first_changed(book(), loosened(book(), "A-1")) == 1
    assert tail.first_changed(loosened(book(), "A-1"), loosened(book("2"), "A-1")) == 2
    assert tail.first_changed(book(), loosened(book(), "intro")) is None  # a block of the front matter


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
    body = tail.body_of(whole(), book(), book("1"))
    assert (body.count, body.unit) == (4, 2)
    given = []

    def render(text):
        given.append(text)
        return Doc([page("compared", links=[("external", "lectio-xref:#A-1", (0, 0, 1, 1), None),
                                            ("external", "https://example.org", (0, 0, 1, 1), None)])])

    document = tail.relaid(body, book("1"), render)
    assert [p.anchors for p in document.pages][:4] == [p.anchors for p in whole().pages][:4]
    assert [kind for kind, *_ in document.pages[4].links] == ["internal", "external"]
    assert document.pages[4].links[0][1] == "A-1"
    assert 'id="reading-A"' not in given[0] and 'id="compared"' in given[0]
    assert 'data-lectio-href="1"' in given[0]  # A-1 is on the main matter's first page
    assert "counter-reset: page 3" in given[0]  # the fifth page is the main matter's third
    assert document.lectio_refused == ["refused", "refused"]


def test_a_moved_page_the_contents_print_lays_the_front_matter_out_again():
    body = tail.body_of(whole(), book(), book("1"))
    given = []
    renders = iter([Doc([page(), page("compared")]), Doc([page("intro", links=[("external", "lectio-xref:#compared",
                                                                                (0, 0, 1, 1), None)]), page()])])
    document = tail.relaid(body, book("1"), lambda text: given.append(text) or next(renders))
    assert [sorted(p.anchors) for p in document.pages] == [["intro"], [], ["A-1", "reading-A"], [], [], ["compared"]]
    assert 'id="intro"' in given[1] and 'id="reading-A"' not in given[1]
    # the contents row prints the new page: the main matter's fourth (it was the third)
    assert 'data-lectio-href="4"' in given[1] and 'href="lectio-xref:#compared"' in given[1]
    assert document.pages[0].links[0][:2] == ("internal", "compared")


def test_a_front_matter_that_changes_its_page_count_lays_the_whole_book_out_again():
    body = tail.body_of(whole(), book(), book("1"))
    renders = iter([Doc([page(), page("compared")]), Doc([page("intro"), page(), page(), page()])])
    assert tail.relaid(body, book("1"), lambda text: next(renders)) is None


def test_a_reading_that_prints_a_page_that_moved_lays_the_whole_book_out_again():
    text = book().replace("Text.", 'Text <a class="passage-ref" href="#compared" data-from="#compared">x</a>.')
    body = tail.body_of(whole(), text, text.replace("A</a>", "A</a>1"))
    assert tail.relaid(body, text.replace("A</a>", "A</a>1"), lambda t: Doc([page(), page("compared")])) is None


def test_a_back_matter_without_an_id_is_not_laid_out_alone():
    text = book().replace('<section class="chapter" id="compared">', '<section class="chapter">')
    assert tail.body_of(whole(), text, text.replace("A</a>", "A</a>1")) is None


def test_from_the_first_reading_on_the_folios_start_again_at_one():
    body = tail.body_of(whole(), book(), book().replace("Text.", "Text!"))
    assert (body.count, body.unit) == (2, 1)
    given = []
    document = tail.relaid(body, book().replace("Text.", "Text!"),
                           lambda text: given.append(text) or Doc([page("reading-A", "A-1", name="main"), page(),
                                                                   page("compared")]))
    assert len(document.pages) == 5 and "counter-reset: page 1" in given[0] and 'id="intro"' not in given[0]


@pytest.fixture(scope="module")
def federalist(tmp_path_factory):
    root = tmp_path_factory.mktemp("tail") / "federalist"
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

    monkeypatch.setattr(tail, "first_changed", lambda old, new: None)
    again = pdf.layout(text, built.config)
    assert again.lectio_passes >= 2  # the index's pages: a second layout of the whole book
    assert text_per_page(alone, tmp_path, "alone") == text_per_page(again, tmp_path, "again")
    assert [sorted(p.anchors) for p in alone.pages] == [sorted(p.anchors) for p in again.pages]
    assert [[(k, t, tuple(round(x, 2) for x in r)) for k, t, r, _ in p.links] for p in alone.pages] == \
        [[(k, t, tuple(round(x, 2) for x in r)) for k, t, r, _ in p.links] for p in again.pages]


def test_the_front_matter_laid_out_alone_keeps_the_blank_verso_before_the_first_reading():
    pages = whole().pages
    blank = FakePage(PageFacts((), "", True))
    blank.links = []
    with_blank = Doc([pages[0], blank] + pages[2:])
    body = tail.body_of(with_blank, book(), book("1"))
    renders = iter([Doc([page(), page("compared")]), Doc([page("intro")])])
    document = tail.relaid(body, book("1"), lambda text: next(renders))
    assert document.pages[1] is blank and len(document.pages) == 6
    renders = iter([Doc([page(), page("compared")]), Doc([page("intro")])])
    assert tail.relaid(tail.body_of(whole(), book(), book("1")), book("1"), lambda text: next(renders)) is None
