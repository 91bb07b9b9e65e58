"""Other presets on a small synthetic project (a short text lays out in a second or two):
A5 with bleed, padding to four and the PDF/A and PDF/UA variants; the letter course reader."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from lectio.verify import preflight
from lectio.build import build, verify_outputs
from lectio.render.pagesetup import BLEED, TRIMS, gutter, spine_width
from tests.render.runs import text_runs

PARAGRAPH = ("The committee met in the spring and argued about the harvest, the price of grain and the "
             "quotas that the villages were asked to deliver before the winter came.")


def make_project(root: Path, output: str) -> Path:
    (root / "texts").mkdir(parents=True)
    body = "\n\n".join(f"{PARAGRAPH} ({n})" if n == 2 else PARAGRAPH for n in range(1, 9))
    (root / "texts" / "a.md").write_text(f"# A short text\n\n{body}\n", encoding="utf-8")
    (root / "edition.toml").write_text(f'''[edition]
name = "small"
title = "A Small Edition"
editors = ["A. Editor"]
identifier = "urn:uuid:00000000-0000-4000-8000-000000000000"
date = "2026"
isbn = "978-0-306-40615-7"

[[readings]]
siglum = "A"
title = "A short text"
source = "texts/a.md"

[output]
{output}
''', encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def a5_bleed(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("a5"), 'trim = "a5"\nbleed = true\npad_to = 4\n'
                        'extra_variants = ["pdf/a-3b", "pdf/ua-1"]')
    build(root, targets=("pdf",), check_outputs=False)
    return root


@pytest.fixture(scope="module")
def course_reader(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("course"), 'trim = "letter"\nlayout = "course-reader"')
    build(root, targets=("pdf",), check_outputs=False)
    return root


def test_bleed_boxes(a5_bleed):
    width, height = (v * 72 for v in TRIMS["a5"])
    bleed = BLEED * 72
    with pikepdf.open(a5_bleed / "build" / "small.pdf") as document:
        for page in document.pages:
            media = [float(v) for v in page.mediabox]
            trim = [float(v) for v in page.trimbox]
            bleed_box = [float(v) for v in page.obj["/BleedBox"]]
            assert media[2] - media[0] == pytest.approx(width + 2 * bleed, abs=0.5)
            assert media[3] - media[1] == pytest.approx(height + 2 * bleed, abs=0.5)
            assert trim == pytest.approx([media[0] + bleed, media[1] + bleed, media[2] - bleed, media[3] - bleed],
                                         abs=0.5)
            assert bleed_box == pytest.approx(media, abs=0.5)


def test_padded_to_a_multiple_of_four(a5_bleed):
    with pikepdf.open(a5_bleed / "build" / "small.pdf") as document:
        assert len(document.pages) % 4 == 0


def test_variants_declared(a5_bleed):
    with pikepdf.open(a5_bleed / "build" / "small.pdfa-3b.pdf") as document:
        meta = document.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert "/OutputIntents" in document.Root
    with pikepdf.open(a5_bleed / "build" / "small.pdfua-1.pdf") as document:
        assert document.open_metadata().get("pdfuaid:part") == "1"
        assert "/StructTreeRoot" in document.Root and document.Root.MarkInfo.Marked


def test_preflight_passes_and_reports_each_file(a5_bleed):
    findings, report = verify_outputs(a5_bleed, targets=("pdf",))
    assert not [str(f) for f in findings if f.severity == "error"]
    assert [figures["file"].rsplit("/", 1)[-1] for figures in report["pdf"]] == [
        "small.pdf", "small.pdfa-3b.pdf", "small.pdfua-1.pdf"]


def test_preflight_fails_when_the_file_does_not_match(a5_bleed):
    expected = preflight.Expected(trim=TRIMS["6x9in"], bleed=False, pad_to=4, variant="pdf/x-4")
    findings, _ = preflight.check(a5_bleed / "build" / "small.pdf", expected)
    codes = {f.code for f in findings if f.severity == "error"}
    assert {"pdf.boxes", "pdf.variant"} <= codes


def test_imprint_gives_the_isbn(a5_bleed):
    text = "\n".join(page.extract_text() for page in PdfReader(a5_bleed / "build" / "small.pdf").pages[:5])
    assert "ISBN 978-0-306-40615-7" in text


def test_course_reader_has_a_wide_outer_margin(course_reader):
    reader = PdfReader(course_reader / "build" / "small.pdf")
    assert [round(float(v)) for v in reader.pages[0].mediabox] == [0, 0, 612, 792]
    chapter = next(i for i, page in enumerate(reader.pages) if "The committee met" in page.extract_text())
    assert chapter % 2 == 0  # a recto: its outer margin is on the right
    runs = [(text.strip(), x) for text, x in text_runs(reader.pages[chapter])]
    numbers = [x for text, x in runs if re.fullmatch(r"A \d+", text)]
    body = [x for text, x in runs if text.startswith("The committee")]
    assert numbers and all(x > 612 - 2.5 * 72 for x in numbers)
    assert body and all(x < 1.2 * 72 for x in body)


def test_gutter_grows_with_page_count():
    assert [gutter(n) for n in (24, 150, 151, 300, 301, 500, 501, 700)] == [
        0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75]
    assert spine_width(200, "white") == pytest.approx(0.4504)
    assert spine_width(200, "cream") == pytest.approx(0.5)


def test_pdf_x_needs_an_output_profile(tmp_path):
    from lectio import config
    from lectio.errors import ConfigError

    root = make_project(tmp_path, 'pdf_variant = "pdf/x-4"')
    with pytest.raises(ConfigError, match="icc_profile"):
        config.load(root)


def test_wider_gutter_means_a_second_layout(tmp_path, monkeypatch):
    """A book past a gutter step is laid out again with the wider inner margin."""
    from lectio import pipeline
    from lectio.render import html, pagesetup, pdf

    monkeypatch.setattr(pagesetup, "GUTTERS", ((2, 0.375), (828, 0.75)))
    root = make_project(tmp_path, 'trim = "a5"')
    book = pipeline.check(root).book
    document = pdf.layout(html.write_html(book, pdf.print_css(book.config)), book.config)
    assert len(document.pages) > 2
    assert document.lectio_setup.inner == pytest.approx(0.2 + 0.75)
    first = document.pages[0]._page_box  # a recto: its left margin is the inner one
    assert first.margin_left == pytest.approx((0.2 + 0.75) * 96)
