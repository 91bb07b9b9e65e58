"""Stage 6: one document model for every writer.

The Book holds the front matter, the generated Note on the text, the readings with
their stable paragraph numbers, the apparatus and the bibliography. The Note on the
text is written from what the earlier stages recorded: normalization counts and the
editor's decisions on each defect.
"""

from __future__ import annotations

import html

from lectio import notetext
from lectio.errors import Finding
from lectio.model import ApparatusEntry, Book, Reading, Text


def assemble(config, introduction: Text | None, readings: list[Reading], apparatus: list[ApparatusEntry],
             bibliography: list[tuple[str, str]], findings: list[Finding], collated=None) -> Book:
    """The Book: ``bibliography`` is (cited key, entry HTML) pairs; ``collated`` the witnesses and
    variants of the readings (``variants.collate_readings``), whose description ends the Note on the text."""
    note = note_on_text(readings, findings) + list(collated.described if collated else ())
    return Book(config, introduction, readings, apparatus, note, [entry for _, entry in bibliography], findings,
                bibliography_keys=[key for key, _ in bibliography],
                witnesses=collated.witnesses if collated else (), variants=collated.variants if collated else ())


def note_on_text(readings: list[Reading], findings: list[Finding]) -> list[str]:
    """Paragraphs (HTML) describing how each reading was established (``notetext``)."""
    return notetext.note_on_text(readings, findings, _opening_paragraph(readings))


def _opening_paragraph(readings: list[Reading]) -> str:
    which = "The reading is" if len(readings) == 1 else "Each reading is"
    ranges = ", ".join(f'<span class="nowrap">{html.escape(part)}</span>' for part in paragraph_ranges(readings))
    sentence = f"{which} printed from the file as the editor received it."
    if ranges:
        sentence += (f" Its paragraphs are numbered with the reading’s siglum ({ranges}); the "
                     "numbers are the same in the printed book and the e-book.")
    return sentence + " Notes in square brackets are the editor’s."


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
