"""Stage 5: the editor's apparatus, entries contrasting the readings.

Each entry anchors one passage per reading by quotation, like a W3C Web Annotation
text-quote selector: ``exact`` with optional ``prefix``/``suffix``. Quotations are
normalized with the sources' rules before matching, so the editor may type straight
quotes or ``--``. An anchor must match exactly once.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from lectio import tomlfile
from lectio.errors import ERROR, ApparatusError, Finding, Location
from lectio.fsutil import display_path
from lectio.model import ApparatusEntry, Passage, Reading, Span, Text
from lectio.sources import normalize, split_blocks, normalize_fragment

ENTRY_KEYS = {"id": str, "theme": str, "commentary": str, "see": list}
SELECTOR_KEYS = {"exact": str, "prefix": str, "suffix": str}


def load_apparatus(path: Path, readings: list[Reading]) -> tuple[list[ApparatusEntry], list[Finding]]:
    data, raw = tomlfile.load(path, ApparatusError)
    shown = display_path(path)
    lines = tomlfile.entry_lines(raw, "entry")
    sigla = {r.siglum: r for r in readings}
    entries, findings, seen = [], [], set()
    for index, item in enumerate(data.get("entry", [])):
        where = Location(shown, lines[index] if index < len(lines) else 0)
        allowed = dict(ENTRY_KEYS, **{s: dict for s in sigla})
        tomlfile.check_keys(item, allowed, {"id", "theme", "commentary"}, where, "entry", ApparatusError)
        if item["id"] in seen:
            raise ApparatusError(f"entry id {item['id']!r} is used twice", where)
        seen.add(item["id"])
        entry = ApparatusEntry(item["id"], item["theme"], commentary_text(item, path, raw, where), [],
                               list(item.get("see", [])), where)
        for siglum, reading in sigla.items():
            if siglum in item:
                passage, finding = anchor(reading, item[siglum], _selector_location(raw, item[siglum], where))
                if passage:
                    entry.passages.append(passage)
                    passage.block.spans.append(Span(passage.start, passage.end, "anchor", entry.id))
                findings += [finding] if finding else []
        entries.append(entry)
    findings += _check_links(entries)
    return entries, findings


def _selector_location(raw: str, selector: dict, where: Location) -> Location:
    return Location(where.file, tomlfile.line_of_value(raw, str(selector.get("exact", "")), where.line))


def commentary_text(item: dict, path: Path, raw: str, where: Location) -> Text:
    """The commentary as a Markdown text of its own, located in the apparatus file."""
    body = item["commentary"]
    offset = raw.find(body.strip()[:40]) if body.strip() else -1
    normalized = normalize(body, markdown=True)
    text = Text(f"app-{item['id']}", path, display_path(path), raw=body, normalized=normalized.text, markdown=True)
    text.blocks, _ = split_blocks(normalized, markdown=True)
    base_line = raw.count("\n", 0, offset) if offset >= 0 else where.line
    for block in text.blocks:
        block.line += base_line
    return text


def anchor(reading: Reading, selector: dict, where: Location) -> tuple[Passage | None, Finding | None]:
    """Find the one place a text-quote selector designates, or say why not."""
    for key in selector:
        if key not in SELECTOR_KEYS:
            raise ApparatusError(f"unknown key '{key}' in a passage selector", where,
                                 fix="a passage has exact, and optionally prefix and suffix")
    exact = normalize_fragment(selector.get("exact", ""))
    if not exact:
        raise ApparatusError(f"passage of {reading.siglum} has no 'exact' text", where)
    prefix = normalize_fragment(selector.get("prefix", ""))
    suffix = normalize_fragment(selector.get("suffix", ""))
    hits = []
    for block in reading.text.paragraphs():
        for match in re.finditer(re.escape(exact), block.text):
            before = block.text[:match.start()].rstrip()
            after = block.text[match.end():].lstrip()
            if before.endswith(prefix.rstrip()) and after.startswith(suffix.lstrip()):
                hits.append(Passage(reading.siglum, block, match.start(), match.end()))
    if len(hits) == 1:
        return hits[0], None
    if hits:
        places = ", ".join(f"{h.reference} ({reading.text.location(h.block, h.start)})" for h in hits)
        return None, Finding("apparatus.ambiguous", f"{reading.siglum} passage matches {len(hits)} times: {places}",
                             where, ERROR, fix="add a prefix or suffix, or quote more")
    return None, Finding("apparatus.not-found", f"{reading.siglum} passage not found: {exact[:60]!r}", where,
                         ERROR, fix=closest_passage(reading.text, exact))


def closest_passage(text: Text, exact: str) -> str:
    """The most similar stretch of the text, as a hint for the editor."""
    best, best_ratio, best_block = "", 0.0, None
    for block in text.paragraphs():
        matcher = difflib.SequenceMatcher(None, block.text, exact, autojunk=False)
        match = matcher.find_longest_match(0, len(block.text), 0, len(exact))
        start = max(0, match.a - match.b)
        candidate = block.text[start:start + len(exact)]
        ratio = difflib.SequenceMatcher(None, candidate, exact).ratio()
        if ratio > best_ratio:
            best, best_ratio, best_block = candidate, ratio, block
    if best_block is None:
        return "the reading has no paragraphs"
    return f"closest passage ({text.key} {best_block.number}, {best_ratio:.0%} alike): {best!r}"


def _check_links(entries: list[ApparatusEntry]) -> list[Finding]:
    ids = {e.id for e in entries}
    return [Finding("apparatus.unknown-link", f"entry {e.id!r} links to unknown entry {target!r}", e.location,
                    ERROR, fix="use the id of another [[entry]]")
            for e in entries for target in e.see if target not in ids]
