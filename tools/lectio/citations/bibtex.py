"""BibTeX read with bibtexparser 2, resolved as BibTeX resolves it, and written back.

bibtexparser 2 splits a file into blocks but leaves ``#`` concatenation, the month
macros (``month = apr``), ``crossref`` and LaTeX accents unresolved. lectio's parse
stack, in this order:

1. ``ResolveValuesMiddleware`` (lectio): evaluates every field value as BibTeX does:
   parts joined by ``#``, each a braced or quoted string, a number, an ``@string``
   macro or a month macro. Undefined macros are recorded, not guessed.
2. ``RemoveEnclosingMiddleware`` (bibtexparser): drops the outer braces.
3. ``MonthIntMiddleware`` (bibtexparser): ``April`` and ``apr`` become 4.
4. ``LatexAccentsMiddleware`` (``citations/latex.py``): LaTeX accents become Unicode;
   the braces that protect capitals and commands such as ``\\emph`` are kept.

A field name given twice in one entry, in any case (``title``, ``Title``), is
``citations.duplicate-field`` at its line.

``crossref`` is resolved after every file is read (a parent may be in another file).
``dumps`` writes the resolved entries as a clean .bib: that, and nothing else, is
what pandoc formats.
"""

from __future__ import annotations

import difflib
import logging
import re

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from lectio.citations.entries import BibEntry, written_fields
from lectio.citations.entries import month_findings, required_findings  # noqa: F401 (re-exported)
from lectio.citations.latex import LatexAccentsMiddleware, decode_accents  # noqa: F401 (re-exported)
from lectio.errors import ERROR, Finding, Location

logging.getLogger("bibtexparser").addHandler(logging.NullHandler())  # its failed blocks become findings
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
NOT_INHERITED = {"crossref", "title", "subtitle", "titleaddon", "shorttitle", "ids"}
PARENT_TITLE = {"book": "booktitle", "proceedings": "booktitle", "collection": "booktitle",
                "mvbook": "maintitle", "mvcollection": "maintitle", "mvproceedings": "maintitle"}


def parse(raw: str, shown: str) -> tuple[list[BibEntry], list[Finding]]:
    """Entries of one .bib text, and what is wrong with it (failed blocks, macros)."""
    stack = parse_stack()
    library = bibtexparser.parse_string(raw, parse_stack=stack)
    findings = [_failed(block, shown) for block in library.failed_blocks]
    findings += [_undefined(f"@string{{{key}}}", key, part, Location(shown, line + 1), known)
                 for key, part, line, known in stack[0].undefined_in_strings]
    entries = []
    for entry in library.entries:
        where = Location(shown, entry.start_line + 1)
        for name, part, line, known in entry.parser_metadata.get(ResolveValuesMiddleware.metadata_key(), []):
            findings.append(_undefined(f"@{entry.entry_type.lower()}{{{entry.key}}}", name, part,
                                       Location(shown, line + 1), known))
        fields, found = _fields(entry, shown)
        findings += found
        entries.append(BibEntry(entry.key, entry.entry_type.lower(), fields, where))
    return entries, findings


def _fields(entry: Entry, shown: str) -> tuple[dict[str, str], list[Finding]]:
    """An entry's fields by lower-case name; a name given again in another case (``title``,
    ``Title``) is reported at its line and, as BibTeX does, the first value is kept."""
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    findings = []
    for item in entry.fields:
        name = item.key.lower()  # the values middleware has lowered it already
        line = (item.start_line or entry.start_line) + 1
        if name in fields:
            findings.append(_duplicate_field(entry.key, name, Location(shown, line), lines[name]))
            continue
        fields[name], lines[name] = str(item.value), line
    return fields, findings


def _duplicate_field(key: str, name: str, where: Location, first: int | None) -> Finding:
    before = f" (first at line {first}; field names ignore case)" if first else ""
    return Finding("citations.duplicate-field", f"entry {key!r}: field {name!r} given twice{before}",
                   where, ERROR,
                   fix=f"keep one {name!r} field and delete the other")


def parse_stack() -> list:
    """The order matters: values evaluated, enclosing removed, months numbered, accents decoded."""
    return [ResolveValuesMiddleware(True), middlewares.RemoveEnclosingMiddleware(True),
            middlewares.MonthIntMiddleware(True), LatexAccentsMiddleware(True)]


def _failed(block, shown: str) -> Finding:
    where = Location(shown, (block.start_line or 0) + 1)
    if isinstance(block, DuplicateBlockKeyBlock):
        first = block.previous_block.start_line + 1
        return Finding("citations.duplicate-key", f"key {block.key!r} defined again (first at line {first})",
                       where, ERROR, fix="give one of the two entries another key, or remove it")
    if isinstance(block, DuplicateFieldKeyBlock):
        name = sorted(block.duplicate_keys)[0]
        key = getattr(block.ignore_error_block, "key", "?")
        return _duplicate_field(key, name.lower(), _second_line(block, name, where), None)
    first_line = (block.raw or "").strip().splitlines()[0][:60] if (block.raw or "").strip() else ""
    error = getattr(block, "error", None)
    reason = (getattr(error, "abort_reason", "") or str(error or "")).strip()
    if "Unexpected block start" in reason and _runs_on(block, shown):
        return _runs_on(block, shown)
    return Finding("citations.failed-block", f"entry could not be parsed: {first_line!r}"
                   + (f" ({reason})" if reason else ""), where, ERROR, fix="check its braces, quotes, commas and '='")


def _second_line(block, name: str, where: Location) -> Location:
    """The line on which field ``name`` is written the second time in a failed block."""
    pattern = re.compile(rf"(?:^|[,{{\s]){re.escape(name)}\s*=", re.I)
    lines = [i for i, line in enumerate((block.raw or "").split("\n")) if pattern.search(line)]
    return Location(where.file, where.line + lines[1]) if len(lines) > 1 else where


def _runs_on(block, shown: str) -> Finding | None:
    """An entry whose braces do not balance, reported at the line whose brace is never closed."""
    raw = re.sub(r"\\[{}]", "", block.raw or "")
    if raw.count("{") <= raw.count("}"):
        return None
    start = (block.start_line or 0) + 1
    lines = raw.splitlines() or [""]
    culprit = next((i for i, line in enumerate(lines) if line.count("{") - line.count("}") > (1 if i == 0 else 0)),
                   0)
    return Finding("citations.failed-block", f"a brace opened on this line is never closed: the entry that "
                   f"starts at line {start} runs on into the next entry",
                   Location(shown, start + culprit), ERROR, fix="close the brace on this line")


def _undefined(entry: str, name: str, part: str, where: Location, known: list[str]) -> Finding:
    near = difflib.get_close_matches(part.lower(), known, n=1, cutoff=0.6)
    return Finding("citations.undefined-string", f"{entry}: field '{name}' uses {part!r}, which no "
                   "@string defines", where, ERROR,
                   fix=f"did you mean {near[0]!r}?" if near else
                   "define it with @string, or put the text in braces")


class ResolveValuesMiddleware(middlewares.middleware.LibraryMiddleware):
    """Evaluate each field value: ``#`` concatenation, @string macros, month macros."""

    @classmethod
    def metadata_key(cls) -> str:
        return "lectio_undefined"

    undefined_in_strings: list = []

    def transform(self, library: Library) -> Library:
        macros = {m[:3].lower(): m for m in MONTHS}
        self.undefined_in_strings = []
        for string in library.strings:
            macros[string.key.lower()], unknown = evaluate(string.value, macros)
            self.undefined_in_strings += [(string.key, part, string.start_line or 0, sorted(macros))
                                          for part in unknown]
        for entry in library.entries:
            self._resolve_entry(entry, macros)
        return library

    def _resolve_entry(self, entry: Entry, macros: dict[str, str]) -> None:
        undefined = []
        for item in entry.fields:
            item.key = item.key.lower()  # MONTH = jan is a month too
            if isinstance(item.value, str):
                value, unknown = evaluate(item.value, macros)
                item.value = "{" + value + "}"
                undefined += [(item.key, part, item.start_line, sorted(macros)) for part in unknown]
        if undefined:
            entry.parser_metadata[self.metadata_key()] = undefined


def evaluate(raw: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A BibTeX value: ``{…}``, ``"…"``, numbers and macros joined by ``#``."""
    out, unknown = [], []
    for part in (p.strip() for p in split_concatenation(raw)):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in macros:
            out.append(macros[part.lower()])
        else:
            unknown.append(part)
    return "".join(out), unknown


def split_concatenation(raw: str) -> list[str]:
    """Split at each ``#`` outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:index])
            start = index + 1
    return parts + [raw[start:]]


def resolve_crossrefs(entries: dict[str, BibEntry]) -> list[Finding]:
    """Children inherit what they lack from their parent (its title as their booktitle)."""
    findings: list[Finding] = []
    for entry in entries.values():
        _inherit(entry, entries, findings, [])
    return findings


def _inherit(entry: BibEntry, entries: dict[str, BibEntry], findings: list[Finding],
             chain: list[str]) -> None:
    target = entry.fields.pop("crossref", None)
    if target is None:
        return
    parent = entries.get(target)
    if parent is None or target in chain + [entry.key]:
        findings.append(_bad_crossref(entry, target, entries, cycle=parent is not None))
        return
    _inherit(parent, entries, findings, chain + [entry.key])
    entry.parents = [target] + parent.parents
    for name, value in parent.fields.items():
        if name not in NOT_INHERITED:
            entry.fields.setdefault(name, value)
    if "title" in parent.fields and parent.type in PARENT_TITLE:
        entry.fields.setdefault(PARENT_TITLE[parent.type], parent.fields["title"])


def _bad_crossref(entry: BibEntry, target: str, entries: dict[str, BibEntry], cycle: bool) -> Finding:
    name = f"@{entry.type}{{{entry.key}}}"
    if cycle:
        return Finding("citations.crossref", f"{name}: crossref to {target!r} makes a cycle",
                       entry.location, ERROR, fix="a parent entry must not point back to its child")
    near = difflib.get_close_matches(target, list(entries), n=1, cutoff=0.6)
    return Finding("citations.crossref", f"{name}: crossref to unknown entry {target!r}", entry.location, ERROR,
                   fix=f"did you mean {near[0]!r}?" if near else "add the parent entry")


def dumps(entries: list[BibEntry]) -> str:
    """The resolved entries as BibTeX, one field per line, every value in braces; the
    language as ``langid``, a BCP 47 tag (see ``entries.written_fields``)."""
    out = []
    for entry in entries:
        body = "".join(f"  {name} = {{{_balanced(value)}}},\n" for name, value in written_fields(entry).items())
        out.append(f"@{entry.type}{{{entry.key},\n{body}}}\n")
    return "\n".join(out)


def _balanced(value: str) -> str:
    """Braces in a written value must pair; a stray one is dropped."""
    depth, out = 0, []
    for char in value:
        if char == "}" and depth == 0:
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        out.append(char)
    text = "".join(out)
    while depth > 0:
        index = text.rindex("{")
        text, depth = text[:index] + text[index + 1:], depth - 1
    return text
