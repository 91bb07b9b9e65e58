"""The index of names: the editor's list (``[index] names``, schema ``config.index_schema``) matched in
the readings' text and their notes.

Matching is on whole words (a form is not found inside a longer word) and case-aware: a form is
found as written, or in capitals (a heading set in capitals). Where the forms of two names overlap
at one place the longest wins ("Jane Roe" before "Roe"). A match in a reading's text gets an
anchor (a ``Span(kind="index")``: the print HTML's id, whose page the layout tells); a match in a
note points at the note (its footnote's id). Sorting ignores case, accents and a leading article.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

from lectio.citations.citeprocfix import ARTICLES as TITLE_ARTICLES
from lectio.citations.unlinked import fold
from lectio.config import tomlfile
from lectio.config.index_schema import NameEntry, NamesFile
from lectio.errors import ERROR, WARNING, ConfigError, Finding, Location
from lectio.index import Entry, Hit, Index
from lectio.model import Block, Note, Reading, Span

ARTICLES = TITLE_ARTICLES["en"]  # ignored at the head of a heading when sorting, as in the bibliography


def load_names(path: Path) -> tuple[tuple[NameEntry, ...], list[Finding]]:
    """The names list; each schema error a finding at its line (nothing indexed then)."""
    try:
        data, raw = tomlfile.read(path, "index", ConfigError)
    except ConfigError as refused:
        return (), list(refused.findings) or [refused.as_finding()]
    where = tomlfile.source(path, raw, "index", NamesFile)
    names, findings = tomlfile.check(NamesFile, data, where)
    if names is None:
        return (), findings
    for number, entry in enumerate(names.names):
        entry._location = Location(where.file, where.locator.find(("name", number))[0])
    return names.names, findings + _duplicates(names.names)


def _duplicates(names) -> list[Finding]:
    seen: dict[str, NameEntry] = {}
    findings = []
    for entry in names:
        for form in forms_of(entry):
            if form in seen and seen[form] is not entry:
                findings.append(Finding("index.duplicate-form", f"the form “{form}” is given for “{entry.name}” and "
                                        f"for “{seen[form].name}” (line {seen[form].location.line})", entry.location,
                                        ERROR, fix="give each form to one name only"))
            seen.setdefault(form, entry)
    return findings


def forms_of(entry: NameEntry) -> tuple[str, ...]:
    return entry.forms or (entry.name,)


def sort_key(heading: str, given: str = "") -> str:
    """Case, accents and a leading article ignored: "The Hague" sorts as "hague"."""
    text = given or heading
    words = text.split(maxsplit=1)
    if not given and len(words) == 2 and words[0].casefold() in ARTICLES:
        text = words[1]
    return fold(re.sub(r"<[^>]+>", "", text))


def matcher(names) -> tuple[re.Pattern, dict[str, NameEntry]]:
    """One pattern for the whole list (each form as written and in capitals, the longest first, so
    that where two overlap the longest wins), and the name each matched string stands for."""
    owner = {}
    for entry in names:
        for form in forms_of(entry):
            owner.setdefault(form, entry)
            owner.setdefault(form.upper(), entry)
    alternatives = "|".join(re.escape(form) for form in sorted(owner, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), owner


def matches(text: str, names, compiled=None) -> list[tuple[int, int, NameEntry]]:
    """Every (start, end, name) in ``text``: whole words, as written or in capitals, longest first."""
    pattern, owner = compiled or matcher(names)
    return [(m.start(), m.end(), owner[m.group()]) for m in pattern.finditer(text)]


def index_of_names(path: Path, book) -> tuple[Index, list[Finding]]:
    names, findings = load_names(path)
    hits: dict[int, list[Hit]] = {id(entry): [] for entry in names}
    counter, compiled = itertools.count(1), matcher(names)
    for reading in book.readings:
        for block in reading.text.blocks:
            _in_block(reading, block, compiled, hits, counter)
            for ref in block.notes:
                _in_note(reading, block, ref.note, compiled, hits)
    entries = [Entry(html.escape(e.name), sort_key(e.name, e.sort), tuple(hits[id(e)])) for e in names]
    findings += [Finding("index.name-unused", f"“{e.name}” is found nowhere in the readings or their notes",
                         e.location, WARNING, fix="correct its forms, or remove it from the names list")
                 for e in names if not hits[id(e)]]
    ordered = tuple(sorted((e for e in entries if e.hits), key=lambda e: e.sort))
    return Index("index-names", "Index of names", ordered), findings


def label(reading: Reading, block: Block) -> tuple[str, str]:
    """A block's paragraph ("B 7") and the EPUB link to it; an unnumbered block: its reading."""
    if block.number is None:
        return reading.siglum, f"#{reading.anchor}"
    return f"{reading.siglum} {block.number}", f"#{reading.siglum}-{block.number}"


def _in_block(reading: Reading, block: Block, compiled, hits: dict, counter) -> None:
    where, target = label(reading, block)
    for start, end, entry in matches(block.text, (), compiled):
        anchor = f"ix-{next(counter)}"
        block.spans.append(Span(start, end, "index", anchor))
        hits[id(entry)].append(Hit(anchor, where, target))


def _in_note(reading: Reading, block: Block, note: Note, compiled, hits: dict) -> None:
    where, target = label(reading, block)
    text = html.unescape(re.sub(r"<[^>]+>", "", note.html or note.markdown))
    for entry in {id(e): e for _, _, e in matches(text, (), compiled)}.values():
        hits[id(entry)].append(Hit(note.anchor(reading.siglum), where, target))
