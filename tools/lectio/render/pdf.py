"""HTML + print CSS → PDF through WeasyPrint, loading files only from the project.

The page geometry (trim, mirrored margins, gutter, bleed) comes from
``pagesetup`` as a second stylesheet, so the book can be laid out again with a
wider gutter when its page count asks for one, or with what a layout tells the next
(``refine``: page ranges for passages across a break, notes kept on their call's page). After layout the paragraph
numbers of right-hand pages move to the outer margin and the page count is
padded (to even, or to a multiple of four).
"""

from __future__ import annotations

import os
from pathlib import Path

from lectio.errors import RenderError, RequirementMissing
from lectio.render import apparatusblock, folios, folioshift, fonts, footnoteorder, linestamp, margins, outputintent, \
    pageestimate, partview, pdfroles, pdftags, refine, rendezvous, styles, tail, timestamps
from lectio.render.pagesetup import PageSetup, gutter_fits

MAX_PASSES = 6  # the apparatus at the foot of the page can take a few (docs/lines.md)
BLANK_RECTO_VERSO = '<!DOCTYPE html><html><body><div></div><div style="break-before: page"></div></body></html>'


def weasyprint():
    """Import WeasyPrint, turning a missing Pango into a clear message."""
    try:
        import weasyprint as module
    except OSError as exc:
        raise RequirementMissing(
            f"WeasyPrint cannot load the Pango library ({exc})",
            fix="install Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0 (Debian/Ubuntu), "
                "brew install pango (macOS)") from None
    footnoteorder.install()
    folioshift.install()
    return module


def print_css(config) -> str:
    """The font faces, then the print stylesheets (``styles``; the page geometry is added at layout)."""
    face = fonts.font_face_css(lambda path: path.as_uri())
    return face + styles.stylesheet(config, "print").css


def geometry_css(config, setup: PageSetup) -> str:
    """The page boxes; the ICC profile goes into the PDF/X variants as their output intent
    (:mod:`lectio.render.outputintent`), not through the stylesheet."""
    return setup.css()


def layout(html_text: str, config, planned: int | None = None, part=None):
    """Lay the book out; returns WeasyPrint's Document (pages, anchors), padded and finished.

    The gutter is chosen for ``planned`` pages; by default for the count estimated from the HTML
    (``pageestimate``), corrected when the real count asks for another (``pagesetup.gutter_fits``).
    ``part`` (``render.partview.Part``) lays out one part of a book split at its chapters: what
    WeasyPrint gets, what the refine steps see, the padding and the book's page count for the gutter."""
    part = part or partview.WHOLE
    setup = PageSetup.from_config(config)
    document, setup, passes, stable, part, met = _at_real_first_page(html_text, config, setup, planned, part)
    pad = part.pad(config.output.pad_to)
    _refuse_lost_notes(document)
    _refuse_lost_variants(html_text, document)
    linestamp.stamp(document, html_text, lambda marks: render_html(marks, config))  # not another layout
    margins.to_outer_margin(document)
    refused = document.lectio_refused
    document = _pad(document, config, setup, pad)
    # the layouts made (docs/lines.md gives the counts); not stable: the last layout's apparatus blocks,
    # locators and index pages are from the layout before it, after MAX_PASSES (its line numbers are its own)
    document.lectio_passes, document.lectio_stable, document.lectio_met = passes, stable, met
    document.lectio_setup = setup  # its gutter is the one laid out (for ``planned`` pages)
    from lectio.render.fetcher import refused_findings

    document.lectio_refused = refused_findings(refused, editor_stylesheets(config), config.root, allowed_folders(config))
    document.lectio_refused = list(document.lectio_refused) + unsettled(stable)
    return document


def _at_real_first_page(html_text: str, config, setup: PageSetup, planned: int | None, part):
    """``_settled``, for a part whose first page is guessed (its ``meeting``) laid out at the guess, then
    told its real ``Part`` (``rendezvous``): its folios drawn again (``folioshift``) when nothing else it
    was given or its refine steps read differs, else laid out again at the real ``Part``. Returns
    ``_settled``'s values, the ``Part`` laid out at and how it was told the real one (``rendezvous``; "":
    not told)."""
    meeting = getattr(part, "meeting", None)
    with folioshift.recording(meeting is not None):
        document, laid, passes, stable, text, loose = _settled(html_text, config, setup, planned, part)
    answer = rendezvous.wait(meeting) if meeting is not None else None
    if answer is None:
        folioshift.release(document)
        return document, laid, passes, stable, part, ""
    if answer.shiftable and stable and refine.refined(html_text, answer.part.view(document), loose)[0] == text:
        folioshift.redraw(document, answer.shift(part))
        return document, laid, passes, stable, answer.part, rendezvous.REDRAWN
    folioshift.release(document)
    document, laid, more, stable, _, _ = _settled(html_text, config, setup, planned, answer.part)
    return document, laid, passes + more, stable, answer.part, rendezvous.AGAIN


def _settled(html_text: str, config, setup: PageSetup, planned: int | None, part):
    """The book laid out until a layout tells the next nothing new (``refine``) and its gutter fits its
    page count: (document, setup, passes made, settled, the last layout's HTML, its loosened blocks). When
    what a layout tells the next changes nothing before a chapter of the main matter, the chapters from
    there are laid out again alone (``tail``)."""
    fixed = planned is not None
    planned = planned if fixed else part.book_pages(pageestimate.planned_pages(html_text, setup))
    text, loose, body = part.first_text(html_text), frozenset(), None
    for passes in range(1, MAX_PASSES + 1):
        setup = setup.with_pages(planned)
        document = body and tail.relaid(body, text, lambda chapters: _render(chapters, config, setup))
        if not document:  # the whole book (the first time, or the chapters laid out alone moved a page it prints)
            document = _render(part.prepare(text), config, setup)
        pages = part.book_pages(padded(len(document.pages), part.pad(config.output.pad_to)))
        better, loosened = refine.refined(html_text, part.view(document), loose)  # page ranges, notes on their page
        fits = fixed or gutter_fits(planned, pages)
        if fits and better == text:
            return document, setup, passes, True, text, loose
        body = tail.body_of(document, text, better) if fits and part is partview.WHOLE else None  # then alone
        planned, text, loose = planned if fits else pages, better, loosened  # a gutter too narrow (or far too wide): again
    return document, setup, MAX_PASSES, False, text, loose


def unsettled(stable: bool) -> list:
    """A warning when the layouts did not settle: an apparatus block or a locator may be a line off."""
    from lectio.errors import Finding, Location

    if stable:
        return []
    return [Finding("render.unsettled", f"the print layout still changed after {MAX_PASSES} passes: an "
                    "apparatus block at the foot of a page or a line locator may stand one layout behind",
                    Location("edition.toml", 0), fix="a different trim, or fewer variants on one page, "
                    "lets it settle (docs/lines.md)")]


def _refuse_lost_notes(document) -> None:
    lost = refine.lost_notes(document)
    if lost:
        raise RenderError(f"the print layout set the call of note(s) {', '.join(lost)} but not their text",
                          fix="report it with the edition; a different trim or print stylesheet may avoid it",
                          code="render.note-lost")


def _refuse_lost_variants(html_text: str, document) -> None:
    lost = apparatusblock.unplaced(html_text, document)
    if lost:
        raise RenderError(f"the print layout set the lemma of variant(s) {', '.join(lost)} on no line, so their "
                          "entries would be on no page", code="render.variant-lost",
                          fix="give the entry a lemma of at least one word of the base text (a merge or base = "
                              "… in the variants file), or check that no print stylesheet hides it")


def allowed_folders(config) -> list[Path]:
    """What WeasyPrint may load: the project, lectio's fonts and its own data (default stylesheets)."""
    return [config.root, fonts.font_dir(), styles.data_dir()]


def editor_stylesheets(config) -> dict[str, str]:
    """The edition's print stylesheet by its shown path (for its url() checks). The EPUB's
    stylesheet is not checked here: its relative URLs name files of the EPUB package."""
    from lectio.fsutil import display_path

    if not config.output.print_css:
        return {}
    path = config.resolve(config.output.print_css)
    return {display_path(path): path.read_text(encoding="utf-8", errors="replace")} if path.is_file() else {}


def padded(count: int, multiple: int) -> int:
    return -(-count // multiple) * multiple


def _render(html_text: str, config, setup: PageSetup, base: str | None = None):
    return render_html(base or html_text, config, geometry_css(config, setup))


def render_html(text: str, config, css: str = ""):
    """``text`` laid out by WeasyPrint with ``css`` added, loading files only from the project."""
    from lectio.render.fetcher import ConfinedFetcher

    module = weasyprint()
    fetcher = ConfinedFetcher(allowed_folders(config))
    base_url = str(config.root) + os.sep
    document = module.HTML(string=text, base_url=base_url, url_fetcher=fetcher)
    sheets = [module.CSS(string=css, base_url=base_url, url_fetcher=fetcher)] if css else []
    try:
        rendered = document.render(stylesheets=sheets)
    except Exception as exc:  # WeasyPrint raises many kinds; all mean the same to the editor
        raise RenderError(f"WeasyPrint could not lay out the book: {exc}") from exc
    rendered.lectio_refused = fetcher.refused
    return rendered


def _pad(document, config, setup: PageSetup, multiple: int):
    """Blank pages at the end (no running head, no folio) up to a multiple of ``multiple``."""
    missing = padded(len(document.pages), multiple) - len(document.pages)
    if not missing:
        return document
    blank = _render("", config, setup, base=BLANK_RECTO_VERSO).pages  # a recto and a verso: their boxes differ
    count = len(document.pages)
    return document.copy(list(document.pages) + [blank[(count + k) % 2] for k in range(missing)])


def pdf_bytes(document, config, variant: str | None = None) -> bytes:
    """The PDF; ``variant`` (e.g. ``pdf/a-3b``) defaults to ``output.pdf_variant``."""
    meta = document.metadata
    edition = config.edition
    meta.title = edition.title
    meta.authors = list(edition.editors)
    meta.description = edition.subtitle or None
    meta.lang = edition.language
    meta.created = meta.modified = _pdf_date(edition.date)
    meta.generator = "lectio"
    variant = config.output.pdf_variant if variant is None else variant
    profile = outputintent.profile_for(config, variant)
    finish = outputintent.finisher(profile, f"{edition.identifier}#{variant}") if profile else None
    try:
        with outputintent.unchanged(document):
            data = document.write_pdf(pdf_variant=variant or None, pdf_tags=True, finisher=folios.labelled(finish))
    except Exception as exc:
        raise RenderError(f"WeasyPrint could not write the PDF ({variant or 'plain'}): {exc}") from exc
    return pdftags.finish(data, pdfroles.collect(document, edition.language), edition.title)


def icc_bytes(config) -> bytes | None:
    """The configured output profile (``output.icc_profile``), or None."""
    return config.resolve(config.output.icc_profile).read_bytes() if config.output.icc_profile else None


def variant_path(config, variant: str) -> Path:
    """build/<name>.pdfa-3b.pdf for an extra variant."""
    slug = variant.replace("/", "")
    return config.output_dir / f"{config.edition.name}.{slug}.pdf"


def _pdf_date(date: str) -> str:
    """An ISO date for the PDF; SOURCE_DATE_EPOCH wins, for reproducible builds."""
    stamp = timestamps.source_date()
    if stamp:
        return stamp
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"
