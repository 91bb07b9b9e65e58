"""The plain reader: a source as received, normalized (``normalize``), split into blocks.

Block rules find headings, paragraphs and block quotations. Sources on disk are never written,
except by ``lectio normalize --write``, which keeps a backup.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from lectio.errors import Finding, WARNING
from lectio.fsutil import display_path
from lectio.model import HEADING, PARA, QUOTE, Block, Text, line_column
from lectio.sources.normalize import (  # noqa: F401 (the stage's API)
    LACUNA, MAX_SOURCE_MB, RULES, Change, Normalized, Rule, normalize, normalize_fragment, read_source)
from lectio.sources.structure import continued_quotations, leading_open, number_paragraphs


def read_text(key: str, path: Path, max_mb: float = MAX_SOURCE_MB) -> tuple[Text, list[Finding]]:
    """Read, normalize and split one source into blocks; return findings too."""
    return plain_text(key, path, read_source(path, max_mb))


def plain_text(key: str, path: Path, raw: str) -> tuple[Text, list[Finding]]:
    """A source as received (``raw``) through the normalizing reader."""
    markdown = is_markdown(path, raw)
    normalized = normalize(raw, markdown=markdown)
    text = Text(key, path, display_path(path), raw=raw, normalized=normalized.text, markdown=markdown)
    text.changes = normalized.counts()
    text.blocks, block_counts, text.places = split_blocks(normalized, markdown)
    for rule, count in block_counts.items():
        text.changes[rule] = text.changes.get(rule, 0) + count
    number_paragraphs(text)
    return text, scan_findings(text)


def is_markdown(path: Path, raw: str) -> bool:
    """Markdown by name, or by content (a source rewritten by ``normalize --write``)."""
    return path.suffix.lower() in (".md", ".markdown") or bool(re.search(r"^(#{1,6} \S|> )", raw, re.M))


def split_blocks(normalized: Normalized, markdown: bool) -> tuple[list[Block], dict[str, int], dict[str, list]]:
    """The blocks, the count of each rule applied, and the blocks each block rule changed."""
    counts: dict[str, int] = {}
    places: dict[str, list[Block]] = {}
    blocks = []
    for lines in _paragraph_lines(normalized.text, markdown, counts):
        block = _make_block(normalized, lines, markdown, places, blocks[-1] if blocks else None)
        if block is not None:
            blocks.append(block)
    ids = {id(block) for block in blocks}
    kept = {rule: [b for b in changed if id(b) in ids] for rule, changed in places.items()}
    counts.update({rule: len(changed) for rule, changed in kept.items()})
    return blocks, counts, kept


def _paragraph_lines(text: str, markdown: bool, counts: dict) -> list[list[tuple[int, str]]]:
    """Group (offset, line) pairs into paragraphs: by blank lines, or one per line."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    filled = [line for _, line in lines if line.strip()]
    inside = text.strip("\n").split("\n")  # blank lines before the first line or after the last do not count
    one_per_line = not markdown and (all(line.strip() for line in inside) or
                                     sum(map(len, filled)) / max(1, len(filled)) > 200)
    rule = "paragraph-per-line" if one_per_line else "paragraph-blank-line"
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for offset, line in lines:
        starts_heading = markdown and line.startswith("#")
        if not line.strip() or one_per_line or starts_heading:
            if current:
                groups.append(current)
            current = [(offset, line)] if line.strip() else []
            if one_per_line or starts_heading:
                if current:
                    groups.append(current)
                current = []
        else:
            current.append((offset, line))
    if current:
        groups.append(current)
    counts[rule] = len(groups)
    return groups


def _make_block(normalized: Normalized, lines: list[tuple[int, str]], markdown: bool, places: dict,
                previous: Block | None = None):
    text = " ".join(line for _, line in lines)
    origin = []
    for index, (offset, line) in enumerate(lines):
        if index:
            origin.append(normalized.origin[offset - 1])
        origin.extend(normalized.origin[offset:offset + len(line)])
    line_no = line_column(normalized.raw, origin[0])[0] if origin else 1
    block = Block(PARA, text, origin, line_no)
    if markdown:
        _markdown_block(block, places)
    else:
        _text_block(block, places, previous)
    return block if block.text.strip() else None


def _strip_prefix(block: Block, width: int) -> None:
    block.delete(0, width)


def _markdown_block(block: Block, places: dict) -> None:
    heading = re.match(r"(#{1,6})\s+", block.text)
    if heading:
        block.kind, block.level = HEADING, len(heading.group(1))
        _strip_prefix(block, heading.end())
        return
    if block.text.startswith(">"):
        block.kind = QUOTE
        for match in reversed(list(re.finditer(r"(?:^|(?<= ))> ?", block.text))):
            block.delete(match.start(), match.end())
        places.setdefault("block-quote", []).append(block)
    _markdown_emphasis(block)


def _markdown_emphasis(block: Block) -> None:
    from lectio.model import Span

    for match in reversed(list(re.finditer(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", block.text))):
        block.delete(match.end() - 1, match.end())
        block.delete(match.start(), match.start() + 1)
        block.spans.append(Span(match.start(), match.end() - 2, "emph"))


def _text_block(block: Block, places: dict, previous: Block | None = None) -> None:
    """A heading (capitals set in title case: ``caps-heading``) or a paragraph that is one quotation
    (set as a block quotation, its marks removed: ``quote-marks``); ``places`` records the block."""
    stripped = block.text.strip()
    if is_heading(stripped):
        block.kind, block.level = HEADING, 2
        block.delete(len(block.text.rstrip()), len(block.text))  # keep origin aligned with the text
        block.delete(0, len(block.text) - len(block.text.lstrip()))
        if stripped.upper() == stripped and len(title_case(stripped)) == len(stripped):
            block.text = title_case(stripped)
            places.setdefault("caps-heading", []).append(block)
        else:
            places.setdefault("short-line-heading", []).append(block)
        return
    if _standalone_quotation(block.text) and not _continues(previous, block):
        block.kind = QUOTE
        block.delete(len(block.text) - 1, len(block.text))
        block.delete(0, 1)
        places.setdefault("quote-marks", []).append(block)


TRAILING_MARKERS = re.compile(r"(\s?(\(\d{1,3}\)|\[\^?\w+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+))+$")


def is_heading(line: str) -> bool:
    """ALL-CAPS lines, and short lines without closing punctuation, are headings."""
    line = TRAILING_MARKERS.sub(".", line)
    if len(line) > 100:  # before reading its letters: a paragraph is no heading
        return False
    letters = [c for c in line if c.isalpha()]
    if not letters or len(line) > 100 or line[-1] in ".,;:\u2026\u201d\u2019\"')" or line[0] in "\u2018\u201c\"'(":
        return False
    caps = line.upper() == line and len(letters) > 1
    return caps or (len(line.split()) <= 10 and ". " not in line)


SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "vs"}


def title_case(line: str) -> str:
    """ALL-CAPS heading to title case, keeping small words lower inside the line."""
    words = line.lower().split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word in SMALL_WORDS and out and not out[-1].endswith(("\u2013", ":", "\u2014")):
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _continues(previous: Block | None, block: Block) -> bool:
    """The previous paragraph opens a quotation it does not close: this one ends it (the
    multi-paragraph convention), so it stays a paragraph with its marks, as its first ones."""
    if previous is None or previous.kind == HEADING:
        return False
    start = leading_open(previous.text)
    return start is not None and block.text.lstrip()[:1] == previous.text[start]


def _standalone_quotation(text: str) -> bool:
    pairs = {"\u2018": "\u2019", "\u201c": "\u201d"}
    body = re.sub(r"(\s*\(\d{1,3}\)|" + LACUNA + r")+\s*$", "", text)
    if len(body) < 40 or body[0] not in pairs or not body.endswith(pairs[body[0]]):
        return False
    if body != text:
        return False  # a marker follows the quotation; keep the paragraph as it is
    inner = body[1:-1]
    if body[0] == "\u201c":
        return "\u201c" not in inner and "\u201d" not in inner
    return not re.search("\u2019\\s+[^\\w]*\u2018", inner)


def scan_findings(text: Text) -> list[Finding]:
    """Defects the editor must decide on: stripped citations, unbalanced quotations (a quotation
    over several paragraphs, opened again at the start of each, is not one: ``structure``)."""
    findings = []
    continued = continued_quotations(text.blocks)
    for block in text.blocks:
        for match in re.finditer(LACUNA, block.text):
            findings.append(Finding(
                "sources.stripped-citation",
                "a citation seems to have been stripped here (no-break space followed by a space)",
                text.location(block, match.start()), WARNING,
                fix="restore it with a [[citation]] in the reading's notes file, or record why not"))
        findings.extend(quote_findings(text, block, id(block) in continued))
    return findings


def quote_findings(text: Text, block: Block, continued: bool = False) -> list[Finding]:
    """Double quotation marks must pair up within a paragraph (nesting allowed); ``continued``: the
    paragraph's opening mark runs on into the next paragraph, which opens with it again."""
    findings, opened = [], []
    for index, char in enumerate(block.text):
        if char == "\u201c":
            opened.append(index)
        elif char == "\u201d":
            if opened:
                opened.pop()
            else:
                findings.append(Finding("sources.unopened-quote", "closing quotation mark with no opening one",
                                        text.location(block, index), WARNING))
    accepted = leading_open(block.text) if continued else None
    findings.extend(_unclosed(text, block, index) for index in opened if index != accepted)
    return findings


def _unclosed(text: Text, block: Block, index: int) -> Finding:
    return Finding("sources.unclosed-quote", "quotation opened here is never closed in this paragraph",
                   text.location(block, index), WARNING,
                   fix="add an [[emendation]] in the reading's notes file that supplies the closing mark")


def canonical_markdown(text: Text) -> str:
    """The normalized text as canonical Markdown (what ``normalize --write`` saves); a text read by
    pandoc is its Markdown source with the character rules applied."""
    if text.reader == "pandoc":
        return text.normalized
    out = []
    for block in text.blocks:
        body = block.text.replace(LACUNA, "")
        if block.kind == HEADING:
            out.append("#" * block.level + " " + body)
        elif block.kind == QUOTE:
            out.append("> " + body)
        else:
            out.append(body)
    return "\n\n".join(out) + "\n"


def unified_diff(text: Text) -> str:
    new = canonical_markdown(text)
    return "".join(difflib.unified_diff(
        text.raw.splitlines(keepends=True), new.splitlines(keepends=True),
        fromfile=f"{text.display_path} (as received)", tofile=f"{text.display_path} (normalized)"))


def describe_rules() -> list[tuple[str, str]]:
    return [(rule.name, rule.summary) for rule in RULES]
