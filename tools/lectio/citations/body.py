"""Citations in running text (a reading, the introduction, apparatus commentary).

A citation in running text becomes a note (``notes.resolve``, or pandoc's reader):
``Burke’s account [@burke1790].`` prints "Burke’s account.¹". A cue word written
before the brackets, ``see [@key]`` or ``cf. [@key]``, would be left dangling
("see.¹"): :func:`take_cue_words` takes it into the citation as its prefix, as
pandoc's ``[see @key]`` writes it, with the punctuation it leaves doubled:
``…account; see [@key].`` prints "…account.¹" and the note reads "See Burke, …".
"""

from __future__ import annotations

import re

from lectio.citations.prose import CUES, GROUP
from lectio.model import Block, NoteRef, Text

PUNCTUATION = ".,;:!?"
CUE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?P<cue>" + "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True))
                        + r")\s*$", re.I)


def take_cue_words(text: Text) -> None:
    """Every citation note of the running text takes the cue word written before it."""
    for block in text.blocks:
        for ref in sorted(block.notes, key=lambda r: r.position, reverse=True):
            _take(block, ref)
        # two calls now at one place stay in the order they were written
        block.notes.sort(key=lambda r: (r.position, r.note.location.line, r.note.location.column))


def _take(block: Block, ref: NoteRef) -> None:
    group = GROUP.fullmatch(ref.note.markdown.strip())
    if group is None or re.match(r"\s*[^@\s-]", group.group(1)):  # not a citation, or it has a prefix
        return
    end = ref.position
    cue = CUE_BEFORE.search(block.text[:end])
    if cue is None and end and block.text[end - 1] in PUNCTUATION:  # the call follows the punctuation after it
        end -= 1
        cue = CUE_BEFORE.search(block.text[:end])
    if cue is None:
        return
    start = cue.start()
    while start and block.text[start - 1] == " ":
        start -= 1
    if start and block.text[start - 1] in ",;:" and block.text[end:end + 1] in tuple(PUNCTUATION) + ("",):
        start -= 1
    block.delete(start, cue.end())
    if start and block.text[start - 1] in PUNCTUATION and block.text[start:start + 1] in tuple(PUNCTUATION):
        block.delete(start, start + 1)
    word = cue.group("cue")
    ref.note.markdown = f"[{word[0].upper()}{word[1:]} {group.group(1).strip()}]"
