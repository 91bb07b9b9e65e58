"""A small edition with an apparatus criticus made by hand (Variant values and lemma spans), laid
out and written once, for the line-number and apparatus tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lectio.model import Span, Variant, WitnessReading

WORDS = ("river stone harvest lantern meadow orchard window timber granite whistle candle ferry "
         "valley thunder pepper saddle marble ribbon copper blanket").split()


def paragraph(seed: int, length: int = 70) -> str:
    words = [WORDS[(seed * 7 + k * 3 + k * k) % len(WORDS)] for k in range(length)]
    return " ".join(words).capitalize() + "."


def source_text(paragraphs: int = 14) -> str:
    """A heading and ``paragraphs`` numbered paragraphs, every third holding a note call (1), (2) …"""
    out = ["OPENING"]
    for n in range(paragraphs):
        text = paragraph(n)
        out.append(text[:-1] + f" end{n}.({n // 3 + 1})" if n % 3 == 0 else text)
    return "\n".join(out) + "\n"


def notes_toml(paragraphs: int = 14) -> str:
    return "".join(f'[[note]]\nmarker = {n // 3 + 1}\ntext = "A note on paragraph {n}."\n\n'
                   for n in range(paragraphs) if n % 3 == 0)


@dataclass(frozen=True)
class Laid:
    """The edition's book (with its variants), its laid-out document and the written PDF."""

    book: object
    document: object
    pdf: Path


def add_variants(book, every: int = 2) -> None:
    """A variant on the 12th word of every ``every``-th paragraph (and one of two words)."""
    variants = []
    reading = book.readings[0]
    for index, block in enumerate(b for b in reading.text.blocks if b.number is not None):
        if index % every:
            continue
        words = list(re.finditer(r"[a-z]+", block.text))
        first, last = words[11], words[12 if index % 4 == 0 else 11]
        vid = f"{reading.siglum}-v{len(variants) + 1}"
        block.spans.append(Span(first.start(), last.end(), "lemma", vid))
        lemma = block.text[first.start():last.end()]
        readings = (WitnessReading(lemma.upper()[:3] + "ish", ("B",)),) if index % 3 else (WitnessReading("", ("B", "C")),)
        variants.append(Variant(vid, reading.siglum, lemma, ("A",), readings))
    book.variants = tuple(variants)
