"""Witnesses and collation: each reading's witnesses read, collated against its source and turned
into the apparatus criticus (``Book.witnesses``, ``Book.variants``); each lemma is marked in the
base text by a ``Span(kind="lemma", target=variant.id)`` (the text itself is never changed).
"""

from __future__ import annotations

from dataclasses import dataclass

from lectio import sources
from lectio.errors import Finding
from lectio.model import Block, Reading, Span, Variant, Witness, WitnessReading
from lectio.sources import structure
from lectio.variants import overrides
from lectio.variants.described import collation_paragraph
from lectio.variants.collate import Alignment, Place, align, places
from lectio.variants.tokens import Rules, Token, tokenize, words


@dataclass
class Collation:
    """One reading's collation: the base tokens, every witness's alignment, the editor's rules."""

    blocks: list[Block]  # the base text's numbered paragraphs
    base: list[Token]
    texts: dict[str, list[str]]  # siglum → its paragraphs' texts ("" → the base text's)
    alignments: list[Alignment]
    rules: Rules

    @property
    def sigla(self) -> list[str]:
        return [a.siglum for a in self.alignments]

    def lemma(self, place: Place) -> str:
        return words(self.base[place.start:place.end], self.texts[""])

    def paragraph(self, place: Place) -> int:
        return self.blocks[self.base[place.start].block].number

    def tokens(self, place: Place, siglum: str) -> list[Token]:
        return self.base[place.start:place.end] if siglum == "" else place.readings[siglum]

    def key(self, place: Place, siglum: str) -> tuple[str, ...]:
        return tuple(self.rules.key(t) for t in self.tokens(place, siglum))

    def text(self, place: Place, siglum: str) -> str:
        tokens = self.tokens(place, siglum)
        return words(tokens, self.texts[siglum]) if tokens else ""


@dataclass(frozen=True)
class Collated:
    """What the stage gives the Book: witnesses (conspectus order), variants (text order), and a
    paragraph of the Note on the text for each collated reading."""

    witnesses: tuple[Witness, ...] = ()
    variants: tuple[Variant, ...] = ()
    described: tuple[str, ...] = ()


def collate_readings(config, readings: list[Reading], findings: list[Finding]) -> Collated:
    """Every reading's witnesses collated against its source; findings are added to ``findings``."""
    witnesses: list[Witness] = []
    variants: list[Variant] = []
    described: list[str] = []
    for item, reading in zip(config.readings, readings):
        if item.witnesses:
            own = [Witness(w.siglum, reading.siglum, w.label, w.source, w.source == item.source)
                   for w in item.witnesses]
            file, where, found = overrides.read(config.resolve(item.variants) if item.variants else None)
            findings += found
            made = _reading_variants(config, item, reading, (file, where), findings)
            witnesses += own
            variants += made
            described.append(collation_paragraph(reading.siglum, own, len(made), file, item.variants))
    return Collated(tuple(witnesses), tuple(variants), tuple(described))


def _reading_variants(config, item, reading: Reading, variants_file, findings: list[Finding]) -> list[Variant]:
    file, where = variants_file
    collation = collate(reading, _witness_texts(config, item, reading, findings), overrides.rules(file))
    drafts = [overrides.Draft(place) for place in places(collation.alignments)]
    drafts, found = overrides.apply(drafts, file, where, collation)
    findings += found + [overrides.agreement_warning(d) for d in drafts if overrides.base_agrees(d, collation)]
    base_siglum = next(w.siglum for w in item.witnesses if w.source == item.source)
    made = [_variant(f"{reading.siglum}-v{n}", reading, d, collation, base_siglum)
            for n, d in enumerate(drafts, start=1)]
    for variant, draft in zip(made, drafts):
        mark(collation, draft.place, variant.id)
    return made


def _witness_texts(config, item, reading: Reading, findings: list[Finding]) -> dict[str, list[str]]:
    """Each collated witness's paragraphs, read and normalized as the reading's source is."""
    texts = {}
    for witness in item.witnesses:
        if witness.source != item.source:
            text, found = sources.read_text(witness.siglum, config.resolve(witness.source),
                                            config.output.max_source_mb)
            findings += found
            structure.apply(text, reading.title, reading.author)
            texts[witness.siglum] = [b.text for b in text.blocks if b.text.strip()]  # a short line read as a heading too
    return texts


def collate(reading: Reading, witnesses: dict[str, list[str]], rules: Rules) -> Collation:
    """The reading's source against each witness's paragraphs (``witnesses``: siglum → texts)."""
    blocks = reading.text.paragraphs()
    texts = {"": [b.text for b in blocks], **witnesses}
    base = rules.kept(tokenize(texts[""]))
    alignments = [align(base, rules.kept(tokenize(paragraphs)), siglum, rules)
                  for siglum, paragraphs in witnesses.items()]
    return Collation(blocks, base, texts, alignments, rules)


def _variant(identifier: str, reading: Reading, draft: overrides.Draft, collation: Collation,
             base_siglum: str) -> Variant:
    """The place's readings grouped (witnesses that read alike share one), the lemma's first."""
    groups: dict[tuple, list[str]] = {collation.key(draft.place, ""): [base_siglum]}
    shown = {collation.key(draft.place, ""): ""}
    for siglum in (s for s in collation.sigla if s in draft.place.readings):
        key = collation.key(draft.place, siglum)
        groups.setdefault(key, []).append(siglum)
        shown.setdefault(key, siglum)
    lemma_key = collation.key(draft.place, draft.base) if draft.base else collation.key(draft.place, "")
    readings = tuple(WitnessReading(collation.text(draft.place, shown[key]), tuple(sigla))
                     for key, sigla in groups.items() if key != lemma_key)
    block = collation.blocks[collation.base[draft.place.start].block]
    location = draft.location or reading.text.location(block, collation.base[draft.place.start].start)
    return Variant(identifier, reading.siglum, collation.text(draft.place, shown[lemma_key]),
                   tuple(groups[lemma_key]), readings, draft.note, location)


def mark(collation: Collation, place: Place, identifier: str) -> None:
    """The lemma's span in the base block where the place begins (to the block's end at most)."""
    first = collation.base[place.start]
    last = [t for t in collation.base[place.start:place.end] if t.block == first.block][-1]
    collation.blocks[first.block].spans.append(Span(first.start, last.end, "lemma", identifier))
