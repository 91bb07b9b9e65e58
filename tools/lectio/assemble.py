"""Stage 6: one document model for every writer.

The Book holds the front matter, the generated Note on the text, the readings with
their stable paragraph numbers, the apparatus and the bibliography. The Note on the
text is written from what the earlier stages recorded: normalization counts and the
editor's decisions on each defect.
"""

from __future__ import annotations

import html
import re

from lectio.errors import INFO, Finding
from lectio.model import ApparatusEntry, Book, Reading, Text

RULE_WORDS = {
    "tex-double-quotes": "TeX double quotation marks made typographic",
    "tex-single-quote": "TeX opening single quotation marks made typographic",
    "straight-double-quote": "straight double quotation marks made typographic",
    "straight-single-quote": "straight single quotation marks and apostrophes made typographic",
    "tex-dashes": "TeX dashes (-- and ---) made en and em dashes",
    "ellipsis": "runs of dots made an ellipsis",
    "spaces": "runs of spaces reduced to one",
    "trailing-space": "spaces at line ends removed",
    "no-break-space": "no-break spaces beside spaces collapsed",
    "stripped-citation": "places where a citation had been stripped (a no-break space left before a space)",
    "caps-heading": "headings set in capitals given title case",
    "block-quote": "paragraphs consisting of one quotation set as block quotations",
    "line-endings": "line ends made uniform",
    "title-line": "title and author lines at its head printed once, in the chapter heading",
    "front-line": "other lines at its head (a byline, a subtitle) printed unnumbered",
    "elision": "elision lines printed unnumbered",
}


def assemble(config, introduction: Text | None, readings: list[Reading], apparatus: list[ApparatusEntry],
             bibliography_html: list[str], findings: list[Finding]) -> Book:
    note = note_on_text(readings, findings)
    return Book(config, introduction, readings, apparatus, note, bibliography_html, findings)


def note_on_text(readings: list[Reading], findings: list[Finding]) -> list[str]:
    """Paragraphs (HTML) describing how each reading was established."""
    paragraphs = [_opening_paragraph(readings)]
    for reading in readings:
        paragraphs.append(_reading_paragraph(reading))
        decisions = sorted((f for f in findings if f.severity == INFO and f.decision and
                            f.location.file == reading.text.display_path), key=lambda f: f.location)
        grouped: dict[str, list[Finding]] = {}
        for finding in decisions:  # one decision may settle several defects (a duplicate and a gap)
            grouped.setdefault(finding.decision, []).append(finding)
        paragraphs += [_decision_paragraph(reading.siglum, group) for group in grouped.values()]
    return paragraphs


def _opening_paragraph(readings: list[Reading]) -> str:
    which = "The reading is" if len(readings) == 1 else "Each reading is"
    ranges = ", ".join(f'<span class="nowrap">{html.escape(part)}</span>' for part in paragraph_ranges(readings))
    sentence = f"{which} printed from the file as the editor received it."
    if ranges:
        sentence += (f" Its paragraphs are numbered with the reading’s siglum ({ranges}); the "
                     "numbers are the same in the printed book and the e-book.")
    return sentence + " Words and notes in square brackets are the editor’s."


def paragraph_numbering(readings: list[Reading]) -> str:
    """How the readings' paragraphs are numbered, from the readings themselves: ``A 1–12, B 1–30``."""
    return ", ".join(paragraph_ranges(readings))


def paragraph_ranges(readings: list[Reading]) -> list[str]:
    """``A 1–12`` for each reading with paragraphs (``A 1`` for one)."""
    parts = []
    for reading in readings:
        last = max((b.number for b in reading.text.paragraphs()), default=0)
        if last:
            parts.append(f"{reading.siglum} 1–{last}" if last > 1 else f"{reading.siglum} 1")
    return parts


def _decision_paragraph(siglum: str, group: list[Finding]) -> str:
    lines = sorted({f.location.line for f in group if f.location.line})
    where = f", line{'s' if len(lines) > 1 else ''} {' and '.join(map(str, lines))}" if lines else ""
    phrases = list(dict.fromkeys(_finding_words(f) for f in group))
    words = " and ".join([p.removesuffix(" in the received text") for p in phrases[:-1]] + phrases[-1:])
    return (f"<span class=\"siglum\">{siglum}</span>{where}: {html.escape(words[0].upper() + words[1:])}. "
            f"{_inline_markdown(group[0].decision)}")


def _inline_markdown(text: str) -> str:
    """The editor's decisions are Markdown: only emphasis is expected in them."""
    return re.sub(r"\*([^*\s][^*]*)\*", r"<em>\1</em>", html.escape(text, quote=False))


def _reading_paragraph(reading: Reading) -> str:
    text = reading.text
    changes = [f"{RULE_WORDS[rule]} ({count})" for rule, count in sorted(text.changes.items())
               if rule in RULE_WORDS]
    reconstructed = sum(1 for n in text.notes if n.reconstructed)
    author = html.escape(reading.author.rstrip("."))
    out = (f"<span class=\"siglum\">{reading.siglum}</span> — <em>{html.escape(reading.title)}</em>. "
           f"{author + '. ' if author else ''}{_count(len(text.paragraphs()), 'paragraph')}, "
           f"{_count(len(text.notes), 'note')}.")
    if changes:
        out += " Normalized: " + "; ".join(changes) + "."
    if reconstructed:
        out += f" {_count(reconstructed, 'note')} reconstructed by the editor."
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _finding_words(finding: Finding) -> str:
    return {
        "sources.stripped-citation": "a citation had been stripped from the received text",
        "sources.unclosed-quote": "a quotation is opened and never closed in the received text",
        "notes.duplicate": "a note number is printed twice in the received text",
        "notes.missing-number": "a note number is missing in the received text",
    }.get(finding.code, finding.message)
