"""The PDF structure check: what a screen reader and a PDF/UA checker need from the tagged PDF.

Read with pikepdf from the file alone (the codes are listed in docs/pdf-accessibility.md):

- ``pdf.untagged``: no structure tree, or ``MarkInfo /Marked`` not true;
- ``pdf.untagged-content``: text, paths or images drawn outside marked content, or marked
  content whose MCID no element of the tree reaches (through the ParentTree) and that is
  not an ``/Artifact``;
- ``pdf.link-outside-link``: a link annotation without a ``StructParent`` leading to a
  ``Link`` element of the tree; ``pdf.link-description``: a link annotation without a
  ``/Contents``, or one that only repeats its target's id;
- ``pdf.note``: fewer ``Note`` elements than ``expected_notes`` (in a build: the readings' notes the
  fidelity check found in the PDF's text), or a ``Note`` without an ``/ID``;
- ``pdf.heading-skipped``: a heading more than one level below the one before it
  (the first must be ``H1``);
- ``pdf.document-metadata``: no ``/Lang`` on the catalog, no ``DisplayDocTitle``, no title in the XMP.

It does not replace veraPDF: what it leaves unverified is in docs/pdf-accessibility.md.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from lectio.errors import ERROR, Finding, Location
from lectio.fsutil import display_path
from lectio.render import pdfstructtree as tree

PAINTING = "Tj TJ ' \" f F f* B B* b b* S s sh Do BI"
FIX = "rebuild with lectio build; if it stays, report it with the file (lectio tags the PDF after WeasyPrint)"
HEADINGS = {f"/H{n}": n for n in range(1, 7)}
SHOWN = 3  # pages or links named in one finding


def check(pdf: Path, expected_notes: int | None = None) -> tuple[list[Finding], dict]:
    """The structure check of one PDF: findings (errors fail ``lectio verify``) and the figures of the report."""
    import pikepdf

    where = Location(display_path(pdf))
    figures = {"file": display_path(pdf), "tagged": False, "elements": {}, "links": 0, "problems": 0}
    with pikepdf.open(pdf) as document:
        findings = _metadata(document, where)
        if "/StructTreeRoot" not in document.Root or not _marked(document):
            findings.append(Finding("pdf.untagged", "the PDF is not tagged (no structure tree or MarkInfo "
                                    "/Marked not true)", where, ERROR, fix=FIX))
        else:
            struct = tree.StructTree(document)
            figures["tagged"] = True
            figures["elements"] = dict(Counter(str(e.S).lstrip("/") for e, _ in struct.elements()))
            findings += _content(document, struct, where)
            links, found = _links(document, struct, where)
            figures["links"] = links
            findings += found + _notes(struct, where) + _headings(struct, where)
    figures["problems"] = len(findings)
    return with_notes((findings, figures), expected_notes)


def with_notes(checked: tuple[list[Finding], dict], expected: int | None) -> tuple[list[Finding], dict]:
    """A check's result with ``pdf.note`` added when the PDF has fewer ``Note`` elements than ``expected``
    (the count is known once the fidelity check has read the text; the build runs the rest beside it)."""
    findings, figures = checked
    count = figures["elements"].get("Note", 0)
    if expected is None or count >= expected or not figures["tagged"]:
        return checked
    missing = Finding("pdf.note", f"{expected} notes are in the PDF's text but it has {count} Note element(s): "
                      "the others are tagged as plain text", Location(figures["file"]), ERROR, fix=FIX)
    return findings + [missing], {**figures, "problems": figures["problems"] + 1}


def _marked(document) -> bool:
    info = document.Root.get("/MarkInfo")
    return info is not None and bool(info.get("/Marked", False))


def _metadata(document, where: Location) -> list[Finding]:
    missing = []
    if not str(document.Root.get("/Lang", "") or ""):
        missing.append("no /Lang on the catalog")
    preferences = document.Root.get("/ViewerPreferences")
    if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
        missing.append("no ViewerPreferences /DisplayDocTitle true")
    if not document.open_metadata().get("dc:title"):
        missing.append("no dc:title in the XMP metadata")
    return [Finding("pdf.document-metadata", f"the PDF has {m}", where, ERROR, fix=FIX) for m in missing]


def _content(document, struct, where: Location) -> list[Finding]:
    """Pages with painting outside marked content, or with MCIDs the tree does not reach."""
    bad: list[str] = []
    for number, page in enumerate(document.pages):
        problem = _page_content(struct, number, page)
        if problem:
            bad.append(f"page {number + 1}: {problem}")
    if not bad:
        return []
    return [Finding("pdf.untagged-content", f"{len(bad)} page(s) have content that is neither in the structure "
                    f"tree nor an artifact; {'; '.join(bad[:SHOWN])}", where, ERROR, fix=FIX)]


def _page_content(struct, number: int, page) -> str:
    import pikepdf

    stack: list[tuple[str, int | None]] = []
    loose, unreached = 0, set()
    for operands, operator in pikepdf.parse_content_stream(page, f"BDC BMC EMC {PAINTING}"):
        name = str(operator)
        if name in ("BDC", "BMC"):
            stack.append((str(operands[0]), tree.mcid_operand(operands) if name == "BDC" else None))
        elif name == "EMC":
            stack = stack[:-1]
        elif not any(tag == "/Artifact" for tag, _ in stack):
            mcid = next((m for _, m in reversed(stack) if m is not None), None)
            if mcid is None:
                loose += 1
            elif not struct.reachable(number, mcid):
                unreached.add(mcid)
    parts = [f"{loose} drawing operation(s) outside marked content"] if loose else []
    if unreached:
        parts.append(f"MCID {', '.join(map(str, sorted(unreached)[:SHOWN]))} not reached from the tree")
    return ", ".join(parts)


def _links(document, struct, where: Location) -> tuple[int, list[Finding]]:
    outside, undescribed, count = [], [], 0
    for number, page in enumerate(document.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            count += 1
            element = struct.annotation_element(annotation)
            if element is None or element.get("/S") != "/Link" or element.objgen not in struct.reached:
                outside.append(f"page {number}")
            if not _described(annotation):
                undescribed.append(f"page {number} ({str(annotation.get('/Contents', '')) or 'none'})")
    findings = []
    if outside:
        findings.append(Finding("pdf.link-outside-link", f"{len(outside)} link annotation(s) are not in a Link "
                                f"element of the structure tree: {', '.join(outside[:SHOWN])}", where, ERROR, fix=FIX))
    if undescribed:
        findings.append(Finding("pdf.link-description", f"{len(undescribed)} link annotation(s) have no readable "
                                f"/Contents: {', '.join(undescribed[:SHOWN])}", where, ERROR,
                                fix="give the link a text or a title (for a link the editor wrote), then rebuild"))
    return count, findings


def _described(annotation) -> bool:
    contents = str(annotation.get("/Contents", "") or "").strip()
    dest = annotation.get("/Dest") or (annotation.get("/A") or {}).get("/D")
    return bool(contents) and contents != str(dest or "").lstrip("/")


def _notes(struct, where: Location) -> list[Finding]:
    notes = [e for e, _ in struct.elements() if e.get("/S") == "/Note"]
    without_id = sum(1 for e in notes if not str(e.get("/ID", "") or ""))
    if without_id:
        return [Finding("pdf.note", f"{without_id} Note element(s) have no /ID", where, ERROR, fix=FIX)]
    return []


def _headings(struct, where: Location) -> list[Finding]:
    previous, skipped = 0, []
    for element, _ in struct.elements():
        level = HEADINGS.get(str(element.get("/S")))
        if level is None:
            continue
        if level > previous + 1:
            skipped.append(f"H{level} after {'H' + str(previous) if previous else 'the start'}")
        previous = level
    if not skipped:
        return []
    return [Finding("pdf.heading-skipped", f"{len(skipped)} heading(s) skip a level: {', '.join(skipped[:SHOWN])}",
                    where, ERROR, fix="use heading levels in order in the sources (## below #, ### below ##)")]


def report_lines(figures: dict) -> list[str]:
    """``PDF structure: build/x.pdf: tagged; 76 Note, 228 link annotations in 150 Link, H1 8, H2 30; 0 problems``."""
    if not figures.get("tagged"):
        return [f"PDF structure: {figures['file']}: not tagged; {figures['problems']} problem(s)"]
    elements = figures["elements"]
    headings = ", ".join(f"{name} {elements[name]}" for name in sorted(elements) if name in {h[1:] for h in HEADINGS})
    return [f"PDF structure: {figures['file']}: tagged; {elements.get('Note', 0)} Note, {figures['links']} link "
            f"annotation(s) in {elements.get('Link', 0)} Link, {headings or 'no headings'}; "
            f"{figures['problems']} problem(s)"]
