"""``lectio build`` and ``verify``: the steps after ``check``.

A build is a transaction (:mod:`lectio.transaction`): every output is made and
verified in a staging folder, then the set replaces the previous one together;
nothing is written when a stage or the verification reports an error.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from lectio import cache, config as config_stage, manifest, pipeline, progress, tasks, transaction, verify
from lectio.errors import ERROR, Finding, Location
from lectio.fsutil import as_final as _as_final, atomic_write, display_path
from lectio.model import Book
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
    checked = pipeline.check(project, cached=True)
    pipeline.fail_on_errors(checked, echo)
    book = checked.book
    result = BuildResult()
    output_dir = book.config.output_dir
    with transaction.transaction(output_dir) as staging, transaction.os_errors(output_dir), tasks.Tasks() as work:
        staged, started = _render(book, targets, staging, result, echo, work, check_outputs)
        if check_outputs:
            _verify(project, targets, staging, result, echo, book, started)
        if result.errors:
            echo(f"the outputs were not replaced: {len(result.errors)} error(s)")
            return result
        result.outputs = transaction.commit(staged, output_dir)
    return result


def _render(book, targets, staging: Path, result: BuildResult, echo, work: tasks.Tasks,
            checking: bool = False) -> tuple[list[Path], dict]:
    """The outputs in ``staging`` (TEI, PDFs, EPUB, cover: that order), and the checks already started.

    Beside the layout (main thread), threads make the TEI and pandoc's part of the EPUB; the EPUB is
    finished as soon as the layout is known and EPUBCheck started on it (with ``checking``) while
    the PDF is written and checked (docs/performance.md, "Concurrency in the build").
    """
    tei = work.start(make_tei, book, staging) if "tei" in targets else None
    staged, started = [], {}
    if set(targets) & {"pdf", "epub", "cover"}:
        staged, started = _print_and_epub(book, targets, staging, result, echo, work, checking)
    return ([tei.result()] if tei else []) + staged, started


def _print_and_epub(book, targets, staging: Path, result: BuildResult, echo, work: tasks.Tasks,
                    checking: bool) -> tuple[list[Path], dict]:
    from lectio.render import epub, parallel

    prepared = work.start(epub.prepare_epub, book) if "epub" in targets else None
    text = print_html(book)
    in_parts = parallel.wanted(text)  # then no core is idle for EPUBCheck's warm-up: it takes what is left
    warm = work.start(_warm_epubcheck, prepared, staging, in_parts) if prepared is not None and checking else None
    early = _Early(book, prepared, staging / ".early", warm if checking else None, work) if prepared else None
    document = layout_pdf(book, early.told if early else None, text)  # the EPUB's page-list needs its pages
    for finding in getattr(document, "lectio_refused", []):
        result.findings.append(finding)
        echo(str(finding))
    made, started = early.final(document, staging, checking) if early else (None, {})
    staged = make_pdf(book, document, staging) if "pdf" in targets else []
    staged += [made] if made is not None else []
    if "cover" in targets:
        staged.append(make_cover(book, document, staging, result, echo))
    return staged, started


class _Early:
    """The EPUB made, and EPUBCheck started on it, from the facts a book laid out in parts tells before
    its parts' PDFs are written and merged (``parallel.layout``'s ``told``): it stands when the merged
    layout's facts give the EPUB the same page-list and line anchors, else it is made again.
    docs/parallel.md, "The EPUB before the merge"."""

    def __init__(self, book, prepared, folder: Path, warm, work: tasks.Tasks):
        self.book, self.prepared, self.folder, self.warm, self.work = book, prepared, folder, warm, work
        self.made = self.checked = None

    def told(self, facts) -> None:
        self.made = self.work.start(self._make, facts)
        if self.warm is not None:
            out = self.book.config.output_dir
            self.checked = self.work.start(lambda: _epubcheck(self.made.result()[1], self.warm, out))

    def _make(self, facts) -> tuple[tuple, Path]:
        self.folder.mkdir(exist_ok=True)
        inputs = epub_inputs(self.book, facts)
        return inputs, make_epub(self.book, facts, self.folder, self.prepared.result(), inputs)

    def final(self, document, staging: Path, checking: bool) -> tuple[Path, dict]:
        """The EPUB for the laid-out ``document`` and its EPUBCheck, started ({"epub": Future}) when checking."""
        inputs = epub_inputs(self.book, document)
        if self.made is not None and self.made.result()[0] == inputs:
            made = output_path(self.book.config, "epub", staging)
            shutil.copyfile(self.made.result()[1], made)  # the bytes checked; EPUBCheck may still read that file
            return made, {"epub": self.checked} if checking else {}
        warm = self.warm if self.made is None else None  # the warm JVM checked the EPUB made too early
        made = make_epub(self.book, document, staging, self.prepared.result(), inputs)
        return made, {"epub": self.work.start(_epubcheck, made, warm, self.book.config.output_dir)} if checking else {}


@progress.stage("verify")
def _verify(project, targets, staging: Path, result: BuildResult, echo, book=None, started=None) -> None:
    findings, report = verify_outputs(project, targets, folder=staging, book=book, started=started)
    shown = _as_final(staging)
    for line in report_lines(report):
        echo(shown(line))
    result.findings += findings
    for finding in findings:
        if finding.severity != "info":
            echo(shown(str(finding)))


@progress.stage("layout")
def layout_pdf(book, told=None, text: str | None = None):
    """The laid-out print book: WeasyPrint's Document, or a big book laid out in parts on every core
    (``render.parallel``, docs/parallel.md); ``render.layoutfacts`` reads either. ``told``: see
    ``parallel.layout``; ``text``: the print HTML (:func:`print_html`), when already made."""
    from lectio.render import parallel, pdf

    text = text if text is not None else print_html(book)
    return (parallel.layout(book, text, told) if parallel.wanted(text) else None) or pdf.layout(text, book.config)


@progress.stage("pdf")
def make_pdf(book, document=None, folder: Path | None = None) -> list[Path]:
    """The PDF and its extra variants, written into ``folder`` (default: the output folder);
    a PDF/X that fails its check (:mod:`lectio.verify.printvariant`) is an error."""
    from lectio.render import parallel, pdf
    from lectio.verify.printvariant import refuse_failed

    config = book.config
    document = document if document is not None else layout_pdf(book)
    made = []
    for variant in (config.output.pdf_variant, *config.output.extra_variants):  # e.g. an archival PDF/A
        final = config.output_file("pdf") if not made else pdf.variant_path(config, variant)
        made.append(_in(final, folder))
        atomic_write(made[-1], parallel.pdf_bytes(document, config, variant, len(made) - 1))
        refuse_failed(made[-1], variant, pdf.icc_bytes(config), final)
    return made


@progress.stage("cover")
def make_cover(book, document, folder: Path, result: BuildResult, echo) -> Path:
    """The full-wrap print cover for the laid-out interior ``document`` (its spine from the page count)."""
    from lectio.render import coverpdf, layoutfacts, pdf
    from lectio.verify.printvariant import refuse_failed

    config = book.config
    cover = coverpdf.layout(config, layoutfacts.page_count(document))
    for finding in cover.lectio_findings:
        result.findings.append(finding)
        echo(str(finding))
    path = output_path(config, "cover", folder)
    atomic_write(path, pdf.pdf_bytes(cover, config))
    refuse_failed(path, config.output.pdf_variant, pdf.icc_bytes(config), output_path(config, "cover"))
    return path


@progress.stage("epub")
def make_epub(book, document=None, folder: Path | None = None, prepared=None, inputs=None) -> Path:
    """The EPUB; with the laid-out PDF ``document`` it gets the PDF's page-list, labelled with the
    printed folios (``folios.page_labels``: the numbers the PDF's /PageLabels are written from).
    ``prepared`` is pandoc's part (``epub.prepare_epub``) when it was made beforehand, ``inputs`` the
    document's ``epub_inputs`` when they were."""
    from lectio.render import epub

    if inputs is None and document is not None:
        inputs = epub_inputs(book, document)
    pages, labels, anchors = inputs or (None, None, ())
    path = output_path(book.config, "epub", folder)
    made = prepared if prepared is not None else epub.prepare_epub(book)
    atomic_write(path, epub.finish_epub(book, made, pages if pages is None else list(pages),
                                        labels if labels is None else list(labels), anchors))
    return path


def epub_inputs(book, document) -> tuple[tuple, tuple, tuple]:
    """What the EPUB takes from the laid-out print book (a Document, a book laid out in parts, or their
    ``LayoutFacts``): where each page begins, its printed folio, and the line anchors."""
    from lectio.render import epublines, layoutfacts

    facts = layoutfacts.of(document)
    return tuple(facts.starts), tuple(facts.labels()), tuple(epublines.anchors(book, facts.line_map(book)))


@progress.stage("tei")
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


def verify_outputs(project, targets=TARGETS, folder: Path | None = None, book=None, tei_schema: bool = False,
                   started: dict | None = None) -> tuple[list[Finding], dict]:
    """Check the outputs in ``folder`` (the build's staging folder), or in the output folder: EPUBCheck,
    the preflight, the TEI file (against tei_all with ``tei_schema``), and fidelity against ``book``
    (else the project checked again).

    EPUBCheck (a JVM) runs in a thread beside the other checks, or was ``started`` by the build as
    soon as the EPUB was written ({"epub": Future}); findings and report come in one fixed order
    (the targets', then cover, fidelity, PDF structure), whichever check ends first."""
    config = config_stage.load(project)
    paths = {target: output_path(config, target, folder) for target in targets}
    with tasks.Tasks() as work:
        epub = (started or {}).get("epub")
        if epub is None and "epub" in paths and paths["epub"].exists():
            epub = work.start(_epubcheck, paths["epub"], None, config.output_dir)
        checked = _checks(config, paths, folder, book or project, tei_schema, work)
        if epub is not None:
            checked["epub"] = epub.result()
    findings, report = [], {}
    for name in dict.fromkeys((*targets, "cover", "fidelity", "pdf-structure")):
        if name in paths and not paths[name].exists():
            findings.append(Finding("verify.missing", f"{name.upper()} not built yet",
                                    Location(display_path(paths[name])), ERROR, fix="run lectio build"))
        if name in checked:
            found, report[name] = checked[name]
            findings += found
    return findings, report


def _checks(config, paths: dict[str, Path], folder: Path | None, source, tei_schema: bool,
            work: tasks.Tasks) -> dict:
    """Every check but EPUBCheck, by name: (findings, figures). The PDF structure check runs in a process of
    its own beside fidelity; the notes fidelity found in the text are then required as ``Note`` elements.
    A check that already passed on the same outputs from the same inputs is replayed (``cache.verified``)."""
    out, inputs = config.output_dir, cache.inputs_key(config.path)
    checked = {}
    if paths.get("pdf") and paths["pdf"].exists():
        checked["pdf"] = cache.verified(out, "preflight", _pdfs(config, folder), inputs, lambda: _preflight(config, folder))
    if paths.get("tei") and paths["tei"].exists():
        book = source if isinstance(source, Book) else None
        checked["tei"] = cache.verified(out, f"tei {tei_schema}", [paths["tei"]], inputs,
                                        lambda: _tei(paths["tei"], tei_schema, book))
    checked["cover"] = _cover(config, folder)  # the cover target itself is checked here, against the interior
    built = [paths[t] if t in paths and paths[t].exists() else None for t in ("pdf", "epub")]
    pdfs = _pdfs(config, folder) if built[0] is not None else []
    structure = work.start(cache.verified, out, "structure", pdfs, inputs, lambda: _structure(pdfs)) if pdfs else None
    if any(built):
        with progress.stage("fidelity"):
            checked["fidelity"] = cache.verified(out, "fidelity", [p for p in built if p], inputs,
                                                 lambda: fidelity.verify(source, *built))
    if structure is not None:
        checked["pdf-structure"] = _with_notes(structure.result(), _notes(checked.get("fidelity", ([], {}))[1]))
    return checked


@progress.stage("epubcheck")
def _epubcheck(epub: Path, warm=None, out: Path | None = None) -> tuple[list[Finding], dict]:
    """EPUBCheck on ``epub`` (``verify.epubcheck``), in a thread: its time is a Java process's; with
    ``warm`` (a Future of ``epubwarm.Prewarmed``), by the JVM the build started during the layout; replayed
    when it already passed on the same bytes (``cache.verified`` in the output folder ``out``)."""
    def run():
        checker = warm.result() if warm is not None else None
        return verify.verify_epub(epub, run=checker.check) if checker else verify.verify_epub(epub)
    return cache.verified(out, "epubcheck", [epub], "", run) if out is not None else run()


def print_html(book) -> str:
    """The print book's HTML, with its stylesheets, as WeasyPrint lays it out."""
    from lectio.render import html, pdf

    return html.write_html(book, pdf.print_css(book.config))


def _warm_epubcheck(prepared, staging: Path, idle: bool = False):
    """EPUBCheck's JVM started on pandoc's EPUB (``prepared``, a Future) while the PDF is laid out; ``idle``:
    at the lowest priority (``epubwarm.Prewarmed``)."""
    from lectio.verify import epubwarm

    return epubwarm.Prewarmed.start(prepared.result().data, staging / ".epubcheck", idle)


@progress.stage("tei check")
def _tei(path: Path, schema: bool, book) -> tuple[list[Finding], dict]:
    from lectio.verify import tei

    return tei.check(path, schema=schema, book=book)


def _cover(config, folder: Path | None) -> tuple[list[Finding], list[str]]:
    """The cover (new, or already in the output folder) against the interior (new, or already there)."""
    from lectio.verify import coverfit

    cover, interior = (_newest(config, target, folder) for target in ("cover", "pdf"))
    return coverfit.check(cover, interior, config) if cover else ([], [])


def _newest(config, target: str, folder: Path | None) -> Path | None:
    """The file of ``target`` made by this build, else the one in the output folder, else None."""
    return next((p for p in (output_path(config, target, folder), output_path(config, target)) if p.exists()), None)


@progress.stage("preflight")
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


@progress.stage("structure check")
def _structure(pdfs: list[Path]) -> tuple[list[Finding], list[dict]]:
    """The structure check of the PDF and of each extra variant built (``verify.pdfstructure``), in a process
    of its own (pikepdf holds the GIL): what it finds without the notes' count (:func:`_with_notes`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(verify.check_pdf_structure, pdfs))
    return [f for found, _ in results for f in found], [figures for _, figures in results]


def _with_notes(checked: tuple[list[Finding], list[dict]], notes: int | None) -> tuple[list[Finding], list[dict]]:
    """The structure check's result with at least the readings' ``notes`` the fidelity check found in the
    outputs required as ``Note`` elements, in every PDF."""
    from lectio.verify import pdfstructure

    findings, reports = list(checked[0]), []
    for figures in checked[1]:
        more, figures = pdfstructure.with_notes(([], figures), notes)
        findings, reports = findings + more, reports + [figures]
    return findings, reports


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
