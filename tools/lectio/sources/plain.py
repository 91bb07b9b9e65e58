"""Stage 2: read each source as received and normalize it deterministically.

Character rules run in one pass of one combined regular expression, so every change
is counted under its rule's name and every character of the result knows where it
came from in the file as received (for file:line:col messages). Block rules then
find headings, paragraphs and block quotations. Sources on disk are never written,
except by ``lectio normalize --write``, which keeps a backup.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lectio.errors import ERROR, Finding, SourceError, WARNING
from lectio.fsutil import MAX_SOURCE_MB, display_path, read_utf8
from lectio.model import HEADING, PARA, QUOTE, Block, Text, location_of
from lectio.sources.structure import continued_quotations, leading_open, number_paragraphs

# Marks the place where a citation was stripped from a LaTeX source; the notes
# stage replaces it with the editor's reconstructed citation or removes it.
LACUNA = "\ue000"

OPENERS = " \t\n([{\u2014\u2013\u201c\u2018" + LACUNA


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    replace: Callable[[re.Match], str]
    tex_only: bool = False
    summary: str = ""


def _const(text: str) -> Callable[[re.Match], str]:
    return lambda match: text


def _opening(match: re.Match, open_mark: str, close_mark: str) -> str:
    before = match.string[match.start() - 1] if match.start() else "\n"
    return open_mark if before in OPENERS else close_mark


# Order matters: at one position the first rule that matches wins.
RULES = (
    Rule("line-endings", r"\r\n?", _const("\n"), summary="CR and CRLF line ends to LF"),
    Rule("trailing-space", r"[ \t\u00a0]+(?=\n|\Z)", _const(""), summary="spaces at line end removed"),
    Rule("stripped-citation", r"\u00a0(?= )", _const(LACUNA),
         summary="no-break space before a space: a citation stripped from a LaTeX source"),
    Rule("no-break-space", r"[ \t]*\u00a0[ \t]+|[ \t]+\u00a0", _const(" "),
         summary="no-break space beside a space collapsed"),
    Rule("tex-double-quotes", r"``|''", lambda m: "\u201c" if m.group() == "``" else "\u201d", tex_only=True,
         summary="TeX ``quotes'' to typographic"),
    Rule("tex-single-quote", r"`", _const("\u2018"), tex_only=True, summary="TeX `quote to typographic"),
    Rule("straight-double-quote", r'"', lambda m: _opening(m, "\u201c", "\u201d"),
         summary="straight double quotes to typographic"),
    Rule("straight-single-quote", r"'", lambda m: _opening(m, "\u2018", "\u2019"),
         summary="straight single quotes and apostrophes to typographic"),
    Rule("tex-dashes", r"---|--", lambda m: "\u2014" if len(m.group()) == 3 else "\u2013", tex_only=True,
         summary="TeX -- and --- to en and em dashes"),
    Rule("ellipsis", r"\.\.\.\.?|\. \. \.(?: \.)?", _const("\u2026"), summary="three or four dots to an ellipsis"),
    Rule("spaces", r"[ \t]{2,}|\t", _const(" "), summary="runs of spaces and tabs to one space"),
)


@dataclass
class Change:
    rule: str
    offset: int
    old: str
    new: str


@dataclass
class Normalized:
    raw: str
    text: str
    origin: list[int]
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.rule] = counts.get(change.rule, 0) + 1
        return counts


def read_source(path: Path, max_mb: float = MAX_SOURCE_MB) -> str:
    """The file as received, decoded as UTF-8; an error names the first bad byte.

    Empty files, control characters, UTF-16 and files over ``max_mb`` are refused
    (see :func:`lectio.fsutil.read_utf8`); raw HTML is reported by ``check``
    (:mod:`lectio.render.sanitize`).
    """
    return read_utf8(path, SourceError, code="sources.encoding", max_mb=max_mb, allow_empty=False,
                     fix="convert the file to UTF-8, e.g. iconv -f windows-1252 -t utf-8 (if it came from Windows)")


def normalize(raw: str, markdown: bool = False, keep: list[tuple[int, int]] = ()) -> Normalized:
    """Apply the character rules in one pass; TeX rules are off for Markdown. No rule touches
    the ``keep`` ranges of ``raw`` (code and link addresses of a Markdown source)."""
    rules = [r for r in RULES if not (markdown and r.tex_only)]
    combined = re.compile("|".join(f"(?P<r{i}>{r.pattern})" for i, r in enumerate(rules)))
    parts: list[str] = []
    origin: list[int] = []
    changes: list[Change] = []
    position = 0
    kept = _merged(keep)
    for match in combined.finditer(raw):
        if kept and _overlaps(kept, match.start(), match.end()):
            continue
        rule = rules[int(match.lastgroup[1:])]
        new = rule.replace(match)
        parts.append(raw[position:match.start()])
        origin.extend(range(position, match.start()))
        parts.append(new)
        origin.extend(match.start() + min(i, len(match.group()) - 1) for i in range(len(new)))
        if new != match.group():
            changes.append(Change(rule.name, match.start(), match.group(), new))
        position = match.end()
    parts.append(raw[position:])
    origin.extend(range(position, len(raw) + 1))
    return Normalized(raw, "".join(parts), origin, changes)


def _merged(ranges) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(merged: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_right(merged, (end, -1)) - 1
    return index >= 0 and merged[index][1] > start and merged[index][0] < end


def normalize_fragment(text: str) -> str:
    """Normalize a quotation typed by the editor so that it matches normalized sources."""
    folded = normalize(text).text.replace(LACUNA, "")
    return re.sub(r"\s+", " ", folded).strip()


def read_text(key: str, path: Path, max_mb: float = MAX_SOURCE_MB) -> tuple[Text, list[Finding]]:
    """Read, normalize and split one source into blocks; return findings too."""
    return plain_text(key, path, read_source(path, max_mb))


def plain_text(key: str, path: Path, raw: str) -> tuple[Text, list[Finding]]:
    """A source as received (``raw``) through the normalizing reader."""
    markdown = is_markdown(path, raw)
    normalized = normalize(raw, markdown=markdown)
    text = Text(key, path, display_path(path), raw=raw, normalized=normalized.text, markdown=markdown)
    text.changes = normalized.counts()
    text.blocks, block_counts = split_blocks(normalized, markdown)
    for rule, count in block_counts.items():
        text.changes[rule] = text.changes.get(rule, 0) + count
    number_paragraphs(text)
    return text, scan_findings(text)


def is_markdown(path: Path, raw: str) -> bool:
    """Markdown by name, or by content (a source rewritten by ``normalize --write``)."""
    return path.suffix.lower() in (".md", ".markdown") or bool(re.search(r"^(#{1,6} \S|> )", raw, re.M))


def split_blocks(normalized: Normalized, markdown: bool) -> tuple[list[Block], dict[str, int]]:
    counts: dict[str, int] = {}
    blocks = []
    for lines in _paragraph_lines(normalized.text, markdown, counts):
        block = _make_block(normalized, lines, markdown, counts, blocks[-1] if blocks else None)
        if block is not None:
            blocks.append(block)
    return blocks, counts


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


def _make_block(normalized: Normalized, lines: list[tuple[int, str]], markdown: bool, counts: dict,
                previous: Block | None = None):
    text = " ".join(line for _, line in lines)
    origin = []
    for index, (offset, line) in enumerate(lines):
        if index:
            origin.append(normalized.origin[offset - 1])
        origin.extend(normalized.origin[offset:offset + len(line)])
    line_no = normalized.raw.count("\n", 0, origin[0]) + 1 if origin else 1
    block = Block(PARA, text, origin, line_no)
    if markdown:
        _markdown_block(block, counts)
    else:
        _text_block(block, counts, previous)
    return block if block.text.strip() else None


def _strip_prefix(block: Block, width: int) -> None:
    block.delete(0, width)


def _markdown_block(block: Block, counts: dict) -> None:
    heading = re.match(r"(#{1,6})\s+", block.text)
    if heading:
        block.kind, block.level = HEADING, len(heading.group(1))
        _strip_prefix(block, heading.end())
        return
    if block.text.startswith(">"):
        block.kind = QUOTE
        for match in reversed(list(re.finditer(r"(?:^|(?<= ))> ?", block.text))):
            block.delete(match.start(), match.end())
        counts["block-quote"] = counts.get("block-quote", 0) + 1
    _markdown_emphasis(block)


def _markdown_emphasis(block: Block) -> None:
    from lectio.model import Span

    for match in reversed(list(re.finditer(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", block.text))):
        block.delete(match.end() - 1, match.end())
        block.delete(match.start(), match.start() + 1)
        block.spans.append(Span(match.start(), match.end() - 2, "emph"))


def _text_block(block: Block, counts: dict, previous: Block | None = None) -> None:
    stripped = block.text.strip()
    if is_heading(stripped):
        block.kind, block.level = HEADING, 2
        block.delete(len(block.text.rstrip()), len(block.text))  # keep origin aligned with the text
        block.delete(0, len(block.text) - len(block.text.lstrip()))
        if stripped.upper() == stripped and len(title_case(stripped)) == len(stripped):
            block.text = title_case(stripped)
            counts["caps-heading"] = counts.get("caps-heading", 0) + 1
        else:
            counts["short-line-heading"] = counts.get("short-line-heading", 0) + 1
        return
    if _standalone_quotation(block.text) and not _continues(previous, block):
        block.kind = QUOTE
        block.delete(len(block.text) - 1, len(block.text))
        block.delete(0, 1)
        counts["block-quote"] = counts.get("block-quote", 0) + 1


TRAILING_MARKERS = re.compile(r"(\s?(\(\d{1,3}\)|\[\^?\w+\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+))+$")


def is_heading(line: str) -> bool:
    """ALL-CAPS lines, and short lines without closing punctuation, are headings."""
    line = TRAILING_MARKERS.sub(".", line)
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
