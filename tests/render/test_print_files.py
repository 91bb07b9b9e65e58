"""PDF/X variants: the configured ICC profile is the output intent, byte for byte; a variant's
bytes do not depend on the variants written before it; a variant that fails its check is an
error and no output is replaced. The profile is built by tests/render/icc.py (no system file)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from lectio.render.outputintent import header_problem
from tests.conftest import TINY_EDITION, make_tiny_project, run_cli
from tests.render.icc import cmyk_profile

PROFILE = cmyk_profile("Test CMYK Coated")


def make_print_project(root: Path, variants: str, css: str = "") -> Path:
    edition = TINY_EDITION + f'icc_profile = "printer.icc"\nextra_variants = {variants}\n'
    make_tiny_project(root, edition=edition)
    (root / "printer.icc").write_bytes(PROFILE)
    (root / "print.css").write_text(css, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> Path:
    root = make_print_project(tmp_path_factory.mktemp("x") / "p", '["pdf/a-3b", "pdf/x-3", "pdf/x-4"]')
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 0, result.output
    return root / "build"


def test_the_profile_is_a_valid_cmyk_output_profile():
    from PIL import Image, ImageCms

    profile = ImageCms.ImageCmsProfile(io.BytesIO(PROFILE))
    assert (profile.profile.device_class, profile.profile.xcolor_space) == ("prtr", "CMYK")
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK")
    black = ImageCms.applyTransform(Image.new("RGB", (1, 1), (0, 0, 0)), transform).getpixel((0, 0))
    assert black[3] > 200 and header_problem(PROFILE) == ""


@pytest.mark.parametrize("name", ["tiny.pdfx-3.pdf", "tiny.pdfx-4.pdf"])
def test_each_pdfx_carries_the_configured_profile_as_its_output_intent(variants, name):
    with pikepdf.open(variants / name) as document:
        intents = list(document.Root.OutputIntents)
        assert len(intents) == 1
        intent = intents[0]
        assert str(intent.S) == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "Test CMYK Coated"
        assert intent.DestOutputProfile.read_bytes() == PROFILE
        assert int(intent.DestOutputProfile.N) == 4


def _colour_operators(path: Path) -> set[tuple[str, tuple[float, ...]]]:
    with pikepdf.open(path) as document:
        return {(str(op), tuple(round(float(v), 3) for v in operands)) for page in document.pages
                for operands, op in pikepdf.parse_content_stream(page) if str(op) in ("rg", "RG", "k", "K")}


def test_black_type_is_black_ink_only_in_the_pdfx_and_rgb_elsewhere(variants):
    assert ("k", (0, 0, 0, 1)) in _colour_operators(variants / "tiny.pdfx-4.pdf")
    assert {op for op, _ in _colour_operators(variants / "tiny.pdfx-4.pdf")} <= {"k", "K"}
    assert ("rg", (0, 0, 0)) in _colour_operators(variants / "tiny.pdf")


def test_a_colour_goes_through_the_printers_profile(tmp_path):
    from PIL import Image, ImageCms

    root = make_print_project(tmp_path / "p", '["pdf/x-4"]', css="p { color: rgb(51, 102, 204); }\n")
    result = run_cli("build", "--project", str(root), "--to", "pdf", "--no-verify")
    assert result.exit_code == 0, result.output
    transform = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(PROFILE)),
                                        "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    cmyk = ImageCms.applyTransform(Image.new("RGB", (1, 1), (51, 102, 204)), transform).getpixel((0, 0))
    assert ("k", tuple(round(v / 255, 3) for v in cmyk)) in _colour_operators(root / "build" / "tiny.pdfx-4.pdf")


def test_the_version_is_declared_where_each_standard_wants_it(variants):
    with pikepdf.open(variants / "tiny.pdfx-3.pdf") as document:
        assert str(document.docinfo.GTS_PDFXVersion) == "PDF/X-3:2003"
        assert str(document.docinfo.Trapped) == "/False"
    with pikepdf.open(variants / "tiny.pdfx-4.pdf") as document:
        assert document.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"


def test_the_plain_pdf_and_the_pdfa_keep_their_own_intents(variants):
    with pikepdf.open(variants / "tiny.pdf") as document:
        assert "/OutputIntents" not in document.Root
    with pikepdf.open(variants / "tiny.pdfa-3b.pdf") as document:
        assert [str(i.S) for i in document.Root.OutputIntents] == ["/GTS_PDFA1"]


def test_x4_alone_is_byte_identical_to_x4_after_a_pdfa(variants, tmp_path):
    root = make_print_project(tmp_path / "p", '["pdf/x-4"]')
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 0, result.output
    assert (root / "build" / "tiny.pdfx-4.pdf").read_bytes() == (variants / "tiny.pdfx-4.pdf").read_bytes()


def test_the_preflight_reports_the_output_intent(variants):
    from lectio.build import report_lines, verify_outputs

    findings, report = verify_outputs(variants.parent, targets=("pdf",))
    lines = report_lines(report)
    assert [f for f in findings if f.severity == "error"] == []
    assert "  variant   pdf/x-4, output-intent; output intent GTS_PDFX 'Test CMYK Coated', a 672-byte profile" in lines


def _outputs(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "build").iterdir() if not p.name.startswith(".")) \
        if (root / "build").exists() else []


@pytest.mark.parametrize("verify", ["--verify", "--no-verify"])
def test_a_pdfx3_with_transparency_fails_and_replaces_nothing(tmp_path, verify):
    root = make_print_project(tmp_path / "p", '["pdf/x-3"]', css="p { opacity: 0.5; }\n")
    result = run_cli("build", "--project", str(root), "--to", "pdf", verify)
    assert result.exit_code == 1
    assert "pdf/x-3 failed its check: transparency, which PDF/X-3 does not allow: a transparency group" \
        in result.output
    assert "[pdf.pdfx]" in result.output and "build/tiny.pdfx-3.pdf" in result.output
    assert "or ask for pdf/x-4, which allows transparency" in result.output
    assert _outputs(root) == []


def test_a_profile_that_is_not_an_output_profile_is_refused(tmp_path):
    from PIL import ImageCms

    root = make_print_project(tmp_path / "p", '["pdf/x-4"]')
    (root / "printer.icc").write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 1
    assert "printer.icc is not a usable ICC output profile: its class is 'mntr', not an output profile" \
        in result.output and "[pdf.icc-invalid]" in result.output
    assert _outputs(root) == []


def test_a_pdfx_without_a_profile_is_a_config_error(tmp_path):
    root = make_tiny_project(tmp_path / "p", edition=TINY_EDITION + 'pdf_variant = "pdf/x-4"\n')
    result = run_cli("build", "--project", str(root), "--to", "pdf")
    assert result.exit_code == 1
    assert "PDF/X needs the printer's CMYK output profile (output.icc_profile) [config.needs-icc]" in result.output
    assert _outputs(root) == []


@pytest.mark.parametrize("data, problem", [
    (PROFILE[:100], "no ICC header"),
    (PROFILE + b"\0\0\0\0", "the header gives 672 bytes, the file has 676"),
    (PROFILE[:16] + b"Lab " + PROFILE[20:], "its colour space 'Lab ' is not CMYK, RGB or grey"),
])
def test_header_problems_are_named(data, problem):
    assert header_problem(data).startswith(problem)


@pytest.mark.parametrize("change, problem", [
    (lambda document: document.Root.__delattr__("OutputIntents"), "pdf/x-4: 0 /GTS_PDFX output intents, not one"),
    (lambda document: document.Root.OutputIntents[0].DestOutputProfile.write(cmyk_profile("Another")),
     "pdf/x-4: the output intent's profile is not output.icc_profile"),
    (lambda document: document.pages[0].obj.__delattr__("TrimBox"), "pdf/x-4: page 1 has no TrimBox"),
    (lambda document: document.pages[1].contents_add(document.make_stream(b"1 0 0 rg")),
     "pdf/x-4: page 2: colours in DeviceRGB, which a CMYK output intent does not allow"),
])
def test_lectio_verify_finds_a_pdfx_that_was_changed(variants, tmp_path, change, problem):
    from lectio.verify import preflight

    with pikepdf.open(variants / "tiny.pdfx-4.pdf") as document:
        change(document)
        document.save(tmp_path / "changed.pdf")
    findings, _ = preflight.check(tmp_path / "changed.pdf", preflight.Expected(variant="pdf/x-4", icc=PROFILE))
    assert [(f.code, f.message) for f in findings if f.severity == "error"] == [("pdf.pdfx", problem)]
