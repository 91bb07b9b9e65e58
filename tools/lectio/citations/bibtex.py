"""BibTeX read with bibtexparser 2, resolved as BibTeX resolves it, and written back.

bibtexparser 2 splits a file into blocks but leaves ``#`` concatenation, the month
macros (``month = apr``), ``crossref`` and LaTeX accents unresolved. lectio's parse
stack, in this order:

1. ``ResolveValuesMiddleware`` (lectio): evaluates every field value as BibTeX does:
   parts joined by ``#``, each a braced or quoted string, a number, an ``@string``
   macro or a month macro. Undefined macros are recorded, not guessed.
2. ``RemoveEnclosingMiddleware`` (bibtexparser): drops the outer braces.
3. ``MonthIntMiddleware`` (bibtexparser): ``April`` and ``apr`` become 4.
4. ``LatexAccentsMiddleware`` (lectio): ``{\\'e}``, ``\\"o``, ``\\c{c}``, ``\\ss`` become
   Unicode. Unlike bibtexparser's LaTeX decoding it keeps the braces that protect
   capitals (``{C.P.S.U.(B.)}``) and commands such as ``\\emph``, which pandoc needs.

``crossref`` is resolved after every file is read (a parent may be in another file).
``dumps`` writes the resolved entries as a clean .bib: that, and nothing else, is
what pandoc formats.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry

from lectio.errors import ERROR, WARNING, Finding, Location

logging.getLogger("bibtexparser").addHandler(logging.NullHandler())  # its failed blocks become findings
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
           ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
           "c": "\u0327", "k": "\u0328", "b": "\u0331"}
LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø",
           "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_BASE = r"(?:\{(\\[ij]|[A-Za-z])\}|(\\[ij](?![A-Za-z])|[A-Za-z]))"
ACCENT = re.compile(r"\\(?:([`'^~=.\"])\s*" + _BASE + r"|([uvHckrdb])(?:\{(\\[ij]|[A-Za-z])\}|\s+([A-Za-z])))")
LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s*)")
BRACED_CHAR = re.compile(r"\{([^\x00-\x7f])\}")
NOT_INHERITED = {"crossref", "title", "subtitle", "titleaddon", "shorttitle", "ids"}
PARENT_TITLE = {"book": "booktitle", "proceedings": "booktitle", "collection": "booktitle",
                "mvbook": "maintitle", "mvcollection": "maintitle", "mvproceedings": "maintitle"}
ANY, YEAR = "|", ("year|date",)
REQUIRED = {
    "article": ("author", "title", "journal") + YEAR,
    "book": ("author|editor", "title", "publisher") + YEAR,
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher") + YEAR,
    "incollection": ("author", "title", "booktitle", "publisher") + YEAR,
    "inproceedings": ("author", "title", "booktitle") + YEAR,
    "conference": ("author", "title", "booktitle") + YEAR,
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school") + YEAR,
    "phdthesis": ("author", "title", "school") + YEAR,
    "thesis": ("author", "title", "institution|school") + YEAR,
    "misc": ("title",),
    "online": ("title", "url|doi"),
    "proceedings": ("title",) + YEAR,
    "techreport": ("author", "title", "institution") + YEAR,
    "unpublished": ("author", "title"),
    "collection": ("editor", "title") + YEAR,
    "report": ("author", "title", "institution") + YEAR,
}


@dataclass
class BibEntry:
    key: str
    type: str
    fields: dict[str, str]
    location: Location
    parents: list[str] = field(default_factory=list)


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
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        entries.append(BibEntry(entry.key, entry.entry_type.lower(), fields, where))
    return entries, findings


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
        names = ", ".join(sorted(block.duplicate_keys))
        return Finding("citations.failed-block", f"field {names} given twice in one entry", where, ERROR,
                       fix="keep one of them")
    first_line = (block.raw or "").strip().splitlines()[0][:60] if (block.raw or "").strip() else ""
    error = getattr(block, "error", None)
    reason = (getattr(error, "abort_reason", "") or str(error or "")).strip()
    if "Unexpected block start" in reason and _runs_on(block, shown):
        return _runs_on(block, shown)
    return Finding("citations.failed-block", f"entry could not be parsed: {first_line!r}"
                   + (f" ({reason})" if reason else ""), where, ERROR, fix="check its braces, quotes, commas and '='")


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


class LatexAccentsMiddleware(middlewares.middleware.BlockMiddleware):
    """LaTeX accents and letters to Unicode; every other brace and command is kept."""

    def __init__(self, allow_inplace_modification: bool = True):
        super().__init__(allow_inplace_modification=allow_inplace_modification, allow_parallel_execution=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "lectio_accents"

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        for item in entry.fields:
            if isinstance(item.value, str) and "\\" in item.value:
                item.value = decode_accents(item.value)
        return entry


def decode_accents(value: str) -> str:
    value = ACCENT.sub(_accent, value)
    value = LETTER.sub(lambda m: LETTERS[m.group(1)], value)
    return BRACED_CHAR.sub(lambda m: m.group(1) if m.group(1).islower() else m.group(0), value)


def _accent(match: re.Match) -> str:
    accent = match.group(1) or match.group(4)
    base = (match.group(2) or match.group(3) or match.group(5) or match.group(6)).lstrip("\\")
    return unicodedata.normalize("NFC", base + ACCENTS[accent])


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


def required_findings(entry: BibEntry) -> list[Finding]:
    """Fields an entry of its type must have (after crossref); an unknown type is reported."""
    if entry.type not in REQUIRED:
        near = difflib.get_close_matches(entry.type, list(REQUIRED), n=1)
        return [Finding("citations.entry-type", f"@{entry.type}{{{entry.key}}}: unknown entry type",
                        entry.location, WARNING, fix=f"did you mean @{near[0]}?" if near else
                        f"use one of @{', @'.join(sorted(REQUIRED))}")]
    return [Finding("citations.missing-field", f"@{entry.type}{{{entry.key}}} has no "
                    f"{' or '.join(repr(n) for n in names.split(ANY))}", entry.location, WARNING,
                    fix="add it; pandoc will format the entry without it")
            for names in REQUIRED[entry.type]
            if not any(entry.fields.get(n, "").strip() for n in names.split(ANY))]


def month_findings(entry: BibEntry) -> list[Finding]:
    month = entry.fields.get("month", "")
    if not month or (month.isdigit() and 1 <= int(month) <= 12):
        return []
    return [Finding("citations.month", f"@{entry.type}{{{entry.key}}}: month {month!r} is not a month",
                    entry.location, WARNING, fix="write a month macro (month = apr), a month name or a number 1–12")]


def dumps(entries: list[BibEntry]) -> str:
    """The resolved entries as BibTeX, one field per line, every value in braces."""
    out = []
    for entry in entries:
        body = "".join(f"  {name} = {{{_balanced(value)}}},\n" for name, value in entry.fields.items())
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
