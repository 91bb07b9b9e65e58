"""The TEI export checked: well-formed, every pointer resolving, and (on request) valid TEI.

:func:`check` is what ``lectio build`` and ``lectio verify`` run on ``<name>.tei.xml``: the
file parses, every ``#id`` pointer (``target``, ``targetEnd``, ``corresp``, ``wit``) names an
``xml:id`` of the document. With ``schema=True`` (``lectio verify --tei-schema``, and the
tests) the document is also validated against TEI P5 ``tei_all`` (:func:`tei_all`), a RELAX NG
schema compiled by lxml in about six seconds, which is why it is not run by default.

Codes: ``verify.tei-malformed`` (the file does not parse), ``verify.tei-pointer`` (a pointer
names no element), ``verify.tei-fidelity`` (a numbered paragraph
missing, or not the book's text: checked by ``lectio build``, which has the book), ``verify.tei-schema`` (an element or attribute tei_all does not allow).
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources
from pathlib import Path

from lxml import etree

from lectio.errors import ERROR, Finding, Location
from lectio.fsutil import display_path
from lectio.render.teixml import NS, XML_ID, xml_text

POINTERS = ("target", "targetEnd", "corresp", "wit")
APART = ("note", "rdg")  # not the base text: the notes, the other witnesses' readings
SCHEMA = "tei_all.rng.gz"  # TEI P5 3.0.0 tei_all, see data/tei/README.md


@functools.cache
def tei_all() -> etree.RelaxNG:
    """The TEI P5 ``tei_all`` RELAX NG schema shipped with lectio, compiled once per process."""
    data = resources.files("lectio").joinpath("data", "tei", SCHEMA).read_bytes()
    return etree.RelaxNG(etree.fromstring(gzip.decompress(data)))


def check(path: Path, schema: bool = False, book=None) -> tuple[list[Finding], dict]:
    """Findings and figures (bytes, paragraphs, notes, schema verdict) for one TEI file; with the
    ``book`` it was written from, every numbered paragraph's text is compared with the book's."""
    shown = display_path(path)
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        line, column = error.position
        return [Finding("verify.tei-malformed", f"the TEI file does not parse: {error.msg}",
                        Location(shown, line, column), ERROR, fix="report this: lectio wrote a broken file")], {}
    findings = pointer_findings(tree, shown) + (paragraph_findings(tree, book, shown) if book is not None else [])
    figures = {"bytes": path.stat().st_size, "paragraphs": len(tree.findall(f".//{{{NS}}}p[@n]")),
               "notes": len(tree.findall(f".//{{{NS}}}note[@place='foot']")), "schema": "not checked"}
    if schema:
        findings += schema_findings(tree, shown)
        figures["schema"] = "invalid" if any(f.code == "verify.tei-schema" for f in findings) else "valid"
    return findings, figures


def pointer_findings(tree, shown: str) -> list[Finding]:
    ids = set(tree.xpath("//@xml:id"))
    findings = []
    for node in tree.iter(etree.Element):
        for name in POINTERS:
            for pointer in (node.get(name) or "").split():
                if pointer.startswith("#") and pointer[1:] not in ids:
                    findings.append(Finding(
                        "verify.tei-pointer", f"{name}=\"{pointer}\" on <{etree.QName(node).localname}> names no "
                        "element of the document", Location(shown, node.sourceline or 0), ERROR,
                        fix="report this: every pointer lectio writes should name an xml:id it wrote"))
    return findings


def paragraph_findings(tree, book, shown: str) -> list[Finding]:
    """Each numbered paragraph of the book is the element ``<siglum>-<number>``, whose own text
    (its notes apart) is the paragraph's text, character for character."""
    found = {node.get(XML_ID): node for node in tree.iter(f"{{{NS}}}p", f"{{{NS}}}lg") if node.get("n")}
    findings = []
    for reading in book.readings:
        for paragraph in reading.text.paragraphs():
            node = found.get(f"{reading.siglum}-{paragraph.number}")
            own = own_text(node) if node is not None else None
            if own != xml_text(paragraph.text):  # less what XML cannot hold (control characters)
                findings.append(Finding(
                    "verify.tei-fidelity", f"paragraph {reading.siglum} {paragraph.number} is "
                    f"{'missing' if own is None else 'not the text of the book'} in the TEI file",
                    Location(shown, node.sourceline if node is not None else 0), ERROR,
                    fix="report this: the TEI file must hold every paragraph as the book has it"))
    return findings


def own_text(node) -> str:
    """The text of a paragraph as the book has it: without its notes and the other witnesses' readings;
    a line break (``lb``, a verse's next ``l``) is a newline."""
    if etree.QName(node).localname == "lg":
        return "\n".join(own_text(line) for line in node.iterchildren(f"{{{NS}}}l"))
    out = [node.text or ""]
    for child in node.iterchildren(etree.Element):
        name = etree.QName(child).localname
        out.append("\n" if name == "lb" else "" if name in APART else own_text(child))
        out.append(child.tail or "")
    return "".join(out)


def schema_findings(tree, shown: str) -> list[Finding]:
    validator = tei_all()
    if validator.validate(tree):
        return []
    return [Finding("verify.tei-schema", f"not valid TEI (tei_all): {error.message}", Location(shown, error.line,
                                                                                              error.column),
                    ERROR, fix="report this: lectio should write only what TEI P5 allows")
            for error in validator.error_log]


def report_lines(figures: dict) -> list[str]:
    if not figures:
        return []
    return [f"TEI: {figures['bytes']:,} bytes, numbered paragraphs {figures['paragraphs']}, "
            f"notes {figures['notes']}, tei_all schema {figures['schema']}"]

