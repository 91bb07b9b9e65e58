"""Page-break markers placed from a page map, and note back-links, on small documents."""

from __future__ import annotations

import re

from lectio.render.epub_xhtml import add_backlinks, parse, serialize
from lectio.render.pagelist import insert_pagebreaks
from lectio.render.pagemap import PageStart, TextRun, page_starts

CHAPTER = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head>
<body>
<section id="reading-A"><h1><span class="siglum">A</span> A Title</h1>
<div id="A-1" class="para"><p><span class="pn">A 1</span> First paragraph about collectivization here<a href="#fn1"
 class="footnote-ref" id="fnref1" epub:type="noteref">1</a> and more words.</p></div>
<div id="A-2" class="para"><blockquote><p><span class="pn">A 2</span> Second paragraph.</p></blockquote></div>
</section>
<section epub:type="footnotes"><aside epub:type="footnote" id="fn1"><p>Note text.</p></aside></section>
</body></html>"""

TITLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head>
<body><section epub:type="titlepage"><h1>Book</h1></section></body></html>"""


def starts(*pages: list[TextRun]) -> list[PageStart]:
    return [PageStart(number, list(runs)) for number, runs in enumerate(pages, start=1)]


def place(pages: list[PageStart], title: bool = False) -> tuple[list, str, str]:
    documents = {"text/ch001.xhtml": parse(CHAPTER)}
    if title:
        documents = {"text/title.xhtml": parse(TITLE), **documents}
    placed = insert_pagebreaks(documents, pages, "text/title.xhtml" if title else None)
    chapter = serialize(documents["text/ch001.xhtml"]).decode()
    front = serialize(documents["text/title.xhtml"]).decode() if title else ""
    return placed, chapter, front


def marker(page: int) -> str:
    return (f'<span epub:type="pagebreak" role="doc-pagebreak" id="page-{page}" aria-label="{page}"/>')


def test_a_page_that_begins_mid_word_gets_its_marker_before_that_word():
    pages = starts([TextRun("A", ("reading-A",)), TextRun(" A Title", ("reading-A",))],
                   [TextRun("ization here", ("reading-A", "A-1")), TextRun(" and more words.", ("reading-A", "A-1"))])
    placed, chapter, _ = place(pages)
    assert [page for page, *_ in placed] == [1, 2]
    assert f"about {marker(2)}collectivization here" in chapter


def test_a_page_that_begins_with_a_heading_or_paragraph_gets_its_marker_before_the_block():
    pages = starts([TextRun("A", ("reading-A",)), TextRun(" A Title", ("reading-A",))],
                   [TextRun("A 2", ("reading-A", "A-2")), TextRun(" Second paragraph.", ("reading-A", "A-2"))])
    _, chapter, _ = place(pages)
    assert re.search(r'<section id="reading-A">' + re.escape(marker(1)) + "<h1>", chapter)
    assert re.search(re.escape(marker(2)) + r'\s*<div id="A-2"', chapter)


def test_blank_and_unknown_pages_follow_the_content_before_them_and_front_matter_goes_to_the_title_page():
    pages = starts([TextRun("Half title", ())], [],
                   [TextRun("A Title", ("reading-A",))], [],
                   [TextRun("Second paragraph", ("reading-A", "A-2"))], [TextRun("Colophon", ("colophon",))])
    placed, chapter, front = place(pages, title=True)
    assert [page for page, *_ in placed] == [1, 2, 3, 4, 5, 6]
    assert marker(1) + marker(2) in front
    assert marker(4) + marker(5) in chapter  # a blank page in the same document as the next page: just before it
    assert chapter.rstrip().endswith("</section>\n" + marker(6) + "</body></html>")  # not found: after the content before it
    assert chapter.index(marker(3)) < chapter.index(marker(4))


def test_words_not_found_fall_back_to_the_paragraph_and_never_go_back():
    pages = starts([TextRun("Second paragraph", ("reading-A", "A-2"))],
                   [TextRun("First paragraph", ("reading-A", "A-1"))])
    placed, chapter, _ = place(pages)
    assert [page for page, *_ in placed] == [1, 2]
    assert chapter.index(marker(1)) <= chapter.index(marker(2))


def test_an_anchor_without_words_places_the_marker_before_its_paragraph():
    _, chapter, _ = place(starts([TextRun("", ("A-2",))]))  # pagemap's fallback: the page's first anchor
    assert re.search(re.escape(marker(1)) + r'\s*<div id="A-2"', chapter)


def test_note_text_and_calls_do_not_count_as_the_page_text():
    pages = starts([TextRun("here and more", ("reading-A", "A-1"))])
    _, chapter, _ = place(pages)
    assert f"about collectivization {marker(1)}here" in chapter


def test_every_note_gets_a_numbered_link_back_to_its_call():
    root = parse(CHAPTER)
    assert add_backlinks(root) == 1
    text = serialize(root).decode()
    assert re.search(r'<aside epub:type="footnote" id="fn1"><p><a href="#fnref1" role="doc-backlink"[^>]*>1\.</a> '
                     r"Note text\.</p>", text)


def test_page_map_reads_the_first_words_of_each_laid_out_page():
    from lectio.render.pdf import weasyprint

    paragraphs = "".join(f'<p id="p{i}">Paragraph {i} ' + "word " * 60 + "</p>" for i in range(1, 7))
    html = f"<html><head><style>@page {{ size: 300px 300px; margin: 20px }}</style></head><body>{paragraphs}</body></html>"
    document = weasyprint().HTML(string=html).render()
    pages = page_starts(document)
    assert len(pages) == len(document.pages) > 2
    assert pages[0].runs[0].ids == ("p1",) and pages[0].runs[0].text.startswith("Paragraph 1")
    before = None  # the last paragraph begun on an earlier page
    for page, start in zip(document.pages, pages):
        # a page opens either with a paragraph that begins on it or inside the one in progress
        assert start.runs[0].ids[-1] in list(page.anchors)[:1] + [before]
        before = list(page.anchors)[-1] if page.anchors else before
