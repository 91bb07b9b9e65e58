"""Note texts written by the source's author: a Notes section at the end of a source,
Markdown ``[^n]: text`` definitions, and a plain-text notes list (a sidecar file).

Every text read becomes a :class:`NoteText` that knows its place (``section``,
``definition``, ``list``) and its file:line, so that the ledger (``ledger.py``) can
account for it.

Numbered lines, in a Notes section or a notes list, start with the note's number in
one of these forms: ``1. text``, ``1) text``, ``(1) text``, ``[1] text``, ``¹ text``,
``[^1]: text`` or a bare ``1 text``. A bare number starts a note only when it follows
the previous note's number (by at most ten), so that a continuation line beginning
with a year ("1790 edition.") is not taken for a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lectio.errors import ERROR, WARNING, Finding, Location
from lectio.model import Block, Text
from lectio.sources.inline_notes import CITATION

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
NOTE_DEFINITION = re.compile(r"\[\^([\w-]+)\]:\s*")
NOTES_HEADING = re.compile(r"(?:end|foot)?notes?|notes and references", re.I)
REFERENCES_HEADING = re.compile(r"references", re.I)
NUMBERED_TEXT = re.compile(rf"(?:\[\^(\d+)\]:|\((\d+)\)|\[(\d+)\]|(\d+)[.)]|([{SUPERSCRIPTS}]+))\s+")
BARE_NUMBER = re.compile(r"(\d{1,3})\s+(?=\D)")
SECTION, DEFINITION, LIST, TOML, READER, CITATION_PLACE = "section", "definition", "list", "toml", "reader", "citation"
BARE_STEP = 10
PLACE_WORDS = {SECTION: "Notes section", LIST: "notes list"}
WRITTEN_KINDS = ("heading", "para", "quote")  # the kinds whose text starts with a note's number, if any
DELIMITERS = {"emph": ("*", "*"), "strong": ("**", "**"), "code": ("`", "`"), "strike": ("~~", "~~"),
              "sup": ("^", "^"), "sub": ("~", "~"), "smallcaps": ("[", "]{.smallcaps}")}


@dataclass(frozen=True)
class NoteText:
    """One note text as read: its key (the number or label), its Markdown, where, from which place."""

    key: str
    markdown: str
    location: Location
    place: str


def from_superscript(digits: str) -> str:
    """``¹²`` → ``12``: a superscript marker's number."""
    return str(int(digits.translate(SUPERSCRIPT_DIGITS)))


def is_notes_heading(line: str, references: bool = True) -> bool:
    """"Notes", "NOTES:", "Endnotes.", "Footnotes" and, where ``references``, "References":
    the heading of a Notes section."""
    words = line.strip().lstrip("#").strip().rstrip(":.").strip()
    return bool(NOTES_HEADING.fullmatch(words) or (references and REFERENCES_HEADING.fullmatch(words)))


def numbered(line: str, previous: int | None) -> tuple[str, str] | None:
    """(key, text) when ``line`` starts a numbered note; ``previous`` is the last note's number."""
    line += " "  # a number alone on its line ("2.") starts a note whose text is empty
    match = NUMBERED_TEXT.match(line)
    if not match:
        match = BARE_NUMBER.match(line)
        if not match or not (previous or 0) < int(match.group(1)) <= (previous or 0) + BARE_STEP:
            return None
    key = next(g for g in match.groups() if g)
    key = from_superscript(key) if key[0] in SUPERSCRIPTS else str(int(key))
    return key, line[match.end():].strip()


@dataclass
class Taken:
    """What :func:`take_texts` took out of a text: note texts, the blocks they stood in, findings."""

    texts: list[NoteText]
    blocks: list[Block]
    findings: list[Finding]


def take_texts(text: Text, references: bool = True) -> Taken:
    """Remove the note texts from ``text``'s blocks (a Notes section, ``[^n]:`` definitions).

    A Notes section starts at a block whose first line is a Notes heading; each of its
    source lines that starts with a number starts a note, a line without one continues
    the note above it, unless that note has no text: then the line is reported as
    ``notes.unnumbered-text`` (no two notes merge). A block of the section whose first
    line has no number (a colophon after the notes) stays in the text, except an item of
    a list read by pandoc (:func:`_list_item_text`). A "References" heading starts a Notes
    section only where ``references`` (the text has markers): else it heads a bibliography.
    """
    taken = Taken([], [], [])
    kept, in_section = [], False
    for block in text.blocks:
        lines = source_lines(text, block)
        if lines and is_notes_heading(lines[0][1], references) and (block.kind == "heading" or len(lines) == 1
                                                        or numbered(lines[1][1], None)):
            in_section, lines = True, lines[1:]
            taken.blocks.append(block)
            if lines:
                _section_texts(text, block, lines, taken)
            continue
        definition = NOTE_DEFINITION.match(block.text)
        if definition:
            body = markdown_of(block, definition.end(), len(block.text)).strip()
            taken.texts.append(NoteText(definition.group(1), body, Location(text.display_path, block.line), DEFINITION))
        elif in_section and lines and numbered(lines[0][1], _last_number(taken.texts)):
            _section_texts(text, block, lines, taken)
        elif in_section and lines and block.kind not in WRITTEN_KINDS:
            _list_item_text(text, block, taken)
        else:
            kept.append(block)
            continue
        taken.blocks.append(block)
    text.blocks = kept
    return taken


def _section_texts(text: Text, block: Block, lines: list[tuple[int, str]], taken: Taken) -> None:
    taken.texts += numbered_lines([(text.location(block, start), line, True) for start, line in lines], SECTION,
                                  _last_number(taken.texts), taken.findings)


def _list_item_text(text: Text, block: Block, taken: Taken) -> None:
    """An item of a numbered list in a Notes section, as pandoc reads one (the number is the
    list's, not in the item's text): it takes the number after the previous note's."""
    key = str((_last_number(taken.texts) or 0) + 1)
    lines = written_lines(text, block) if is_pandoc(text) else [(0, markdown_of(block, 0, len(block.text)))]
    body = " ".join(line.strip() for _, line in lines).strip()
    taken.texts.append(NoteText(key, body, Location(text.display_path, block.line), SECTION))


def _last_number(texts: list[NoteText]) -> int | None:
    numbers = [int(t.key) for t in texts if t.key.isdigit()]
    return numbers[-1] if numbers else None


def numbered_lines(lines: list[tuple[Location, str, bool]], place: str, previous: int | None,
                   findings: list[Finding]) -> list[NoteText]:
    """Numbered lines to note texts; unnumbered lines (and those that may not start a note:
    the third item is false) continue the note above them. A line that belongs to no note
    is reported, and kept as a text without a key (so that the accounts see it reported)."""
    pieces: list[list] = []
    aside: list[NoteText] = []
    for where, line, may_start in lines:
        found = numbered(line, previous) if may_start else None
        if found:
            pieces.append([found[0], found[1], Location(where.file, where.line)])
            previous = int(found[0])
        elif pieces and pieces[-1][1]:
            pieces[-1][1] += " " + line
        else:
            above = f"note ({pieces[-1][0]}) above it has no text" if pieces else "no numbered line above it"
            findings.append(Finding("notes.unnumbered-text", f"text without a note number in the {PLACE_WORDS[place]}: "
                                    f"{line[:40]!r} ({above})",
                                    where, ERROR, fix="write the note's number before it, or move it onto the "
                                    "line of its number"))
            aside.append(NoteText("", line, where, place))
    return [NoteText(key, body, where, place) for key, body, where in pieces] + aside


def is_pandoc(text: Text) -> bool:
    """A text whose reader (pandoc) attached its notes itself."""
    return text.reader == "pandoc"


def written_lines(text: Text, block: Block) -> list[tuple[int, str]]:
    """The lines of the file a block read by pandoc was read from, as written (its Markdown, with the
    citations and inline notes the reader took out of its text): (start index in the block, line)."""
    first, last = block.origin[0], block.origin[-1]
    end = text.raw.find("\n", last)
    lines, offset = [], first
    for line in text.raw[first:end if end >= 0 else len(text.raw)].split("\n"):
        index = next((i for i, o in enumerate(block.origin) if o >= offset), len(block.origin) - 1)
        if line.strip():
            lines.append((index, line.strip()))
        offset += len(line) + 1
    return lines


def source_lines(text: Text, block: Block) -> list[tuple[int, str]]:
    """A block's text cut where the file as received has a line break: (start index, line
    in Markdown, with the block's inline markup written back; for a block read by pandoc, the
    line as written)."""
    if is_pandoc(text) and block.origin and block.text.strip():
        return written_lines(text, block)
    cuts = [i for i, offset in enumerate(block.origin[:len(block.text)])
            if text.raw[offset:offset + 1] in ("\r", "\n")]
    bounds = [0] + [c + 1 for c in cuts] + [len(block.text) + 1]
    return [(a, markdown_of(block, a, b - 1).strip()) for a, b in zip(bounds, bounds[1:])
            if block.text[a:b - 1].strip()]


def markdown_of(block: Block, start: int, end: int) -> str:
    """``block.text[start:end]`` with its spans written back as Markdown (``*emph*``, ``**strong**``…)
    and the notes a reader attached to it (a citation as ``[@key]``, a note as ``^[…]``), so that a
    note text read from a block keeps its markup and its citations."""
    inserts = []
    for span in block.spans:
        first, last = max(span.start, start), min(span.end, end)
        marks = (("[", f"]({span.target})") if span.kind == "link" else DELIMITERS.get(span.kind))
        if first < last and marks:
            inserts += [(first, 1, marks[0]), (last, 0, marks[1])]
    for ref in block.notes:
        if start <= ref.position <= end:
            written = ref.note.markdown.strip()
            inserts.append((ref.position, 0.5, written if CITATION.fullmatch(written) else f"^[{written}]"))
    out = block.text[start:end]
    for position, _, mark in sorted(inserts, reverse=True):
        out = out[:position - start] + mark + out[position - start:]
    return out


def duplicates(texts: list[NoteText]) -> tuple[dict[str, NoteText], list[Finding]]:
    """The first text of each key, and a ``notes.duplicate-text`` for each later one (texts
    without a key, lines that belong to no note, are left out: they are reported already)."""
    first: dict[str, NoteText] = {}
    findings = []
    for note_text in texts:
        if not note_text.key:
            continue  # a line that belongs to no note: reported where it was read
        if note_text.key in first:
            findings.append(duplicate_text(note_text, first[note_text.key].location))
        else:
            first[note_text.key] = note_text
    return first, findings


def duplicate_text(note_text: NoteText, first: Location) -> Finding:
    """A second text for one note: the first is used, this one is reported (and so accounted for)."""
    return Finding("notes.duplicate-text", f"a second text for note ({note_text.key}) (first at {first})",
                   note_text.location, WARNING, fix="remove one of them; the first is used")
