"""The check of a PDF/X file: what a printer's preflight looks at first.

- one output intent ``/GTS_PDFX`` whose ``DestOutputProfile`` is the configured ICC
  profile, byte for byte, with an ``OutputConditionIdentifier``;
- the version declared: ``GTS_PDFXVersion`` in the document information (PDF/X-3) or
  ``pdfxid:GTS_PDFXVersion`` in the XMP (PDF/X-4), and ``Trapped`` set;
- on every page a TrimBox, inside the BleedBox, inside the MediaBox;
- with a CMYK intent, no DeviceRGB on a page: no ``rg``/``RG`` operator in its content or
  its forms, no DeviceRGB image (:mod:`lectio.render.pdfxcolour` converts them);
- for PDF/X-3, no transparency: no soft mask, no constant alpha below 1, no blend mode
  other than Normal, no transparency group.

What it does not check (a printer's full PDF/X preflight does): shadings and colour spaces
named in resources, total ink, font licensing flags, image resolution.
``problems`` returns sentences; :mod:`lectio.verify.preflight` turns them into findings,
and ``lectio build`` refuses a variant with any (nothing is written).
"""

from __future__ import annotations

from pathlib import Path

from lectio.errors import Location, VerifyError
from lectio.fsutil import display_path

TOLERANCE = 0.5  # points
NORMAL_BLEND = {"/Normal", "/Compatible"}


def problems(document, variant: str, profile: bytes | None) -> list[str]:
    """Why the open pikepdf ``document`` is not the PDF/X ``variant`` with output profile ``profile``."""
    found = _intent(document, profile) + _version(document, variant) + _page_boxes(document)
    if _intent_channels(document) == 4:
        found += _device_rgb(document)
    if variant == "pdf/x-3":
        found += _transparency(document)
    return found


def refuse_failed(path: Path, variant: str, profile: bytes | None, shown: Path) -> None:
    """Raise when the PDF/X at ``path`` fails :func:`problems` (``shown``: the file's final place)."""
    import pikepdf

    if not variant.startswith("pdf/x"):
        return
    with pikepdf.open(path) as document:
        found = problems(document, variant, profile)
    if found:
        raise VerifyError(f"{variant} failed its check: {'; '.join(found)}; no output was replaced",
                          Location(display_path(shown)), code="pdf.pdfx",
                          fix=fix_for(found))


def fix_for(found: list[str]) -> str:
    if any(problem.startswith("transparency") for problem in found):
        return ("remove opacity and semi-transparent images from the print stylesheet, or ask for pdf/x-4, "
                "which allows transparency")
    return "set output.icc_profile to the printer's output profile (.icc), then build again"


def _intent(document, profile: bytes | None) -> list[str]:
    intents = [i for i in document.Root.get("/OutputIntents", []) if str(i.get("/S", "")) == "/GTS_PDFX"]
    if len(intents) != 1:
        return [f"{len(intents)} /GTS_PDFX output intents, not one"]
    intent = intents[0]
    found = []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        found.append("the output intent has no OutputConditionIdentifier")
    destination = intent.get("/DestOutputProfile")
    if destination is None:
        found.append("the output intent has no DestOutputProfile")
    elif profile is not None and destination.read_bytes() != profile:
        found.append("the output intent's profile is not output.icc_profile")
    return found


def _intent_channels(document) -> int:
    for intent in document.Root.get("/OutputIntents", []):
        if intent.get("/DestOutputProfile") is not None:
            return int(intent.DestOutputProfile.get("/N", 0))
    return 0


def _device_rgb(document) -> list[str]:
    """DeviceRGB on a page (colour operators, images, forms one level down), which a CMYK intent forbids."""
    import pikepdf

    for number, page in enumerate(document.pages, start=1):
        xobjects = page.obj.get("/Resources", {}).get("/XObject", {}) or {}
        streams = [page] + [x for _, x in xobjects.items() if str(x.get("/Subtype", "")) == "/Form"]
        images = [x for _, x in xobjects.items() if str(x.get("/Subtype", "")) == "/Image"]
        if any(str(x.get("/ColorSpace", "")) == "/DeviceRGB" for x in images):
            return [f"page {number}: an image in DeviceRGB, which a CMYK output intent does not allow"]
        for stream in streams:
            if any(str(op) in ("rg", "RG") for _, op in pikepdf.parse_content_stream(stream)):
                return [f"page {number}: colours in DeviceRGB, which a CMYK output intent does not allow"]
    return []


def declared_version(document) -> str:
    """``PDF/X-4``, ``PDF/X-3:2003`` … as the XMP or the document information declares it."""
    meta = document.open_metadata()
    return meta.get("pdfxid:GTS_PDFXVersion") or str(document.docinfo.get("/GTS_PDFXVersion", "") or "")


def _version(document, variant: str) -> list[str]:
    want = variant.replace("pdf/x", "PDF/X")
    found = []
    if not declared_version(document).startswith(want):
        found.append(f"GTS_PDFXVersion is {declared_version(document) or 'missing'}, not {want}")
    if variant == "pdf/x-3" and not str(document.docinfo.get("/GTS_PDFXVersion", "")).startswith(want):
        found.append("PDF/X-3 needs GTS_PDFXVersion in the document information")
    if str(document.docinfo.get("/Trapped", "")) not in ("/True", "/False"):
        found.append("Trapped is not set to True or False")
    return found


def _page_boxes(document) -> list[str]:
    for number, page in enumerate(document.pages, start=1):
        if "/TrimBox" not in page.obj:
            return [f"page {number} has no TrimBox"]
        media, bleed, trim = ([float(v) for v in page.obj.get(name, page.mediabox)]
                              for name in ("/MediaBox", "/BleedBox", "/TrimBox"))
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            return [f"page {number}: the TrimBox is not inside the BleedBox inside the MediaBox"]
    return []


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE and inner[1] >= outer[1] - TOLERANCE
            and inner[2] <= outer[2] + TOLERANCE and inner[3] <= outer[3] + TOLERANCE)


def _transparency(document) -> list[str]:
    """Every object of the file looked at once: graphics states, images and groups."""
    import pikepdf

    for obj in document.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        reason = _transparent(obj)
        if reason:
            return [f"transparency, which PDF/X-3 does not allow: {reason}"]
    return []


def _transparent(obj) -> str:
    group = obj.get("/Group")
    if group is not None and str(group.get("/S", "")) == "/Transparency":
        return "a transparency group"
    mask = obj.get("/SMask")
    if mask is not None and str(mask) != "/None":
        return "a soft mask"
    for alpha in ("/CA", "/ca"):
        if alpha in obj and float(obj[alpha]) < 1:
            return f"an opacity of {float(obj[alpha]):g}"
    blend = obj.get("/BM")
    if blend is not None and str(blend) not in NORMAL_BLEND:
        return f"the blend mode {blend}"
    return ""
