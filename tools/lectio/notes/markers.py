"""Note markers in the running text, and notes written in place.

Markers: ``(12)``, ``[12]``, superscript digits ``¹²``, Markdown ``[^12]``. In a plain
text all four are markers. In Markdown (and in texts read by pandoc) only ``[^12]`` is
one by itself: "(12)", "[12]" and a superscript number are markers there only when a
Notes section, a notes list or the notes file gives a text numbered 12.

Notes written in place: pandoc inline notes ``^[text]`` and citations ``[@key]`` in the
running text, which a note style turns into footnotes. Each marker leaves the text and
becomes a NoteRef.
"""

from __future__ import annotations

import re

from lectio.model import Block, Note, NoteRef, Text
from lectio.notes.texts import SUPERSCRIPTS, from_superscript, is_pandoc
from lectio.sources.inline_notes import CITATION

MARKER = re.compile(
    r" ?\((?P<paren>\d{1,3})\)(?![\w(])"
    r"|(?<![\w\]])\[(?P<bracket>\d{1,3})\](?![(:\[])"
    r"|\[\^(?P<md>[\w-]+)\](?!:)"
    rf"|(?<=[\w.,;:!?\u201d\u2019)])(?P<sup>[{SUPERSCRIPTS}]+)"
)
PUNCTUATION = set(".,;:!?")


def mark_notes(text: Text, numbers: set[str]) -> None:
    """Every marker of ``text`` becomes a NoteRef to an empty Note that knows its marker."""
    markdown = text.markdown or is_pandoc(text)
    for block in text.blocks:
        for match in reversed(list(MARKER.finditer(block.text))):
            marker = _marker(match)
            if match.group("md") or not markdown or marker in numbers:
                _replace_marker(text, block, match, marker)
        if is_pandoc(text):
            _superscript_spans(text, block, numbers)


def _marker(match: re.Match) -> str:
    marker = next(v for v in match.groupdict().values() if v)
    return from_superscript(marker) if match.group("sup") else marker


def _replace_marker(text: Text, block: Block, match: re.Match, marker: str) -> None:
    location = text.location(block, match.start() + (1 if match.group().startswith(" ") else 0))
    start = match.start()
    block.delete(start, match.end())
    block.notes.append(NoteRef(start, Note(0, "", location, marker=marker)))


def _superscript_spans(text: Text, block: Block, numbers: set[str]) -> None:
    """A number set as superscript by the reader (``^12^``, ``<sup>12</sup>``) that a note text is numbered with."""
    for span in sorted((s for s in block.spans if s.kind == "sup"), key=lambda s: -s.start):
        number = block.text[span.start:span.end].strip()
        if number.isascii() and number.isdigit() and str(int(number)) in numbers:
            location = text.location(block, span.start)
            start = span.start
            block.spans.remove(span)
            block.delete(start, span.end)
            block.notes.append(NoteRef(start, Note(0, "", location, marker=str(int(number)))))


def inline_notes(text: Text, blocks: list[Block]) -> None:
    """``[@key]`` citations and ``^[…]`` notes in ``blocks`` become notes, as pandoc does with a
    note style: a citation takes no space before it, and its note call goes after the
    punctuation that follows it. Note texts are never passed here: their citations are theirs."""
    for block in blocks:
        for start, end, markdown, citation in reversed(_inline_notes(block.text)):
            location = text.location(block, start)
            while citation and start > 0 and block.text[start - 1] == " ":
                start -= 1
            block.delete(start, end)
            after = start + 1 if citation and block.text[start:start + 1] in PUNCTUATION else start
            block.notes.append(NoteRef(after, Note(0, markdown, location)))


def _inline_notes(line: str) -> list[tuple[int, int, str, bool]]:
    found = [(m.start(), m.end(), m.group(), True) for m in CITATION.finditer(line)]
    for match in re.finditer(r"\^\[", line):
        depth = 0
        for index in range(match.end() - 1, len(line)):
            depth += {"[": 1, "]": -1}.get(line[index], 0)
            if depth == 0:
                found.append((match.start(), index + 1, line[match.end():index], False))
                break
    found = [f for f in found if not any(o[0] < f[0] < o[1] for o in found if o is not f)]
    return sorted(found)
