"""Character normalization: the rules every reader applies to a source as received.

Character rules run in one pass of one combined regular expression, so every change
is counted under its rule's name and every character of the result knows where it
came from in the file as received (for file:line:col messages). The plain reader
(``plain``) and the Markdown reader (``markdown``) both normalize with :func:`normalize`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lectio.errors import SourceError
from lectio.fsutil import MAX_SOURCE_MB, read_utf8

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
