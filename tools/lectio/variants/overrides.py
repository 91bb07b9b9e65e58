"""The editor's corrections of a collation, from the reading's variants file (docs/variants.md).

The file is read and checked like every TOML file of the editor (``config.tomlfile``: codes,
line and column). Its ``[[entry]]`` tables are applied in order to the collated places: each
names a place by its lemma (and paragraph), then merges it with the next place of its
paragraph, drops it, chooses the lemma's witness or adds a note. A table naming no place,
or several, is an error at its line, with the lemmata that come nearest.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from lectio.config import tomlfile
from lectio.config.report import Source
from lectio.config.variants_schema import Entry, VariantsFile
from lectio.errors import ERROR, WARNING, Finding, Location, VariantsError
from lectio.variants.collate import Place, tokens_at
from lectio.variants.tokens import Rules, spelling_map

KIND = "variants"


@dataclass
class Draft:
    """A place of variation on its way to an apparatus entry."""

    place: Place
    base: str = ""  # the witness whose reading is the lemma ("" for the base text's)
    note: str = ""
    location: Location | None = None  # the [[entry]] that corrected it


def read(path: Path | None) -> tuple[VariantsFile, Source | None, list[Finding]]:
    """The variants file checked against its schema (an empty one when there is none)."""
    if path is None:
        return VariantsFile(), None, []
    data, raw = tomlfile.read(path, KIND, VariantsError)
    where = tomlfile.source(path, raw, KIND, VariantsFile)
    value, found = tomlfile.check(VariantsFile, data, where)
    return value or VariantsFile(), where, found


def rules(file: VariantsFile) -> Rules:
    normal = file.normalize
    return Rules(normal.case, normal.punctuation, spelling_map(normal.spelling, normal.case), frozenset(normal.marks))


def apply(drafts: list[Draft], file: VariantsFile, where: Source | None, collation) -> tuple[list[Draft], list[Finding]]:
    """Every [[entry]] applied in turn; ``collation`` tells a place's lemma, paragraph and readings."""
    found: list[Finding] = []
    for index, entry in enumerate(file.entries):
        at = _at(where, index)
        matches = [i for i, d in enumerate(drafts) if collation.lemma(d.place) == entry.lemma
                   and entry.paragraph in (0, collation.paragraph(d.place))]
        if len(matches) != 1:
            found.append(_unmatched(entry, matches, drafts, collation, at))
            continue
        drafts, problem = _correct(drafts, matches[0], entry, at, collation)
        found += [problem] if problem else []
    return drafts, found


def _at(where: Source | None, index: int, *keys: str) -> Location:
    if where is None:
        return Location("")
    line, column = where.locator.find(("entry", index, *keys))
    return Location(where.file, line, column)


def _correct(drafts: list[Draft], index: int, entry: Entry, at: Location, collation):
    draft = replace(drafts[index], location=at)
    if entry.note:
        draft.note = entry.note
    if entry.base:
        if entry.base not in collation.sigla:
            return drafts, Finding(f"{KIND}.unknown-witness", f"no witness {entry.base!r} to take the lemma from",
                                   at, ERROR, fix="name one of the collated witnesses: " + ", ".join(collation.sigla))
        draft.base = entry.base
    if entry.drop:
        return drafts[:index] + drafts[index + 1:], None
    if entry.merge:
        return _merged(drafts, index, draft, at, collation)
    return drafts[:index] + [draft] + drafts[index + 1:], None


def _merged(drafts: list[Draft], index: int, draft: Draft, at: Location, collation):
    after = drafts[index + 1] if index + 1 < len(drafts) else None
    if after is None or collation.paragraph(after.place) != collation.paragraph(draft.place):
        return drafts, Finding(f"{KIND}.nothing-to-merge", f"the entry {collation.lemma(draft.place)!r} is the last "
                               "of its paragraph: there is no next entry to merge it with", at, ERROR,
                               fix="merge the entry before it instead, or remove merge = true")
    start, end = draft.place.start, after.place.end
    place = Place(start, end, {a.siglum: tokens_at(a, start, end) for a in collation.alignments
                               if a.siglum in draft.place.readings and a.siglum in after.place.readings})
    merged = replace(draft, place=place, note=draft.note or after.note, base=draft.base or after.base)
    return drafts[:index] + [merged] + drafts[index + 2:], None


def _unmatched(entry: Entry, matches: list[int], drafts: list[Draft], collation, at: Location) -> Finding:
    if matches:
        paragraphs = ", ".join(str(collation.paragraph(drafts[i].place)) for i in matches)
        return Finding(f"{KIND}.ambiguous-entry", f"{len(matches)} entries have the lemma {entry.lemma!r} "
                       f"(in paragraphs {paragraphs})", at, ERROR, fix="add paragraph = <its number> to the entry")
    lemmata = list(dict.fromkeys(collation.lemma(d.place) for d in drafts))
    near = difflib.get_close_matches(entry.lemma, lemmata, n=3, cutoff=0.5)
    where = f" in paragraph {entry.paragraph}" if entry.paragraph else ""
    return Finding(f"{KIND}.no-such-entry", f"no entry of the collation has the lemma {entry.lemma!r}{where}", at,
                   ERROR, fix=("the nearest lemmata: " + "; ".join(repr(n) for n in near)) if near else
                   "quote the lemma as `lectio check` collates it: the base text's words at the place")


def base_agrees(draft: Draft, collation) -> bool:
    """Whether the witness chosen for the lemma reads like the base text there (nothing to choose)."""
    return bool(draft.base) and collation.key(draft.place, draft.base) == collation.key(draft.place, "")


def agreement_warning(draft: Draft) -> Finding:
    return Finding(f"{KIND}.base-agrees", f"witness {draft.base!r} reads like the base text here: choosing it "
                   "changes nothing", draft.location or Location(""), WARNING, fix="remove base = … from the entry")
