"""A BibTeX entry as lectio resolved it, and the checks made on one entry.

Fields BibTeX and biblatex require of each entry type (after ``crossref``) and
months that are not months are warnings: pandoc formats the entry without them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lectio.errors import WARNING, Finding, Location

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


# The language names of babel and polyglossia (what ``langid`` and ``language`` hold in
# BibTeX and biblatex files), as the BCP 47 tags CSL's ``language`` takes.
LANGUAGES = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB", "ukenglish": "en-GB",
    "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
    "french": "fr-FR", "francais": "fr-FR", "français": "fr-FR", "frenchb": "fr-FR", "acadian": "fr-CA",
    "canadien": "fr-CA", "german": "de-DE", "ngerman": "de-DE", "deutsch": "de-DE", "austrian": "de-AT",
    "naustrian": "de-AT", "swissgerman": "de-CH", "nswissgerman": "de-CH", "italian": "it-IT",
    "spanish": "es-ES", "castilian": "es-ES", "catalan": "ca-AD", "galician": "gl-ES", "basque": "eu",
    "portuguese": "pt-PT", "portuges": "pt-PT", "brazil": "pt-BR", "brazilian": "pt-BR", "dutch": "nl-NL",
    "flemish": "nl-BE", "latin": "la", "greek": "el-GR", "polutonikogreek": "grc", "ancientgreek": "grc",
    "russian": "ru-RU", "ukrainian": "uk-UA", "polish": "pl-PL", "czech": "cs-CZ", "slovak": "sk-SK",
    "slovene": "sl-SI", "slovenian": "sl-SI", "croatian": "hr-HR", "serbian": "sr-RS", "bulgarian": "bg-BG",
    "romanian": "ro-RO", "hungarian": "hu-HU", "magyar": "hu-HU", "swedish": "sv-SE", "danish": "da-DK",
    "norsk": "nb-NO", "norwegian": "nb-NO", "bokmal": "nb-NO", "nynorsk": "nn-NO", "icelandic": "is-IS",
    "finnish": "fi-FI", "estonian": "et-EE", "latvian": "lv-LV", "lithuanian": "lt-LT", "irish": "ga-IE",
    "welsh": "cy-GB", "turkish": "tr-TR", "hebrew": "he-IL", "arabic": "ar", "persian": "fa-IR",
    "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR",
}
LANGUAGE_FIELDS = ("langid", "hyphenation", "language")  # the first one given decides
TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.I)


def language_tag(entry: BibEntry) -> str | None:
    """The entry's language as a BCP 47 tag (``french`` → ``fr-FR``), or None when it gives none.
    Of several (``language = {french and german}``) the first is the work's."""
    value = next((entry.fields[n] for n in LANGUAGE_FIELDS if entry.fields.get(n, "").strip()), "")
    first = re.split(r"\s+and\s+|[,;]", value.strip().strip("{}"))[0].strip().strip("{}")
    if not first:
        return None
    return LANGUAGES.get(first.casefold(), first if TAG.fullmatch(first) else None)


def written_fields(entry: BibEntry) -> dict[str, str]:
    """The fields lectio writes for pandoc: the language, from whichever field gave it, as
    ``langid`` (the only language field pandoc's BibTeX reader maps to CSL ``language``;
    citeproc title-cases only items whose language is English or absent)."""
    fields = {name: value for name, value in entry.fields.items() if name not in LANGUAGE_FIELDS}
    tag = language_tag(entry)
    if tag:
        fields["langid"] = tag
    return fields


def language_findings(entry: BibEntry) -> list[Finding]:
    """A language lectio cannot name as CSL does: pandoc would title-case the entry as English."""
    written = next(((n, entry.fields[n]) for n in LANGUAGE_FIELDS if entry.fields.get(n, "").strip()), None)
    if written is None or language_tag(entry):
        return []
    near = difflib.get_close_matches(written[1].strip().casefold(), list(LANGUAGES), n=1)
    return [Finding("citations.language", f"@{entry.type}{{{entry.key}}}: {written[0]} {written[1]!r} is not a "
                    "language lectio knows", entry.location, WARNING,
                    fix=f"did you mean {near[0]!r}?" if near else
                    "write a babel name (french, ngerman) or a language tag (fr-FR, de-DE)")]
