"""Layout once: the gutter chosen before the first layout from a page estimate, line numbers stamped on
the last layout instead of a layout of their own, and the tagged PDF's languages found with one count
of the structure tree (docs/performance.md, "Layout once")."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest

from lectio import pipeline
from lectio.render import html, linemarks, lines, margins, pageestimate, pagesetup, pdf, pdfroles, pdfstructtree, \
    pdftags
from lectio.render.pagesetup import gutter_fits, step
from tests.conftest import TINY_EDITION, make_tiny_project
from tests.render.linefixture import notes_toml, source_text


def tiny_book(root, edition: str = TINY_EDITION):
    project = make_tiny_project(root, text=source_text(14), notes=notes_toml(14), edition=edition)
    book = pipeline.check(project).book
    return book, html.write_html(book, pdf.print_css(book.config))


def counting_renders(monkeypatch) -> list[str]:
    """What each WeasyPrint render lays out: the book, the line numbers' marks or the blank padding."""
    made: list[str] = []
    render = pdf.render_html

    def counted(text, config, css=""):
        made.append("blank" if text == pdf.BLANK_RECTO_VERSO else "marks" if 'class="ln"' in text else "book")
        return render(text, config, css)

    monkeypatch.setattr(pdf, "render_html", counted)
    return made


def pdf_text(data: bytes, folder) -> list[str]:
    path = folder / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def test_the_gutter_rule_at_the_thresholds():
    assert [step(n) for n in (1, 150, 151, 300, 301, 500, 501, 700, 701, 828, 2000)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4]
    assert gutter_fits(150, 150) and gutter_fits(151, 151)
    assert not gutter_fits(150, 151)  # narrower than KDP asks for 151 pages: laid out again
    assert not gutter_fits(300, 301) and not gutter_fits(120, 480)
    assert gutter_fits(151, 150) and gutter_fits(301, 299)  # one step wider than needed: kept
    assert not gutter_fits(301, 150) and not gutter_fits(700, 200)  # two steps wider: corrected


def test_the_estimate_chooses_the_seeds_gutter(built):
    book = pipeline.check(built).book
    html_text = html.write_html(book, pdf.print_css(book.config))
    real = len(pikepdf.open(next((built / "build").glob("*.pdf"))).pages)
    setup = pagesetup.PageSetup.from_config(book.config)
    estimate = pageestimate.estimate(html_text, setup)
    assert abs(estimate - real) <= 0.1 * real, (estimate, real)
    assert gutter_fits(pageestimate.planned_pages(html_text, setup), real)


def test_the_first_layout_has_the_estimated_gutter(tmp_path, monkeypatch):
    monkeypatch.setattr(pagesetup, "GUTTERS", ((2, 0.375), (828, 0.75)))
    book, html_text = tiny_book(tmp_path / "tiny")
    made = counting_renders(monkeypatch)
    document = pdf.layout(html_text, book.config)
    assert len(document.pages) > 2 and made.count("book") == 1 and document.lectio_passes == 1
    assert document.pages[0]._page_box.margin_left == pytest.approx((0.25 + 0.75) * 96)


def test_an_estimate_too_low_is_corrected_by_a_second_layout(tmp_path, monkeypatch):
    monkeypatch.setattr(pagesetup, "GUTTERS", ((2, 0.375), (828, 0.75)))
    monkeypatch.setattr(pageestimate, "planned_pages", lambda html_text, setup: 1)
    book, html_text = tiny_book(tmp_path / "tiny")
    made = counting_renders(monkeypatch)
    document = pdf.layout(html_text, book.config)
    assert made.count("book") == 2 and document.lectio_passes == 2 and document.lectio_stable
    assert document.lectio_setup.inner == pytest.approx(0.25 + 0.75)


def test_a_small_edition_is_laid_out_once_and_numbered(tmp_path, monkeypatch):
    """No page ranges, locators, index or apparatus: one layout of the book, one of the line numbers."""
    book, html_text = tiny_book(tmp_path / "tiny")
    made = counting_renders(monkeypatch)
    document = pdf.layout(html_text, book.config)
    assert document.lectio_passes == 1 and made[:2] == ["book", "marks"] and set(made[2:]) <= {"blank"}
    numbered = [line for line in lines.print_lines(document, "page") if line.number % 5 == 0]
    pages = pdf_text(document.write_pdf(), tmp_path)
    assert len(numbered) >= 4
    for line in numbered:  # the number on the PDF row of its line's first words
        start = " ".join(line.text.split()[:8])
        rows = [row.split() for row in pages[line.page - 1].splitlines() if start in " ".join(row.split())]
        assert rows and any(str(line.number) in row for row in rows), (line.page, line.number, start)


def test_stamped_numbers_stand_where_a_layout_of_them_put_them(tmp_path):
    """The numbers written into the HTML and laid out again (as before) give the same PDF text, page by
    page and line by line, as the numbers stamped on the one layout."""
    book, html_text = tiny_book(tmp_path / "tiny")
    stamped = pdf.layout(html_text, book.config)

    def number(line):
        return f'<span class="ln" aria-hidden="true">{line.number}</span>' if line.number % 5 == 0 else ""

    marked = linemarks.insert_at_lines(html_text, stamped, "page", number)
    relaid = pdf.render_html(marked, book.config, pdf.geometry_css(book.config, stamped.lectio_setup))
    margins.to_outer_margin(relaid)
    old = pdf_text(relaid.write_pdf(), tmp_path)
    new = pdf_text(stamped.write_pdf(), tmp_path)
    assert marked.count('class="ln"') >= 4
    assert new[:len(relaid.pages)] == old[:len(relaid.pages)]


def test_the_languages_are_found_with_one_count_of_the_tree(tmp_path, monkeypatch):
    """A reading in another language over several pages: the tree is walked a bounded number of times,
    not once per page, and the reading is still tagged with its language."""
    edition = TINY_EDITION.replace('title = "First text"\n', 'title = "First text"\nlanguage = "de"\n')
    book, html_text = tiny_book(tmp_path / "tiny", edition)
    document = pdf.layout(html_text, book.config)
    data = document.write_pdf(pdf_tags=True)
    with pikepdf.open(io.BytesIO(data)) as opened:
        elements = sum(1 for _ in pdfstructtree.StructTree(opened).elements())
    visits = []
    walk = pdfstructtree.walk

    def counted(element, depth=0):
        visits.append(element)
        return walk(element, depth)

    monkeypatch.setattr(pdfstructtree, "walk", counted)
    finished = pdftags.finish(data, pdfroles.collect(document, "en"), "t")
    monkeypatch.undo()
    with pikepdf.open(io.BytesIO(finished)) as opened:
        tagged = [e for e, _ in pdfstructtree.StructTree(opened).elements() if str(e.get("/Lang", "")) == "de"]
    assert len(document.pages) >= 4 and tagged
    assert len(visits) <= 2 * elements, (len(visits), elements)


def test_a_part_of_a_book_is_laid_out_with_the_books_gutter(tmp_path):
    """``planned``: the page count of the whole book, given by a caller that lays out one part of it."""
    book, html_text = tiny_book(tmp_path / "tiny")
    document = pdf.layout(html_text, book.config, planned=400)
    assert document.lectio_passes == 1 and len(document.pages) < 151
    assert document.pages[0]._page_box.margin_left == pytest.approx((0.25 + 0.625) * 96)
