"""``lectio build``, ``verify`` and ``normalize``: the steps after ``check``.

A build is a transaction (:mod:`lectio.transaction`): every output is made and
verified in a staging folder, then the set replaces the previous one together;
nothing is written when a stage or the verification reports an error.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lectio import cache, config as config_stage, manifest, pipeline, sources, transaction, verify
from lectio.errors import ERROR, Finding, SourceError, Location
from lectio.fsutil import as_final as _as_final, atomic_write, display_path
from lectio.targets import SUFFIXES, TARGETS  # what ``lectio build`` makes (without --to: TARGETS)
from lectio.verify import fidelity


@dataclass
class BuildResult:
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


@manifest.recorded  # build/.cache/manifest.json: what it read and wrote (docs/rebuilds.md)
def build(project, targets=TARGETS, check_outputs: bool = True, echo=print) -> BuildResult:
    """Check, render every output in a staging folder, verify there, then replace the set.

    See :mod:`lectio.transaction`: a failed, refused or interrupted build leaves the
    previous outputs as they were and no temporary file.
    """
    checked = pipeline.check(project)
    pipeline.fail_on_errors(checked)
    book = checked.book
    result = BuildResult()
    output_dir = book.config.output_dir
    with transaction.transaction(output_dir) as staging, transaction.os_errors(output_dir):
        staged = _render(book, targets, staging, result, echo)
        if check_outputs:
            _verify(project, targets, staging, result, echo, book)
        if result.errors:
            echo(f"the outputs were not replaced: {len(result.errors)} error(s)")
            return result
        result.outputs = transaction.commit(staged, output_dir)
    return result


def _render(book, targets, staging: Path, result: BuildResult, echo) -> list[Path]:
    staged = [make_tei(book, staging)] if "tei" in targets else []
    if not set(targets) & {"pdf", "epub", "cover"}:
        return staged
    document = layout_pdf(book)  # the EPUB's page-list needs the PDF's pages, even with --to epub
    for finding in getattr(document, "lectio_refused", []):
        result.findings.append(finding)
        echo(str(finding))
    if "pdf" in targets:
        staged += make_pdf(book, document, staging)
    if "epub" in targets:
        staged.append(make_epub(book, document, staging))
    if "cover" in targets:
        staged.append(make_cover(book, document, staging, result, echo))
    return staged


def _verify(project, targets, staging: Path, result: BuildResult, echo, book=None) -> None:
    findings, report = verify_outputs(project, targets, folder=staging, book=book)
    shown = _as_final(staging)
    for line in report_lines(report):
        echo(shown(line))
    result.findings += findings
    for finding in findings:
        if finding.severity != "info":
            echo(shown(str(finding)))


def layout_pdf(book):
    """The laid-out print book (WeasyPrint's Document), written or not."""
    from lectio.render import html, pdf

    return pdf.layout(html.write_html(book, pdf.print_css(book.config)), book.config)


def make_pdf(book, document=None, folder: Path | None = None) -> list[Path]:
    """The PDF and its extra variants, written into ``folder`` (default: the output folder);
    a PDF/X that fails its check (:mod:`lectio.verify.printvariant`) is an error."""
    from lectio.render import pdf
    from lectio.verify.printvariant import refuse_failed

    config = book.config
    document = document if document is not None else layout_pdf(book)
    made = []
    for variant in (config.output.pdf_variant, *config.output.extra_variants):  # e.g. an archival PDF/A
        final = config.output_file("pdf") if not made else pdf.variant_path(config, variant)
        made.append(_in(final, folder))
        atomic_write(made[-1], pdf.pdf_bytes(document, config, variant))
        refuse_failed(made[-1], variant, pdf.icc_bytes(config), final)
    return made


def make_cover(book, document, folder: Path, result: BuildResult, echo) -> Path:
    """The full-wrap print cover for the laid-out interior ``document`` (its spine from the page count)."""
    from lectio.render import coverpdf, pdf
    from lectio.verify.printvariant import refuse_failed

    config = book.config
    cover = coverpdf.layout(config, len(document.pages))
    for finding in cover.lectio_findings:
        result.findings.append(finding)
        echo(str(finding))
    path = output_path(config, "cover", folder)
    atomic_write(path, pdf.pdf_bytes(cover, config))
    refuse_failed(path, config.output.pdf_variant, pdf.icc_bytes(config), output_path(config, "cover"))
    return path


def make_epub(book, document=None, folder: Path | None = None) -> Path:
    """The EPUB; with the laid-out PDF ``document`` it gets the PDF's page-list, labelled with the
    printed folios (``folios.page_labels``: the numbers the PDF's /PageLabels are written from)."""
    from lectio.render import epub, epublines, folios, laidout, lines, pagemap

    pages = labels = None
    anchors = ()
    if document is not None:
        pages = laidout.first_column(pagemap.page_starts(document), document)
        labels = list(folios.page_labels(document))
        anchors = epublines.anchors(book, lines.line_map(book, document))
    path = output_path(book.config, "epub", folder)
    atomic_write(path, epub.render_epub(book, pages, labels, anchors))
    return path


def make_tei(book, folder: Path | None = None) -> Path:
    """The TEI P5 export, ``<name>.tei.xml`` (``render.tei``; docs/tei.md)."""
    from lectio.render import tei

    path = output_path(book.config, "tei", folder)
    atomic_write(path, tei.write_tei(book))
    return path


def output_path(config, target: str, folder: Path | None = None) -> Path:
    """``<name>.<suffix>`` of a target in ``folder`` (a staging folder), or in the output folder."""
    return _in(config.output_file(SUFFIXES.get(target, target)), folder)


def _in(path: Path, folder: Path | None) -> Path:
    return Path(folder) / path.name if folder is not None else path


def verify_outputs(project, targets=TARGETS, folder: Path | None = None, book=None,
                   tei_schema: bool = False) -> tuple[list[Finding], dict]:
    """Check the outputs in ``folder`` (the build's staging folder), or in the output folder: EPUBCheck,
    the preflight, the TEI file (against tei_all with ``tei_schema``), and fidelity against ``book``
    (else the project checked again)."""
    config = config_stage.load(project)
    findings, report = [], {}
    out, inputs = config.output_dir, cache.inputs_key(config.path)  # checks already passed are replayed
    for target in targets:
        path = output_path(config, target, folder)
        if not path.exists():
            findings.append(Finding("verify.missing", f"{target.upper()} not built yet", Location(display_path(path)),
                                    ERROR, fix="run lectio build"))
        elif target == "pdf":
            found, report["pdf"] = cache.verified(out, "preflight", _pdfs(config, folder), inputs,
                                                  lambda: _preflight(config, folder))
            findings += found
        elif target == "cover":
            continue  # checked below, against the interior
        elif target == "tei":
            from lectio.verify import tei

            found, report["tei"] = cache.verified(out, f"tei {tei_schema}", [path], inputs,
                                                  lambda: tei.check(path, schema=tei_schema, book=book))
            findings += found
        else:
            found, report["epub"] = cache.verified(out, "epubcheck", [path], "", lambda: verify.verify_epub(path))
            findings += found
    found, report["cover"] = _cover(config, folder)
    findings += found
    built = [output_path(config, t, folder) if t in targets and output_path(config, t, folder).exists() else None
             for t in ("pdf", "epub")]
    if any(built):
        found, report["fidelity"] = cache.verified(out, "fidelity", filter(None, built), inputs,
                                                   lambda: fidelity.verify(book or project, *built))
        findings += found
    if built[0] is not None:  # after fidelity: the notes it found in the PDF must be Note elements
        notes = report.get("fidelity", {})
        found, report["pdf-structure"] = cache.verified(out, f"structure {_notes(notes)}", _pdfs(config, folder),
                                                        inputs, lambda: _structure(config, folder, notes))
        findings += found
    return findings, report


def _cover(config, folder: Path | None) -> tuple[list[Finding], list[str]]:
    """The cover (new, or already in the output folder) against the interior (new, or already there)."""
    from lectio.verify import coverfit

    cover, interior = (_newest(config, target, folder) for target in ("cover", "pdf"))
    return coverfit.check(cover, interior, config) if cover else ([], [])


def _newest(config, target: str, folder: Path | None) -> Path | None:
    """The file of ``target`` made by this build, else the one in the output folder, else None."""
    return next((p for p in (output_path(config, target, folder), output_path(config, target)) if p.exists()), None)


def _preflight(config, folder: Path | None = None) -> tuple[list[Finding], list[dict]]:
    """The preflight of the PDF and of each extra variant (build/<name>.pdfa-3b.pdf)."""
    from lectio.render.pdf import variant_path
    from lectio.verify import preflight

    found, figures = verify.check_pdf(output_path(config, "pdf", folder), preflight.Expected.from_config(config))
    reports = [figures]
    for variant in config.output.extra_variants:
        path = _in(variant_path(config, variant), folder)
        if not path.exists():
            found.append(Finding("verify.missing", f"{variant} not built yet", Location(display_path(path)),
                                 ERROR, fix="run lectio build"))
            continue
        more, figures = verify.check_pdf(path, preflight.Expected.from_config(config, variant))
        found += more
        reports.append(figures)
    return found, reports


def _structure(config, folder: Path | None, fidelity_report: dict) -> tuple[list[Finding], list[dict]]:
    """The structure check of the PDF and of each extra variant built (``verify.pdfstructure``): at least
    the readings' notes the fidelity check found in the outputs must be ``Note`` elements."""
    notes = _notes(fidelity_report)
    found, reports = [], []
    for path in _pdfs(config, folder):
        more, figures = verify.check_pdf_structure(path, notes)
        found += more
        reports.append(figures)
    return found, reports


def _pdfs(config, folder: Path | None) -> list[Path]:
    """The PDF and each extra variant built (build/<name>.pdfa-3b.pdf)."""
    paths = [output_path(config, "pdf", folder)]
    if not config.output.extra_variants:
        return paths
    from lectio.render.pdf import variant_path

    return paths + [p for p in (_in(variant_path(config, v), folder) for v in config.output.extra_variants)
                    if p.exists()]


def _notes(fidelity_report: dict) -> int | None:
    """The readings' notes the fidelity check found in the outputs."""
    return sum(r["notes"]["matched"] for r in fidelity_report.values()) if fidelity_report else None


def report_lines(report: dict) -> list[str]:
    from lectio.verify.pdfstructure import report_lines as structure_lines
    from lectio.verify.preflight import report_lines as preflight_lines
    from lectio.verify.tei import report_lines as tei_lines

    lines = []
    for figures in report.get("pdf", []):
        lines += preflight_lines(figures)
    for figures in report.get("pdf-structure", []):
        lines += structure_lines(figures)
    if "epub" in report:
        epub = report["epub"]
        lines.append(f"EPUBCheck: {epub['errors']} errors, {epub['warnings']} warnings")
    lines += report.get("cover", [])
    lines += tei_lines(report.get("tei", {}))
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
    if path.suffix.lower() in sources.OFFICE:
        raise SourceError(f"{display_path(path)} is a Word or HTML file: lectio writes only text sources",
                          Location(display_path(path)), fix="leave out --write; to edit it as Markdown, convert it "
                          "with pandoc -t markdown and point the reading's source at the new file")
    backup = path.with_name(path.name + ".orig")
    if backup.exists():
        raise SourceError(f"backup {display_path(backup)} already exists; not overwriting it",
                          Location(display_path(path)), fix="move the old backup away first")
    shutil.copy2(path, backup)
    atomic_write(path, sources.canonical_markdown(text))
    return f"written (backup: {display_path(backup)})"
