"""lectio build --to cover: the full-wrap print cover, its spine from the interior's page count and
the paper, the words of [edition], the image of output.cover_image, and its preflight against the
interior (an interior that grew no longer fits the cover)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from lectio import config as config_stage
from lectio.render import coverpdf, pdf
from lectio.render.pagesetup import spine_width
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

PT = 72.0
EDITION = TINY_EDITION.replace('title = "A Tiny Edition"', 'title = "A Tiny Edition"\nsubtitle = "With a Subtitle"\n'
                               'description = "A back cover paragraph about this tiny edition."') \
    + 'paper = "cream"\ncover_image = "front.png"\n'


def make_cover_project(root: Path) -> Path:
    from PIL import Image

    make_tiny_project(root, edition=EDITION)
    Image.new("RGB", (300, 200), (200, 120, 40)).save(root / "front.png")
    return root


@pytest.fixture(scope="module")
def covered(tmp_path_factory):
    root = make_cover_project(tmp_path_factory.mktemp("cover") / "p")
    result = run_cli("build", "--project", str(root), "--to", "pdf", "--to", "cover")
    assert result.exit_code == 0, result.output
    return root, result.output


def _box(page, name: str) -> list[float]:
    return [float(v) for v in page.obj[name]]


def test_the_cover_is_back_spine_front_with_bleed_all_round(covered):
    root, _ = covered
    with pikepdf.open(root / "build" / "tiny.pdf") as interior:
        pages = len(interior.pages)
    spine = spine_width(pages, "cream")
    with pikepdf.open(root / "build" / "tiny.cover.pdf") as cover:
        assert len(cover.pages) == 1
        media, trim = _box(cover.pages[0], "/MediaBox"), _box(cover.pages[0], "/TrimBox")
    assert media[2] - media[0] == pytest.approx((12 + spine + 0.25) * PT, abs=0.05)
    assert media[3] - media[1] == pytest.approx(9.25 * PT, abs=0.05)
    assert trim == pytest.approx([media[0] + 9, media[1] + 9, media[2] - 9, media[3] - 9], abs=0.05)
    assert spine == pytest.approx(pages * 0.0025)


def test_the_words_come_from_the_edition_and_the_image_is_on_the_front(covered):
    root, _ = covered
    page = PdfReader(root / "build" / "tiny.cover.pdf").pages[0]
    placed = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: placed.append((text.strip(), cm[4] + tm[4])))
    where = {text: x for text, x in placed if text}
    half = float(page.mediabox.width) / 2
    assert where["A Tiny Edition"] > half and where["With a Subtitle"] > half
    assert where["Edited by A. Editor"] > half
    assert any(text.startswith("A back cover paragraph") and x < half for text, x in where.items())
    images = list(page.images)
    assert len(images) == 1 and images[0].image.size == (300, 200)


def test_a_small_image_is_placed_but_warned_about(covered):
    root, output = covered
    assert "front.png: warning: 300 × 200 px printed at 4.50 × 3.00 in is 67 dpi [cover.image-resolution]" in output
    assert "fix: printers want 300 dpi: use an image of at least 1350 × 900 px" in output


def test_a_cover_image_that_is_no_image_is_an_error(tmp_path):
    root = make_cover_project(tmp_path / "p")
    (root / "front.png").write_text("not an image", encoding="utf-8")
    result = run_cli("build", "--project", str(root), "--to", "cover")
    assert result.exit_code == 1
    assert "front.png is not an image lectio can place on the cover [cover.image-invalid]" in result.output
    assert not list((root / "build").glob("*.pdf"))


def test_a_thin_book_has_a_plain_spine_and_a_warning(covered):
    root, output = covered
    assert "tiny.cover.pdf: warning: 12 pages: the spine (0.030 in) is too narrow for type" in output
    assert "[cover.no-spine-text]" in output
    text = PdfReader(root / "build" / "tiny.cover.pdf").pages[0].extract_text()
    assert text.count("A Tiny Edition") == 1


def test_the_preflight_reports_the_cover_against_the_interior(covered):
    _, output = covered
    assert "cover 12.280 × 9.250 in: spine 0.030 in for 12 pages on cream paper, matches the interior" in output


def test_a_thick_book_has_the_title_and_editors_on_the_spine_turned(covered, tmp_path):
    root, _ = covered
    config = config_stage.load(root)
    document = coverpdf.layout(config, 120)
    assert [f.code for f in document.lectio_findings] == ["cover.image-resolution"]  # no spine warning
    (tmp_path / "c.pdf").write_bytes(pdf.pdf_bytes(document, config))
    page = PdfReader(tmp_path / "c.pdf").pages[0]
    turned = []
    page.extract_text(visitor_text=lambda text, cm, tm, *_: turned.append(text.strip()) if abs(cm[1]) > 0.5 else None)
    assert "A Tiny Edition · A. Editor" in " ".join(turned)
    spine = spine_width(120, "cream")
    assert float(page.mediabox.width) == pytest.approx((12 + spine + 0.25) * PT, abs=0.05)


def test_an_interior_that_grew_no_longer_fits_the_cover(covered, tmp_path):
    import shutil

    root = Path(shutil.copytree(covered[0], tmp_path / "p"))
    before = (root / "build" / "tiny.pdf").read_bytes()
    (root / "a.txt").write_text("OPENING\n" + "A paragraph that makes the book longer than it was.\n" * 400
                                + "A last one.(1)\n", encoding="utf-8")
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 1
    assert "build/tiny.cover.pdf: error: the cover is 12.280 × 9.250 in (spine 0.030 in for 12 pages); " \
           "the interior has" in result.output and "[cover.mismatch]" in result.output
    assert "fix: build the cover with the interior: lectio build --to pdf --to cover" in result.output
    assert (root / "build" / "tiny.pdf").read_bytes() == before
    result = run_cli("build", "--project", str(root), "--to", "pdf", "--to", "cover")
    assert result.exit_code == 0, result.output
    assert "on cream paper, matches the interior" in result.output


def test_a_cover_alone_warns_that_there_is_no_interior_to_compare(tmp_path):
    root = make_cover_project(tmp_path / "p")
    result = run_cli("build", "--project", str(root), "--to", "cover")
    assert result.exit_code == 0, result.output
    assert "no interior PDF to check the cover against [cover.no-interior]" in result.output
    assert sorted(p.name for p in (root / "build").glob("*.pdf")) == ["tiny.cover.pdf"]


def test_a_pdfx_cover_has_its_image_in_srgb_and_its_type_in_cmyk(tmp_path):
    from tests.render.icc import cmyk_profile

    root = make_cover_project(tmp_path / "p")
    (root / "printer.icc").write_bytes(cmyk_profile())
    toml = (root / "edition.toml").read_text(encoding="utf-8")
    (root / "edition.toml").write_text(toml + 'pdf_variant = "pdf/x-4"\nicc_profile = "printer.icc"\n', encoding="utf-8")
    result = run_cli("build", "--project", str(root), "--to", "cover")
    assert result.exit_code == 0, result.output
    with pikepdf.open(root / "build" / "tiny.cover.pdf") as cover:
        page = cover.pages[0]
        image = next(x for _, x in page.Resources.XObject.items() if x.Subtype == "/Image")
        assert str(image.ColorSpace[0]) == "/ICCBased" and int(image.ColorSpace[1].N) == 3
        operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
        assert "k" in operators and not {"rg", "RG"} & operators
