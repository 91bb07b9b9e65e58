"""Keyless short references: "See Burke, Reflections", "Burke’s *Reflections*".

An editor (or a source) often names a work the bibliography holds without citing it.
Such a reference is reported as ``citations.unlinked-reference`` (a warning) at its
file:line:col, with the key to write. To keep false positives out, a reference is
the shape a short reference has (Chicago 14.29–14.32: the author's surname, then
the first words of the title): an author's (or, for an edited work, an editor's)
surname, followed within :data:`WINDOW` words of the same sentence by one of the
first two *distinctive* words of the title (four letters or more, not a common
word of titles such as "Works" or "Letters", not the surname), written with a
capital as a title is. Surname and title are compared without regard to case or
accents. Citations themselves, and a paragraph or note that already cites the
entry (or another entry of the same author and title, an edition of it), are
not searched: a surname alone, or a common noun after it ("Burke's reflections
on France"), is never reported.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from lectio.citations.entries import BibEntry
from lectio.citations.prose import CITE_KEY, GROUP
from lectio.errors import WARNING, Finding, Location
from lectio.model import Note, Text

WINDOW = 5  # words from the surname to the title word, at most
COMMON = frozenset("""
a an the and or of in on to for from with by at as its his her their our this that these those
about above after against among before between into through under upon over without within
work works collected complete selected writings papers letters essays essay speeches speech
history histories introduction volume volumes edition editions book books text texts part
parts study studies new old first second third some other notes note report reports
der die das und von des zur zum ein eine dem den les la le et du de des sur une un
""".split())
WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\u00c0-\u024f\u201c\"‘(]|\s*$)")


@dataclass(frozen=True)
class Work:
    key: str
    surnames: frozenset[str]
    title_words: frozenset[str]


@functools.lru_cache(maxsize=1 << 16)  # a book's words repeat: each is folded once
def fold(text: str) -> str:
    """Lower case, accents removed: "Rousseau's Émile" → "rousseau's emile"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def works(entries: dict[str, BibEntry]) -> list[Work]:
    """What each entry can be named by; an entry without a surname or a distinctive word is left out."""
    found = []
    for key, entry in entries.items():
        surnames = frozenset(_surnames(entry.fields.get("author") or entry.fields.get("editor") or ""))
        words = frozenset(w for name in ("title", "shorttitle") for w in _head(entry.fields.get(name, ""), surnames))
        if surnames and words:
            found.append(Work(key, surnames, words))
    return found


def _head(title: str, surnames: frozenset[str]) -> list[str]:
    """The first two distinctive words of a title's main part (before a colon)."""
    main = re.split(r"[:.?!]\s", re.sub(r"\\\w+", " ", title) + " ")[0]
    return [w for w in WORD.findall(fold(main))
            if len(w) >= 4 and w not in COMMON and w not in surnames and not w.isdigit()][:2]


def _surnames(names: str) -> list[str]:
    """The last word of each family name: "Burke, Edmund and Thomas Paine" → burke, paine."""
    out = []
    for name in re.split(r"\s+and\s+", re.sub(r"[{}]", "", names)):
        family = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
        words = WORD.findall(fold(family))
        if words and len(words[-1]) >= 3 and words[-1] != "others":
            out.append(words[-1])
    return out


def unlinked_findings(texts: list[Text], entries: dict[str, BibEntry]) -> list[Finding]:
    """Every keyless reference to a work of the bibliography, in running text and in notes."""
    known: dict[str, list[Work]] = {}  # surname → the works it may name
    for work in works(entries):
        for surname in work.surnames:
            known.setdefault(surname, []).append(work)
    if not known:
        return []
    by_key: dict[str, list[Work]] = {}  # made once: a sentence's cited works are looked up, not searched for
    for work in (w for works_ in known.values() for w in works_):
        by_key.setdefault(work.key, []).append(work)
    findings = []
    for text in texts:
        for block in text.blocks:
            cited = {k for ref in block.notes for k in _keys(ref.note.markdown)}
            for offset, work in _references(block.text, known, [w for k in cited for w in by_key.get(k, ())]):
                findings.append(_finding(work, text.location(block, offset), block.text, offset))
        for note in text.notes:
            masked = _masked(note.markdown)
            cited_works = [w for k in set(_keys(note.markdown)) for w in by_key.get(k, ())]
            for offset, work in _references(masked, known, cited_works):
                findings.append(_finding(work, _note_location(note, offset), masked, offset))
    return findings


def _keys(markdown: str) -> list[str]:
    return [m.group(1) for m in CITE_KEY.finditer(markdown)]


def _masked(markdown: str) -> str:
    """The note's prose with its citations blanked out (same length, so offsets hold)."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    return CITE_KEY.sub(blank, GROUP.sub(blank, markdown))


def _references(prose: str, known: dict[str, list[Work]], cited_works: list[Work]) -> list[tuple[int, Work]]:
    """(offset of the surname, work) for each sentence that names a work not cited there."""
    found, start = [], 0
    for end in [m.end() for m in SENTENCE_END.finditer(prose)] + [len(prose)]:
        words = [(m.start() + start, fold(m.group()), m.group()[0].isupper())
                 for m in WORD.finditer(prose[start:end])]
        found += [hit for hit in _in_sentence(words, known) if not _same(hit[1], cited_works)]
        start = end
    first = {hit[1].key: hit for hit in reversed(found)}  # one report per work and paragraph: the first
    return sorted(first.values(), key=lambda hit: hit[0])


def _same(work: Work, cited: list[Work]) -> bool:
    """The work, or another edition of it (same surname and title words), is cited here."""
    return any(work.surnames & other.surnames and work.title_words & other.title_words for other in cited)


def _in_sentence(words: list[tuple[int, str, bool]], known: dict[str, list[Work]]) -> list[tuple[int, Work]]:
    """Each surname followed closely by a capitalized head word of one of its works' titles."""
    hits = []
    for index, (offset, word, _) in enumerate(words):
        named = known.get(word) or known.get(word[:-1] if word.endswith("s") else "", ())  # German "Kants"
        if named:  # the words after it are read only after a surname
            after = {w for _, w, capital in words[index + 1:index + 1 + WINDOW] if capital}
            hits += [(offset, work) for work in named if work.title_words & after]
    return hits


def _note_location(note: Note, offset: int) -> Location:
    where = note.text_location or note.location
    if where.column and "\n" not in note.markdown[:offset]:
        return Location(where.file, where.line, where.column + offset)
    return where


def _finding(work: Work, where: Location, prose: str, offset: int) -> Finding:
    phrase = " ".join(prose[offset:offset + 60].split()[:6])
    return Finding("citations.unlinked-reference", f"{phrase!r}… names a work of the bibliography "
                   f"({work.key}) without citing it", where, WARNING,
                   fix=f"write [@{work.key}] (or [see @{work.key}]) where the work is named")
