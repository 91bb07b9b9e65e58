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
    if "pdf" in targets:
        result.outputs.append(make_pdf(book))
    if "epub" in targets:
        result.outputs.append(make_epub(book))
    if check_outputs:
        findings, report = verify_outputs(project, targets)
        for line in report_lines(report):
            echo(line)
        result.findings += findings
        for finding in findings:
            if finding.severity != "info":
                echo(str(finding))
    return result


def make_pdf(book) -> Path:
    from lectio.render import html, pdf

    document = pdf.layout(html.write_html(book, pdf.print_css(book.config)), book.config)
    path = book.config.output_file("pdf")
    atomic_write(path, pdf.pdf_bytes(document, book.config))
    return path


def make_epub(book) -> Path:
    from lectio.render import epub

    path = book.config.output_file("epub")
    atomic_write(path, epub.render_epub(book))
    return path


def verify_outputs(project, targets=("pdf", "epub")) -> tuple[list[Finding], dict]:
    config = config_stage.load(project)
    findings, report = [], {}
    for target in targets:
        path = config.output_file(target)
        if not path.exists():
            findings.append(Finding("verify.missing", f"{target.upper()} not built yet", Location(display_path(path)),
                                    ERROR, fix="run lectio build"))
        elif target == "pdf":
            found, figures = verify.check_pdf(path)
            findings += found
            report["pdf"] = figures
        else:
            found = verify.check_epub(path)
            findings += found
            report["epub"] = {"errors": sum(f.severity == ERROR for f in found),
                              "warnings": sum(f.severity == "warning" for f in found)}
    return findings, report


def report_lines(report: dict) -> list[str]:
    lines = []
    if "pdf" in report:
        pdf = report["pdf"]
        embedded = sum(1 for v in pdf["fonts"].values() if v)
        lines.append(f"PDF: {pdf['pages']} pages, {embedded}/{len(pdf['fonts'])} fonts embedded")
    if "epub" in report:
        epub = report["epub"]
        lines.append(f"EPUBCheck: {epub['errors']} errors, {epub['warnings']} warnings")
    return lines


@dataclass
class Summary:
    line: str
    diff: str


def normalize_readings(project, sigla=(), write: bool = False):
    config = config_stage.load(project)
    known = {r["siglum"]: r for r in config["readings"]}
    for siglum in sigla:
        if siglum not in known:
            raise SourceError(f"no reading with siglum {siglum!r}", Location(display_path(config.path)),
                              fix=f"sigla: {', '.join(known)}")
    for siglum, item in known.items():
        if sigla and siglum not in sigla:
            continue
        path = config.resolve(item["source"])
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
