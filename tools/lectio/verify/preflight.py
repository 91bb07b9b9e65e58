"""The PDF preflight: what a print-on-demand service checks before it accepts a file.

Page boxes (trim, bleed) against the edition's [output], every font embedded and
no synthesized faces, page count and parity, the PDF variant declared, metadata
and bookmarks, and the spine width for white and cream paper. ``check`` returns
findings (errors fail ``lectio verify``) and figures for the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lectio.errors import ERROR, WARNING, Finding, Location
from lectio.fsutil import display_path
from lectio.render.pagesetup import SPINE_PER_PAGE, TRIMS, bleed_edges, spine_width
from lectio.render import signfont
from lectio.verify import printvariant

PT = 72.0  # points per inch
TOLERANCE = 0.5  # points
KDP_MIN_PAGES = 24


@dataclass
class Expected:
    """What the edition asked for; None means "do not check"."""

    trim: tuple[float, float] | None = None  # inches
    bleed: bool | str | None = None  # a bleed mode of pagesetup.BLEED_MODES
    pad_to: int = 2
    variant: str = ""
    book_face: str = "Source Serif Pro"
    icc: bytes | None = None  # the output profile a PDF/X must carry

    @classmethod
    def from_config(cls, config, variant: str | None = None) -> "Expected":
        out = config.output
        from lectio.render.pdf import icc_bytes

        return cls(TRIMS[out.trim], out.bleed, out.pad_to,
                   out.pdf_variant if variant is None else variant, out.font, icc_bytes(config))


def check(pdf: Path, expected: Expected | None = None) -> tuple[list[Finding], dict]:
    """The preflight of one PDF: findings (errors fail ``lectio verify``) and the figures of the report."""
    import pikepdf

    expected = expected or Expected()
    where = Location(display_path(pdf))
    with pikepdf.open(pdf) as document:
        figures = {"file": display_path(pdf), "pages": len(document.pages),
                   "boxes": _boxes(document.pages[0]) if document.pages else {},
                   "verso": _boxes(document.pages[1]) if len(document.pages) > 1 else {},
                   "fonts": {}, "synthesized": [], "variant": _variant(document),
                   "metadata": _metadata(document)}
        figures["intent"] = _intent(document)
        if expected.variant.startswith("pdf/x"):
            figures["pdfx"] = printvariant.problems(document, expected.variant, expected.icc)
        findings = _check_pages(document, expected, where)
        _collect_fonts(document, figures)
    figures["spine"] = {paper: spine_width(figures["pages"], paper) for paper in SPINE_PER_PAGE}
    findings += _check_fonts(figures, expected, where)
    findings += _check_count(figures["pages"], expected, where)
    findings += _check_variant(figures, expected, where)
    findings += _check_metadata(figures["metadata"], where)
    return findings, figures


def _box(page, name: str) -> list[float]:
    box = page.obj.get(name, page.mediabox)
    return [float(v) for v in box]


def _boxes(page) -> dict:
    return {name: _box(page, f"/{name}") for name in ("MediaBox", "TrimBox", "BleedBox")}


def _size(box: list[float]) -> tuple[float, float]:
    return box[2] - box[0], box[3] - box[1]


def _check_pages(document, expected: Expected, where: Location) -> list[Finding]:
    findings: list[Finding] = []
    for number, page in enumerate(document.pages, start=1):
        problem = _page_problem(page, expected, recto=number % 2 == 1)
        if problem:
            findings.append(Finding("pdf.boxes", f"page {number}: {problem}", where, ERROR,
                                    fix="rebuild with lectio build; check output.trim and output.bleed"))
            break  # one page says it for all
    return findings


def _page_problem(page, expected: Expected, recto: bool = True) -> str:
    media, trim, bleed = (_box(page, n) for n in ("/MediaBox", "/TrimBox", "/BleedBox"))
    if not (_inside(trim, bleed) and _inside(bleed, media)):
        return "the boxes are not nested (TrimBox ⊆ BleedBox ⊆ MediaBox)"
    if expected.trim and not _close(_size(trim), tuple(v * PT for v in expected.trim)):
        w, h = _size(trim)
        return (f"TrimBox is {w / PT:.3f} × {h / PT:.3f} in, the edition's trim is "
                f"{expected.trim[0]:.3f} × {expected.trim[1]:.3f} in")
    if expected.bleed is not None:
        return _bleed_problem(page, expected.bleed, recto)
    return ""


def _bleed_problem(page, mode: bool | str, recto: bool) -> str:
    """MediaBox beyond the TrimBox by the mode's bleed on each side (for "kdp", none at the spine)."""
    media, trim, bleed = (_box(page, n) for n in ("/MediaBox", "/TrimBox", "/BleedBox"))
    found = {"left": trim[0] - media[0], "bottom": trim[1] - media[1],
             "right": media[2] - trim[2], "top": media[3] - trim[3]}
    want = {side: inches * PT for side, inches in bleed_edges(mode, recto).items()}
    wrong = [side for side in want if abs(found[side] - want[side]) > TOLERANCE]
    if wrong:
        shown = ", ".join(f"{side} {found[side] / PT:.3f} in (want {want[side] / PT:.3f})" for side in wrong)
        return f"{'recto' if recto else 'verso'}: the bleed beyond the trim is wrong: {shown}"
    if mode and "/TrimBox" not in page.obj:
        return "no TrimBox although the page has bleed"
    if mode and not _close(_size(bleed), _size(media)):
        return "the BleedBox does not take in the whole bleed (MediaBox)"
    return ""


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def _close(size: tuple[float, float], want: tuple[float, float]) -> bool:
    return abs(size[0] - want[0]) <= TOLERANCE and abs(size[1] - want[1]) <= TOLERANCE


def _collect_fonts(document, figures: dict) -> None:
    seen = set()
    for page in document.pages:
        for _, font in (page.obj.get("/Resources", {}).get("/Font", {}) or {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            name = name.split("+", 1)[-1]
            embedded = _embedded(font)
            figures["fonts"][name] = figures["fonts"].get(name, True) and embedded
            if _synthesized(name):
                figures["synthesized"].append(name)


def _embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _synthesized(name: str) -> bool:
    """Pango names a face it slants or emboldens itself 'Oblique' or 'Synthetic'."""
    return "Oblique" in name or "Synthetic" in name


SIGN_FACE = signfont.FAMILY.replace(" ", "-")  # lectio's own face of the supplied-text brackets ⟨ ⟩


def _check_fonts(figures: dict, expected: Expected, where: Location) -> list[Finding]:
    findings = []
    for name, embedded in sorted(figures["fonts"].items()):
        if not embedded:
            findings.append(Finding("pdf.font-not-embedded", f"font {name} is not embedded", where, ERROR,
                                    fix="use a font lectio can embed (output.font)"))
        elif not name.startswith((expected.book_face.replace(" ", "-"), SIGN_FACE)):
            findings.append(Finding("pdf.other-font", f"font {name} is used besides the book face "
                                    f"{expected.book_face}", where, WARNING,
                                    fix="a stylesheet rule asks for another family (e.g. sans-serif)"))
    for name in figures["synthesized"]:
        findings.append(Finding("pdf.synthesized-face", f"font {name} is a face WeasyPrint synthesized "
                                "(slanted or emboldened), not a real one", where, WARNING,
                                fix="some characters are missing from the italic or bold font; "
                                    "find them and avoid the style there"))
    return findings


def _check_count(pages: int, expected: Expected, where: Location) -> list[Finding]:
    findings = []
    if expected.pad_to > 1 and pages % expected.pad_to:
        findings.append(Finding("pdf.page-count", f"{pages} pages is not a multiple of {expected.pad_to}",
                                where, ERROR, fix="rebuild with lectio build, which pads the book"))
    if pages < KDP_MIN_PAGES:
        findings.append(Finding("pdf.too-short", f"{pages} pages: print-on-demand paperbacks need at least "
                                f"{KDP_MIN_PAGES}", where, WARNING))
    return findings


def _variant(document) -> list[str]:
    """The standards the file declares (XMP and the document information)."""
    declared = []
    meta = document.open_metadata()
    part, conformance = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
    if part:
        declared.append(f"pdf/a-{part}{(conformance or '').lower()}")
    if meta.get("pdfuaid:part"):
        declared.append(f"pdf/ua-{meta.get('pdfuaid:part')}")
    pdfx = printvariant.declared_version(document)
    if pdfx:
        declared.append(pdfx.lower().split(":")[0])
    if "/OutputIntents" in document.Root:
        declared.append("output-intent")
    return declared


def _intent(document) -> str:
    """The output intent: its condition and the size of its profile ("" when there is none)."""
    for intent in document.Root.get("/OutputIntents", []):
        profile = intent.get("/DestOutputProfile")
        size = f", a {len(profile.read_bytes()):,}-byte profile" if profile is not None else ""
        return f"{str(intent.get('/S', '')).lstrip('/')} {str(intent.get('/OutputConditionIdentifier', ''))!r}{size}"
    return ""


def _check_variant(figures: dict, expected: Expected, where: Location) -> list[Finding]:
    variant = expected.variant
    if not variant or variant in figures["variant"]:
        found = figures.get("pdfx", [])
        return [Finding("pdf.pdfx", f"{variant}: {problem}", where, ERROR, fix=printvariant.fix_for(found))
                for problem in found]
    return [Finding("pdf.variant", f"{variant} was asked for but the file declares "
                    f"{', '.join(figures['variant']) or 'nothing'}", where, ERROR, fix="rebuild with lectio build")]


def _metadata(document) -> dict:
    info = document.docinfo
    outline_count = 0
    if "/Outlines" in document.Root:
        with document.open_outline() as outline:
            outline_count = _count(outline.root)
    return {"title": str(info.get("/Title", "") or ""), "author": str(info.get("/Author", "") or ""),
            "lang": str(document.Root.get("/Lang", "") or ""), "bookmarks": outline_count}


def _count(items) -> int:
    return sum(1 + _count(item.children) for item in items)


def _check_metadata(metadata: dict, where: Location) -> list[Finding]:
    missing = [key for key in ("title", "lang") if not metadata[key]]
    if not missing:
        return []
    return [Finding("pdf.metadata", f"the PDF has no {' or '.join(missing)}", where, WARNING)]


def report_lines(figures: dict) -> list[str]:
    """The preflight report, one fact a line, with inches and millimetres."""
    boxes, meta = figures["boxes"], figures["metadata"]
    fonts = figures["fonts"]
    embedded = sum(1 for v in fonts.values() if v)
    pages = figures["pages"]
    lines = [f"PDF preflight: {figures['file']}"]
    for name in ("TrimBox", "BleedBox", "MediaBox"):
        if name in boxes:
            lines.append(f"  {name:9} {_measure(_size(boxes[name]))}")
    lines.append(_bleed_line(figures))
    lines += [
        f"  pages     {pages} ({'even' if pages % 2 == 0 else 'ODD'}"
        f"{', a multiple of 4' if pages % 4 == 0 else ''})",
        f"  fonts     {embedded}/{len(fonts)} embedded: {', '.join(sorted(fonts))}"
        + (f"; synthesized: {', '.join(figures['synthesized'])}" if figures["synthesized"] else ""),
        f"  variant   {', '.join(figures['variant']) or 'plain PDF (no standard declared)'}"
        + (f"; output intent {figures['intent']}" if figures.get("intent") else ""),
        f"  metadata  title {meta['title']!r}, author {meta['author']!r}, language {meta['lang'] or '?'}; "
        f"{meta['bookmarks']} bookmarks",
        "  spine     " + ", ".join(f"{inches:.3f} in ({inches * 25.4:.1f} mm) on {paper} paper"
                                   for paper, inches in figures["spine"].items()),
    ]
    return lines


def _bleed_line(figures: dict) -> str:
    """The bleed of page 1 (a recto) and page 2 (a verso) at the spine and outside."""
    sides = []
    for name, boxes, spine in (("recto", figures["boxes"], 0), ("verso", figures["verso"], 2)):
        if boxes:
            media, trim = boxes["MediaBox"], boxes["TrimBox"]
            edges = [trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3]]
            outside = edges[2 - spine]
            sides.append(f"{name} {edges[spine] / PT:.3f} in at the spine, {outside / PT:.3f} outside, "
                         f"{edges[3] / PT:.3f} top, {edges[1] / PT:.3f} bottom")
    return "  bleed     " + "; ".join(sides)


def _measure(size: tuple[float, float]) -> str:
    w, h = size[0] / PT, size[1] / PT
    return f"{w:.3f} × {h:.3f} in ({w * 25.4:.1f} × {h * 25.4:.1f} mm)"
