"""``lectio build``, ``verify`` and ``normalize``: the steps after ``check``.

Outputs are written through a temporary file and a rename; nothing is written
when a stage reports an error.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lectio import config as config_stage, pipeline, sources, verify
from lectio.errors import ERROR, Finding, SourceError, Location
from lectio.fsutil import atomic_write, display_path
from lectio.verify import fidelity


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


def build(project, targets=("pdf", "epub"), check_outputs: bool = True, echo=print) -> BuildResult:
    checked = pipeline.check(project)
    pipeline.fail_on_errors(checked)
    book = checked.book
    result = BuildResult()
    document = layout_pdf(book)  # the EPUB's page-list needs the PDF's pages, even with --to epub
    if "pdf" in targets:
        result.outputs.append(make_pdf(book, document))
    if "epub" in targets:
        result.outputs.append(make_epub(book, document))
    if check_outputs:
        findings, report = verify_outputs(project, targets, book)
        for line in report_lines(report):
            echo(line)
        result.findings += findings
        for finding in findings:
            if finding.severity != "info":
                echo(str(finding))
    return result


def layout_pdf(book):
    """The laid-out print book (WeasyPrint's Document), written or not."""
    from lectio.render import html, pdf

    return pdf.layout(html.write_html(book, pdf.print_css(book.config)), book.config)


def make_pdf(book, document=None) -> Path:
    from lectio.render import pdf

    document = document if document is not None else layout_pdf(book)
    path = book.config.output_file("pdf")
    atomic_write(path, pdf.pdf_bytes(document, book.config))
    for variant in book.config.output.extra_variants:  # e.g. an archival PDF/A beside the print PDF
        atomic_write(pdf.variant_path(book.config, variant), pdf.pdf_bytes(document, book.config, variant))
    return path


def make_epub(book, document=None) -> Path:
    """The EPUB; with the laid-out PDF ``document`` it gets the PDF's page-list."""
    from lectio.render import epub, pagemap

    pages = pagemap.page_starts(document) if document is not None else None
    path = book.config.output_file("epub")
    atomic_write(path, epub.render_epub(book, pages))
    return path


def verify_outputs(project, targets=("pdf", "epub"), book=None) -> tuple[list[Finding], dict]:
    """EPUBCheck, the preflight and the fidelity check (against ``book``, else the project checked again)."""
    config = config_stage.load(project)
    findings, report = [], {}
    for target in targets:
        path = config.output_file(target)
        if not path.exists():
            findings.append(Finding("verify.missing", f"{target.upper()} not built yet", Location(display_path(path)),
                                    ERROR, fix="run lectio build"))
        elif target == "pdf":
            found, report["pdf"] = _preflight(config)
            findings += found
        else:
            found, report["epub"] = verify.verify_epub(path)
            findings += found
    built = [config.output_file(t) if t in targets and config.output_file(t).exists() else None for t in ("pdf", "epub")]
    if any(built):
        found, report["fidelity"] = fidelity.verify(book or project, *built)
        findings += found
    return findings, report


def _preflight(config) -> tuple[list[Finding], list[dict]]:
    """The preflight of the PDF and of each extra variant (build/<name>.pdfa-3b.pdf)."""
    from lectio.render.pdf import variant_path
    from lectio.verify import preflight

    found, figures = verify.check_pdf(config.output_file("pdf"), preflight.Expected.from_config(config))
    reports = [figures]
    for variant in config.output.extra_variants:
        path = variant_path(config, variant)
        if not path.exists():
            found.append(Finding("verify.missing", f"{variant} not built yet", Location(display_path(path)),
                                 ERROR, fix="run lectio build"))
            continue
        more, figures = verify.check_pdf(path, preflight.Expected.from_config(config, variant))
        found += more
        reports.append(figures)
    return found, reports


def report_lines(report: dict) -> list[str]:
    from lectio.verify.preflight import report_lines as preflight_lines

    lines = []
    for figures in report.get("pdf", []):
        lines += preflight_lines(figures)
    if "epub" in report:
        epub = report["epub"]
        lines.append(f"EPUBCheck: {epub['errors']} errors, {epub['warnings']} warnings")
    return lines + fidelity.report_lines(report.get("fidelity", {}))


@dataclass
class Summary:
    line: str
    diff: str


def normalize_readings(project, sigla=(), write: bool = False):
    config = config_stage.load(project)
    known = {r.siglum: r for r in config.readings}
    for siglum in sigla:
        if siglum not in known:
            raise SourceError(f"no reading with siglum {siglum!r}", Location(display_path(config.path)),
                              fix=f"sigla: {', '.join(known)}")
    for siglum, item in known.items():
        if sigla and siglum not in sigla:
            continue
        path = config.resolve(item.source)
        text, _ = sources.read_text(siglum, path)
        counts = ", ".join(f"{rule} {n}" for rule, n in sorted(text.changes.items()))
        line = f"{siglum} {display_path(path)}: {counts}"
        if write:
            line += "; " + _write_canonical(path, text)
        yield text, Summary(line, sources.unified_diff(text))


def _write_canonical(path: Path, text) -> str:
    backup = path.with_name(path.name + ".orig")
    if backup.exists():
        raise SourceError(f"backup {display_path(backup)} already exists; not overwriting it",
                          Location(display_path(path)), fix="move the old backup away first")
    shutil.copy2(path, backup)
    atomic_write(path, sources.canonical_markdown(text))
    return f"written (backup: {display_path(backup)})"
