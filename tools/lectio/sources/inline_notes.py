"""What pandoc's CommonMark reader leaves as literal text and lectio reads itself.

- ``^[…]`` inline notes and ``[@key]`` citations become notes at their place (a citation
  takes no space before it, and its call goes after the punctuation that follows it, as
  pandoc places a note style's citations); their Markdown is the text as written.
- A paragraph whose every line starts with ``| `` is a line block: a verse (lines kept).
"""

from __future__ import annotations

import re
from typing import Callable

from lectio.model import PARA, VERSE, Block, Note, NoteRef

CITATION = re.compile(r"\[(?=[^\[\]]*@[\w])[^\[\]]*\]")
PUNCTUATION = set(".,;:!?")

MarkdownOf = Callable[[Block, int, int], str]  # the Markdown written for text[start:end] of a block


def written(block: Block, start: int, end: int) -> str:
    """The text itself (no source to read the Markdown from)."""
    return block.text[start:end]


def attach(block: Block, markdown_of: MarkdownOf = written) -> list[tuple[NoteRef, int]]:
    """Take the inline notes and citations out of the block's text as notes; each new call with the
    origin of its marker."""
    made = []
    for start, end, inner, citation in reversed(_found(block)):
        markdown = markdown_of(block, *inner)
        origin = block.origin[start] if block.origin else -1
        while citation and start > 0 and block.text[start - 1] == " ":
            start -= 1
        block.delete(start, end)
        after = start + 1 if citation and block.text[start:start + 1] in PUNCTUATION else start
        ref = NoteRef(after, Note(0, markdown, None))
        block.notes.insert(0, ref)  # before a note call already at the same place: it was written first
        made.append((ref, origin))
    block.spans = [s for s in block.spans if s.end > s.start]
    return made[::-1]


def _found(block: Block) -> list[tuple[int, int, tuple[int, int], bool]]:
    """(start, end, the note's text as (start, end), is a citation), outermost only, outside code."""
    line = block.text
    found = [(m.start(), m.end(), (m.start(), m.end()), True) for m in CITATION.finditer(line)]
    for match in re.finditer(r"\^\[", line):
        depth = 0
        for index in range(match.end() - 1, len(line)):
            depth += {"[": 1, "]": -1}.get(line[index], 0)
            if depth == 0:
                found.append((match.start(), index + 1, (match.end(), index), False))
                break
    code = [(s.start, s.end) for s in block.spans if s.kind == "code"]
    found = [f for f in found if not any(o[0] < f[0] < o[1] for o in found if o is not f)
             and not any(a < f[1] and f[0] < b for a, b in code)]
    return sorted(found)


def verse(block: Block, soft_breaks: list[int]) -> None:
    """``| line`` paragraphs (CommonMark has no line blocks) become verse, one line per source line."""
    starts = [0] + [p + 1 for p in soft_breaks]
    if block.kind != PARA or not all(block.text[s:s + 2] in ("| ", "|") for s in starts):
        return
    for position in reversed(starts):
        width = 2 if block.text[position:position + 2] == "| " else 1
        block.delete(position, position + width)
        if position:
            block.text = block.text[:position - 1] + "\n" + block.text[position:]
    block.kind = VERSE
