"""Citations in running text (a reading, the introduction, apparatus commentary).

A citation in running text becomes a note (``notes.resolve``, or pandoc's reader):
``Burke’s account [@burke1790].`` prints "Burke’s account.¹". A cue word written
before the brackets, ``see [@key]`` or ``cf. [@key]``, would be left dangling
("see.¹"): :func:`take_cue_words` takes it into the citation as its prefix, as
pandoc's ``[see @key]`` writes it, with the punctuation it leaves doubled:
``…account; see [@key].`` prints "…account.¹" and the note reads "See Burke, …".
This is done where the citation ends its clause (punctuation or the paragraph's end
follows). Another word that leads into a citation there (``as argued in [@key].``,
``probably [@key].``) would dangle too, but taking it would change the sentence: it
is ``citations.dangling-word``, with the fix ``write [in @key]``; so is a cue word
in mid-clause (``see [@key] for more``), whose clause belongs in the note. A
preposition in mid-clause (``the method it points to [@key] is…``) is left alone.
"""

from __future__ import annotations

import re

from lectio.citations.prose import CUES, GOVERNING, GROUP
from lectio.errors import WARNING, Finding
from lectio.model import Block, NoteRef, Text

PUNCTUATION = ".,;:!?"


def _words_before(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s(]))(?P<cue>{alternatives})\s*$", re.I)


CUE_BEFORE = _words_before(CUES)
DANGLING_BEFORE = _words_before(set(GOVERNING) - set(CUES))


def take_cue_words(text: Text) -> list[Finding]:
    """Every citation note of the running text takes the cue word written before it; another
    word that leads into it (``in``, ``by``, ``probably``) would dangle: a warning."""
    findings = []
    for block in text.blocks:
        for ref in sorted(block.notes, key=lambda r: r.position, reverse=True):
            group = GROUP.fullmatch(ref.note.markdown.strip())
            if group is None or re.match(r"\s*[^@\s-]", group.group(1)):  # not a citation, or it has a prefix
                continue
            cited = group.group(1).strip()
            if _ends_clause(block, ref):
                if not _take(block, ref, cited):
                    findings += _dangling(text, block, ref, cited, DANGLING_BEFORE)
            else:  # "see [@key] for more": the rest of the clause belongs in the note too
                findings += _dangling(text, block, ref, cited, CUE_BEFORE)
        # two calls now at one place stay in the order they were written
        block.notes.sort(key=lambda r: (r.position, r.note.location.line, r.note.location.column))
    return findings


def _ends_clause(block: Block, ref: NoteRef) -> bool:
    """The citation ends its clause: punctuation (which the call follows) or the paragraph's end."""
    end = ref.position
    return end >= len(block.text.rstrip()) or (end > 0 and block.text[end - 1] in PUNCTUATION)


def _before(block: Block, ref: NoteRef, pattern: re.Pattern) -> tuple[re.Match | None, int]:
    """The word before the note call (before the punctuation the call follows), and where it ends."""
    end = ref.position
    word = pattern.search(block.text[:end])
    if word is None and end and block.text[end - 1] in PUNCTUATION:
        end -= 1
        word = pattern.search(block.text[:end])
    return word, end


def _take(block: Block, ref: NoteRef, cited: str) -> bool:
    cue, end = _before(block, ref, CUE_BEFORE)
    if cue is None:
        return False
    start = cue.start()
    while start and block.text[start - 1] == " ":
        start -= 1
    if start and block.text[start - 1] in ",;:" and block.text[end:end + 1] in tuple(PUNCTUATION) + ("",):
        start -= 1
    block.delete(start, cue.end())
    if start and block.text[start - 1] in PUNCTUATION and block.text[start:start + 1] in tuple(PUNCTUATION):
        block.delete(start, start + 1)
    word = cue.group("cue")
    ref.note.markdown = f"[{word[0].upper()}{word[1:]} {cited}]"
    return True


def _dangling(text: Text, block: Block, ref: NoteRef, cited: str, words: re.Pattern) -> list[Finding]:
    word, _ = _before(block, ref, words)
    if word is None:
        return []
    shown = block.text[max(0, word.start() - 30):ref.position].lstrip()
    return [Finding("citations.dangling-word", f"{word.group('cue')!r} is left before the note the citation "
                    f"becomes: '…{shown}'", text.location(block, word.start()), WARNING,
                    fix=f"write [{word.group('cue')} {cited}] to take the word into the note, or reword")]
