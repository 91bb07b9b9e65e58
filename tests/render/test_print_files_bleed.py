"""bleed = "kdp": 0.125 in beyond the trim at the top, the bottom and the fore-edge, none at the
spine (the left of a recto, the right of a verso); the preflight checks each page's boxes."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from lectio.render.pagesetup import PageSetup, bleed_edges
from lectio.verify import preflight
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli

BLEED = 9.0  # 0.125 in, in points


@pytest.fixture(scope="module")
def kdp(tmp_path_factory) -> Path:
    root = make_tiny_project(tmp_path_factory.mktemp("kdp") / "p", edition=TINY_EDITION + 'bleed = "kdp"\n')
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 0, result.output
    return root / "build" / "tiny.pdf"


def _edges(page) -> dict[str, float]:
    media, trim = ([float(v) for v in page.obj[name]] for name in ("/MediaBox", "/TrimBox"))
    return {"left": trim[0] - media[0], "bottom": trim[1] - media[1],
            "right": media[2] - trim[2], "top": media[3] - trim[3]}


def test_recto_and_verso_bleed_on_the_outside_edges_only(kdp):
    with pikepdf.open(kdp) as document:
        recto, verso = document.pages[0], document.pages[1]
        assert _edges(recto) == pytest.approx({"left": 0, "bottom": BLEED, "right": BLEED, "top": BLEED}, abs=0.01)
        assert _edges(verso) == pytest.approx({"left": BLEED, "bottom": BLEED, "right": 0, "top": BLEED}, abs=0.01)
        for page in document.pages:
            trim = [float(v) for v in page.obj.TrimBox]
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((432, 648), abs=0.01)
            assert [float(v) for v in page.obj.BleedBox] == pytest.approx([float(v) for v in page.obj.MediaBox])
            assert float(page.obj.MediaBox[2]) - float(page.obj.MediaBox[0]) == pytest.approx(441, abs=0.01)


def test_the_preflight_accepts_kdp_and_refuses_it_as_all_sides(kdp):
    findings, _ = preflight.check(kdp, preflight.Expected(bleed="kdp", pad_to=2))
    assert [f.code for f in findings if f.severity == "error"] == []
    findings, _ = preflight.check(kdp, preflight.Expected(bleed=True, pad_to=2))
    boxes = [f for f in findings if f.code == "pdf.boxes"]
    assert boxes and boxes[0].message == ("page 1: recto: the bleed beyond the trim is wrong: "
                                          "left 0.000 in (want 0.125)")


def test_the_preflight_report_gives_the_bleed_of_a_recto_and_a_verso(kdp):
    _, figures = preflight.check(kdp, preflight.Expected(bleed="kdp", pad_to=2))
    assert ("  bleed     recto 0.000 in at the spine, 0.125 outside, 0.125 top, 0.125 bottom; "
            "verso 0.000 in at the spine, 0.125 outside, 0.125 top, 0.125 bottom") in preflight.report_lines(figures)


def test_bleed_edges_per_mode():
    assert bleed_edges(True, recto=True) == dict.fromkeys(("left", "bottom", "right", "top"), 0.125)
    assert bleed_edges("kdp", recto=False) == {"left": 0.125, "bottom": 0.125, "right": 0.0, "top": 0.125}
    assert bleed_edges(False, recto=True) == dict.fromkeys(("left", "bottom", "right", "top"), 0.0)
    css = PageSetup("6x9in", bleed="kdp").css()
    assert "@page :right { margin-left: 0.625in; margin-right: 0.7in; bleed-left: 0.0in;" in css


def test_bleed_accepts_kdp_and_names_it_in_errors(tmp_path):
    root = make_tiny_project(tmp_path / "p", edition=TINY_EDITION + 'bleed = "outside"\n')
    result = run_cli("check", "--project", str(root))
    assert result.exit_code == 1
    assert 'output.bleed must be true, false or "kdp", not a string [config.type]' in result.output
