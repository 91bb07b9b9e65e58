"""What lectio gives pandoc's citeproc where citeproc, left alone, is not Chicago.

Each run of citeproc gets a copy of the resolved entries and of the CSL style, changed
for the class of input that goes wrong, never for one entry:

- **Disambiguation that is not needed** (jgm/citeproc#133). A note style that renders
  the ibid. position as the author alone ("Doe.") gives two works of one author the
  same rendering there; citeproc then takes every citation of those works as ambiguous
  and renders their short notes in the style's ``disambiguate="true"`` form: a short
  note that carries the full note's publisher and date, and drops "in *Papers*, vol. 4",
  so that a chapter reads as a book. The style's ``disambiguate`` conditions are made
  to hold only for works that really share their authors and short title (the only
  ambiguity of a short note): those entries are given the CSL variable ``keyword`` and
  the conditions require it (:func:`plain_style`).
- **An abbreviation's period at the end of a title** ("…in the U.S.A."). citeproc
  drops the comma after it, "U.S.A.” in"; Chicago keeps it, "U.S.A.,” in" (CMOS 17
  6.118: a period that ends an abbreviation stays before a comma; it serves as the
  sentence's period). That period is given as U+2024 ONE DOT LEADER, which citeproc does
  not take for punctuation, and :func:`restore` turns it back (:data:`ABBREVIATION`).
- **A page range posing as a locator**. A chapter's or an article's ``pages`` are its
  extent: Chicago gives them in the bibliography, while a note gives the page cited
  (CMOS 17 14.107, 14.175), which is the citation's locator. Notes are formatted
  without the ``pages`` of the types in :data:`PARTS`.
- **Articles in the bibliography's order**. citeproc sorts "A Year of…" under A. The
  bibliography is sorted first on a key lectio writes (authors, then the title without
  its leading article in the entry's language, :data:`ARTICLES`), given as the CSL
  variable ``keyword``; the style's own keys break ties.
- **An in-text citation in the ibid. position** (``Compare @key [7] with it``, as
  ``citations/prose.py`` sends a citation read in a note's prose) comes back as "Doe,
  ibid., 7": the author's name is dropped before the style's ibid. term, which lectio
  learns by formatting one made-up work twice (:func:`ibid_term`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from lectio import pandoc
from lectio.citations.entries import BibEntry, language_tag

DOT = "\u2024"
TITLES = ("title", "booktitle", "journal", "journaltitle", "shorttitle", "series", "maintitle")
# an initialism (U.S.A., e.g.) or a short capitalized or common abbreviation (Jr., Inc., etc.)
# at the end of a value, before any closing braces
ABBREVIATION = re.compile(r"(?:(?:(?<![^\W\d_])[^\W\d_]\.){2,}|(?<![^\W\d_])(?:[A-Z][a-z]{0,2}|etc|al|ca|vol|vols"
                          r"|no|ed|eds|trans|repr|ser)\.)(?=\}*\s*$)")
PARTS = ("incollection", "inbook", "inproceedings", "conference", "article")
ARTICLES = {
    "en": ("a", "an", "the"), "fr": ("le", "la", "les", "l'", "l’", "un", "une"),
    "de": ("der", "die", "das", "ein", "eine"), "es": ("el", "la", "los", "las", "un", "una"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l'", "l’", "un", "uno", "una"),
    "pt": ("o", "a", "os", "as", "um", "uma"), "nl": ("de", "het", "een"),
}
SKIP = re.compile(r"""<(if|else-if)\s+disambiguate\s*=\s*["']true["']\s+match\s*=\s*["']none["']\s*/>""")
DISAMBIGUATE = re.compile(r"""(<(?:if|else-if)\s+disambiguate\s*=\s*["']true["'])(\s*/?>)""")
SORT = re.compile(r"(<bibliography\b.*?<sort>)", re.S)


def note_entries(entries: list[BibEntry]) -> list[BibEntry]:
    """The entries as citeproc formats notes from them: ``keyword`` marks the ambiguous ones."""
    ambiguous = _ambiguous(entries)
    return [_protect(replace(e, fields={n: v for n, v in e.fields.items()
                                        if n != "keywords" and not (n == "pages" and e.type in PARTS)}
                             | ({"keywords": "ambiguous"} if e.key in ambiguous else {}))) for e in entries]


def bibliography_entries(entries: list[BibEntry]) -> list[BibEntry]:
    """The entries as citeproc formats the bibliography from them: each with its sort key."""
    return [_protect(replace(e, fields={**e.fields, "keywords": sort_key(e)})) for e in entries]


def _protect(entry: BibEntry) -> BibEntry:
    fields = {name: ABBREVIATION.sub(lambda m: m.group()[:-1] + DOT, value) if name in TITLES else value
              for name, value in entry.fields.items()}
    return replace(entry, fields=fields)


def restore(html: str) -> str:
    """An abbreviation's period back; a sentence's period after it (past closing tags and
    quotation marks) is the same period."""
    html = re.sub(DOT + r"((?:<[^>]+>|[\u201d\u2019])*)\.", r".\1", html)
    return html.replace(DOT, ".")


def sort_key(entry: BibEntry) -> str:
    """Authors (or editors), then the title without its leading article, folded."""
    names = entry.fields.get("author") or entry.fields.get("editor") or ""
    people = [_surname_first(name) for name in re.split(r"\s+and\s+", _plain(names)) if name.strip()]
    return _fold(" ".join(people + [strip_article(_plain(entry.fields.get("title", "")), language_tag(entry))]))


def strip_article(title: str, tag: str | None) -> str:
    """A title without its leading article, in the language of the tag (English when none)."""
    articles = ARTICLES.get((tag or "en").split("-")[0].casefold(), ())
    title = title.strip().lstrip("\"'“‘«¿¡([")
    words = title.split(None, 1)
    for article in articles:
        if article.endswith(("'", "’")) and title.casefold().startswith(article) and len(title) > len(article):
            return title[len(article):]
        if len(words) == 2 and words[0].casefold() == article:
            return words[1]
    return title


def _surname_first(name: str) -> str:
    name = name.strip()
    if "," in name:
        family, given = name.split(",", 1)
        return f"{family.strip()} {given.strip()}"
    parts = name.rsplit(None, 1)
    return f"{parts[-1]} {parts[0]}" if len(parts) == 2 else name


def _plain(value: str) -> str:
    return re.sub(r"[{}\\]", "", value)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", "".join(c for c in text if not unicodedata.combining(c))))


def plain_style(csl: str) -> str:
    """The style whose ``disambiguate`` conditions hold only for entries with a ``keyword``,
    and whose bibliography is sorted first on ``keyword``. A condition that also names
    ``match="any"`` or other tests is left as it is."""
    csl = SKIP.sub(r'<\1 variable="keyword" match="none"/><else-if disambiguate="true" match="none"/>', csl)
    csl = DISAMBIGUATE.sub(r'\1 variable="keyword"\2', csl)
    return SORT.sub(r'\1<key variable="keyword"/>', csl, count=1)


def _ambiguous(entries: list[BibEntry]) -> set[str]:
    """The keys of entries whose surnames and short title (before a colon) another entry shares."""
    groups: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        names = entry.fields.get("author") or entry.fields.get("editor") or ""
        surnames = tuple(_surname_first(n).split(" ")[0] for n in re.split(r"\s+and\s+", _plain(names)))
        title = _plain(entry.fields.get("shorttitle") or entry.fields.get("title", "").split(":")[0])
        groups.setdefault((_fold(" ".join(surnames)), _fold(title)), []).append(entry.key)
    return {key for keys in groups.values() if len(keys) > 1 for key in keys}


def write_style(style: Path, folder: Path) -> Path:
    """The changed copy of the style, written into the run's temporary folder."""
    path = folder / style.name
    path.write_text(plain_style(style.read_text(encoding="utf-8")), encoding="utf-8")
    return path


PROBE = """---
references:
- {id: lectio-probe, type: book, title: Qzx, author: [{family: Qzxw, given: Q.}]}
---
x[^1] x[^2]

[^1]: [@lectio-probe].

[^2]: [@lectio-probe].
"""


@functools.lru_cache(maxsize=16)
def ibid_term(style: Path, timeout: float) -> str | None:
    """The word the style prints in the ibid. position ("ibid."), learnt by formatting one
    made-up work twice; None when that position repeats the author (Chicago 17: "Doe.")."""
    html = pandoc.run(["-f", "markdown", "-t", "html5", "--wrap=none", "--citeproc", "--csl", str(style),
                       "-M", "suppress-bibliography=true"], PROBE, timeout=timeout, what="style")
    second = re.search(r'<li id="fn2">(.*?)</li>', html, re.S)
    words = re.sub(r"<[^>]+>|↩︎", " ", second.group(1) if second else "").split()
    return None if not words or "Qzxw" in " ".join(words) else words[0].rstrip(",.").casefold()


def ibid_in_text(html: str, term: str | None) -> str:
    """An in-text citation in the ibid. position: pandoc writes the author's name, a comma and
    the note form ("Doe, ibid., 7"); the name goes ("ibid., 7")."""
    if not term:
        return html
    return re.sub(rf'(<span class="citation"[^>]*>)(?:(?!</span>)[^<]|<(?!/?span\b)[^>]*>)*?,\s+(?={re.escape(term)}\b)',
                  r"\1", html, flags=re.I)
