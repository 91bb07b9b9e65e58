"""The Note on the text: how each reading was established, in the book's own locators.

Written from what the earlier stages recorded and nothing else: the normalization rules each
text counted (``Text.changes``) and the blocks the block rules changed (``Text.places``), the
editor's decisions on each defect (findings made ``info`` with a ``decision``), and the
editorial signs in the readings (spans ``supplied``, ``deleted``, ``corrupt``). Every place is
a paragraph locator ("B 19", :mod:`lectio.locators`), never a line of the file as received.
"""

from __future__ import annotations

import html
import re

from lectio.errors import INFO, Finding
from lectio.locators import block_at, joined, locator
from lectio.model import SIGNS, Block, Reading, Text
from lectio.sources.normalize import RULES

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
    "short-line-heading": "short lines without closing punctuation set as headings",
    "quote-marks": "quotation marks removed around paragraphs that are one quotation, set as block quotations",
    "block-quote": "paragraphs marked as quotations (>) set as block quotations",
    "line-endings": "line ends made uniform",
    "title-line": "title and author lines at its head printed once, in the chapter heading",
    "front-line": "other lines at its head (a byline, a subtitle) printed unnumbered",
    "elision": "elision lines printed unnumbered",
}
NOT_CHANGES = frozenset({"paragraph-per-line", "paragraph-blank-line"})  # how paragraphs were found: no change


def rule_words(rule: str) -> str:
    """What a rule did, in words; a rule without words here says its own summary (``normalize.RULES``)."""
    summaries = {r.name: r.summary for r in RULES}
    return RULE_WORDS.get(rule) or summaries.get(rule) or rule.replace("-", " ")


def note_on_text(readings: list[Reading], findings: list[Finding], opening: str) -> list[str]:
    """Paragraphs (HTML) describing how each reading was established."""
    paragraphs = [opening + _signs_key(readings)]
    for reading in readings:
        paragraphs.append(reading_paragraph(reading))
        decisions = sorted((f for f in findings if f.severity == INFO and f.decision and
                            f.location.file == reading.text.display_path), key=lambda f: f.location)
        grouped: dict[str, list[Finding]] = {}
        for finding in decisions:  # one decision may settle several defects (a duplicate and a gap)
            grouped.setdefault(finding.decision, []).append(finding)
        paragraphs += [decision_paragraph(reading, group) for group in grouped.values()]
    return paragraphs


def _signs_key(readings: list[Reading]) -> str:
    """What each sign used in the readings means, and where it stands."""
    used = [(kind, _signed(readings, kind)) for kind in SIGNS]
    parts = [f"{html.escape(SIGNS[kind][0] + ' ' + SIGNS[kind][1])} enclose what is {SIGNS[kind][2]} ({'; '.join(places)})"
             for kind, places in used if places]
    return f" In the text, {joined(parts)}." if parts else ""


def _signed(readings: list[Reading], kind: str) -> list[str]:
    """``B 19 <”>`` for each span of sign ``kind``."""
    opening, closing, _ = SIGNS[kind]
    return [f"{locator(r.siglum, [b], r.text)} {html.escape(opening + b.text[s.start:s.end] + closing)}"
            for r in readings for b in r.text.blocks for s in b.spans if s.kind == kind]


def decision_paragraph(reading: Reading, group: list[Finding]) -> str:
    blocks = [block for f in group for block in _blocks_of(reading.text, f)]
    where = html.escape(locator(reading.siglum, blocks, reading.text))
    phrases = list(dict.fromkeys(_finding_words(f) for f in group))
    words = " and ".join([p.removesuffix(" in the received text") for p in phrases[:-1]] + phrases[-1:])
    head = where.replace(reading.siglum, f'<span class="siglum">{reading.siglum}</span>', 1)
    return f"{head}: {html.escape(words[0].upper() + words[1:])}. {_inline_markdown(group[0].decision)}"


def _blocks_of(text: Text, finding: Finding) -> list[Block]:
    """The paragraphs a finding concerns: where it stands; for a marker printed twice, every paragraph
    that prints that marker."""
    block = block_at(text, finding.location)
    if finding.code != "notes.duplicate":
        return [block] if block else []
    marker = next((n.marker for n in text.notes if n.location == finding.location), None)
    holders = [b for b in text.blocks for ref in b.notes if marker and ref.note.marker == marker]
    return holders or ([block] if block else [])


def _inline_markdown(text: str) -> str:
    """The editor's decisions are Markdown: only emphasis is expected in them."""
    return re.sub(r"\*([^*\s][^*]*)\*", r"<em>\1</em>", html.escape(text, quote=False))


def reading_paragraph(reading: Reading) -> str:
    text = reading.text
    changes = [f"{rule_words(rule)} ({_places(reading, rule, count)})" for rule, count in _changed(reading)]
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


def _changed(reading: Reading) -> list[tuple[str, int]]:
    """Each rule that changed the text, with its count; a block rule counts the blocks it changed that
    the book prints (a heading then dropped as the title line is counted there)."""
    kept = {id(b) for b in reading.text.blocks}
    out = []
    for rule, count in sorted(reading.text.changes.items()):
        if rule in reading.text.places:
            count = sum(id(b) in kept for b in reading.text.places[rule])
        if count and rule not in NOT_CHANGES:
            out.append((rule, count))
    return out


def _places(reading: Reading, rule: str, count: int) -> str:
    """``4: B 2, 4, 7 and 12`` where the rule recorded its blocks, else the count."""
    blocks = reading.text.places.get(rule, [])
    return f"{count}: {html.escape(locator(reading.siglum, blocks, reading.text))}" if blocks else str(count)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _finding_words(finding: Finding) -> str:
    return {
        "sources.stripped-citation": "a citation had been stripped from the received text",
        "sources.unclosed-quote": "a quotation is opened and never closed in the received text",
        "notes.duplicate": "a note number is printed twice in the received text",
        "notes.missing-number": "a note number is missing in the received text",
        "notes.emendation": "the received text is emended",
    }.get(finding.code, finding.message)
