"""Stage 3: find note markers, pair them with note texts, and make them canonical.

Markers in several conventions are recognised: ``(12)``, ``[12]``, superscript
digits, Markdown ``[^12]``, pandoc inline notes ``^[text]`` and, in Markdown texts,
in-text citations ``[@key]`` (which a note style turns into footnotes). Note texts
come from the reading's notes file (a TOML sidecar), a Notes section at the end of
the source, or Markdown footnote definitions. Every marker leaves the text and
becomes a NoteRef to a Note numbered 1, 2, 3… in the order of reading.
"""

from __future__ import annotations

import re

from lectio.citations.body import take_cue_words
from lectio.errors import ERROR, INFO, WARNING, Finding, Location
from lectio.model import Block, Note, NoteRef, Text
from lectio.notes.notesfile import CitationEntry, Emendation, NotesFile, load_notes_file  # noqa: F401 (the stage's API)
from lectio.sources import LACUNA, normalize_fragment, quote_findings

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_DIGITS = str.maketrans(SUPERSCRIPTS, "0123456789")
MARKER = re.compile(
    r" ?\((?P<paren>\d{1,3})\)(?![\w(])"
    r"|(?<![\w\]])\[(?P<bracket>\d{1,3})\](?![(:\[])"
    r"|\[\^(?P<md>[\w-]+)\](?!:)"
    rf"|(?<=[\w.,;:!?\u201d\u2019)])(?P<sup>[{SUPERSCRIPTS}]+)"
)
CITATION = re.compile(r"\[(?=[^\[\]]*@[\w])[^\[\]]*\]")
PUNCTUATION = set(".,;:!?")
NOTE_DEFINITION = re.compile(r"\[\^([\w-]+)\]:\s*")
NOTES_HEADING = re.compile(r"(end)?notes|references", re.I)
NUMBERED_TEXT = re.compile(rf"(?:\((\d+)\)|\[(\d+)\]|(\d+)\.|([{SUPERSCRIPTS}]+))\s+")


def resolve_notes(text: Text, sidecar: NotesFile, source_findings: list[Finding]) -> list[Finding]:
    """Apply emendations, turn markers into NoteRefs, pair them with texts; report."""
    findings: list[Finding] = []
    inline_citations(text)
    findings += take_cue_words(text)  # "see [@key]" → a note "[See @key]", not "see.¹"
    findings += apply_emendations(text, sidecar.emendations, source_findings)
    definitions, found = _take_definitions(text)
    findings += found
    findings += _restore_citations(text, sidecar.citations, source_findings)
    occurrences: dict[str, int] = {}
    used: set[int] = set()  # the id() of each [[note]] a marker takes
    for block in text.blocks:
        for match in reversed(list(_markers(block.text, text.markdown))):
            _replace_marker(text, block, match)
    ordered = sorted(((b_i, ref.position, ref) for b_i, b in enumerate(text.blocks) for ref in b.notes),
                     key=lambda item: (item[0], item[1]))
    previous = 0
    for number, (_, _, ref) in enumerate(ordered, start=1):
        note = ref.note
        note.number = number
        if note.marker:
            occurrences[note.marker] = occurrences.get(note.marker, 0) + 1
            findings += _pair(note, occurrences[note.marker], sidecar, definitions, previous, used)
            previous = int(note.marker) if note.marker.isdigit() else previous
    text.notes = [ref.note for _, _, ref in ordered]
    findings += _gaps(text, sidecar)
    findings += _unused(sidecar, definitions, used)
    return findings


def _markers(line: str, markdown: bool):
    """In Markdown only ``[^n]`` is a marker: "(12)" there is prose."""
    for match in MARKER.finditer(line):
        if match.group("md") or not markdown:
            yield match


def _replace_marker(text: Text, block: Block, match: re.Match) -> None:
    marker = next(v for v in match.groupdict().values() if v)
    if match.group("sup"):
        marker = from_superscript(marker)
    location = text.location(block, match.start() + (1 if match.group().startswith(" ") else 0))
    start = match.start()
    block.delete(start, match.end())
    block.notes.append(NoteRef(start, Note(0, "", location, marker=marker)))


def apply_emendations(text: Text, emendations: list[Emendation], source_findings: list[Finding]) -> list[Finding]:
    findings = []
    for emendation in emendations:
        hits = [(b, m.start()) for b in text.blocks for m in re.finditer(re.escape(emendation.exact), b.text)]
        if len(hits) != 1:
            findings.append(Finding("notes.emendation-anchor",
                                    f"emendation 'exact' found {len(hits)} times in {text.display_path}; "
                                    "it must match exactly once", emendation.location, ERROR,
                                    fix="quote more (or less) of the normalized text"))
            continue
        block, start = hits[0]
        origin = block.origin[start]
        block.delete(start, start + len(emendation.exact))
        block.insert(start, emendation.replace, origin)
        _resolve_quote_findings(text, block, source_findings, emendation.reason)
    return findings


def _resolve_quote_findings(text: Text, block: Block, findings: list[Finding], reason: str) -> None:
    if quote_findings(text, block):
        return
    first, last = text.location(block, 0), text.location(block, len(block.text) - 1)
    for finding in findings:
        if finding.code.endswith("-quote") and first <= finding.location <= last:
            finding.severity, finding.decision = INFO, reason


def _restore_citations(text: Text, citations: list[CitationEntry], source_findings: list[Finding]) -> list[Finding]:
    findings = []
    for citation in citations:
        place = _find_place(text, citation)
        if place is None:
            findings.append(Finding("notes.citation-anchor",
                                    f"[[citation]] place not found: {citation.after or citation.before!r} "
                                    f"does not occur (occurrence {citation.occurrence}) in {text.display_path}",
                                    citation.location, ERROR, fix="quote the normalized text next to the place"))
            continue
        block, position = place
        location = text.location(block, position)
        if position < len(block.text) and block.text[position] == LACUNA:
            block.delete(position, position + 1)
            for finding in source_findings:
                if finding.code == "sources.stripped-citation" and finding.location == location:
                    finding.severity = INFO
                    finding.decision = citation.decision or "citation restored by the editor"
        note = Note(0, citation.text, location, reconstructed=citation.reconstructed,
                    text_location=citation.location)
        block.notes.append(NoteRef(position, note))
    for block in text.blocks:  # lacunae nobody restored: the finding stays; the mark goes
        while LACUNA in block.text:
            index = block.text.index(LACUNA)
            block.delete(index, index + 1)
    return findings


def _find_place(text: Text, citation: CitationEntry):
    quote = normalize_fragment(citation.after or citation.before)
    seen = 0
    for block in text.blocks:
        for match in re.finditer(re.escape(quote), block.text):
            position = match.end() if citation.after else match.start()
            if citation.before and position > 0 and block.text[position - 1] == " ":
                position -= 1
                if position > 0 and block.text[position - 1] == LACUNA:
                    position -= 1
            seen += 1
            if seen == citation.occurrence:
                return block, position
    return None


def _take_definitions(text: Text) -> tuple[dict[str, tuple[str, Location]], list[Finding]]:
    """Markdown ``[^n]: text`` blocks and a trailing Notes section become note texts.

    In a Notes section each source line that starts with a number starts a note; a line
    without one continues the note above it, unless that note has no text: then the
    number is kept with an empty text (an error at pairing, see :func:`_pair`) and the
    line is reported as ``notes.unnumbered-text``, so that no two notes merge.
    """
    definitions, findings, kept = {}, [], []
    for block, in_section in _sections(text):
        pieces = _definitions_in(text, block, in_section, findings)
        if not pieces:
            kept.append(block)
        for key, body, where in pieces:
            if key in definitions:
                findings.append(Finding("notes.duplicate-text", f"a second text for note ({key}) (first at line "
                                        f"{definitions[key][1].line})", where, WARNING,
                                        fix="remove one of them; the first is used"))
            else:
                definitions[key] = (body, where)
    text.blocks = kept
    return definitions, findings


def _sections(text: Text):
    """Each non-heading block with whether it stands in a Notes section."""
    in_notes_section = False
    for block in list(text.blocks):
        if block.kind == "heading" and NOTES_HEADING.fullmatch(block.text.strip()):
            in_notes_section = True
            continue
        yield block, in_notes_section


def _definitions_in(text: Text, block, in_section: bool, findings: list[Finding]) -> list[tuple[str, str, Location]]:
    """The note texts a block holds, one per numbered source line in a Notes section."""
    if not in_section or _definition(block.text, False):
        found = _definition(block.text, in_section)
        return [(*found, Location(text.display_path, block.line))] if found else []
    pieces: list[list] = []
    for start, line in _source_lines(text, block):
        found = _definition(line + " ", True)
        where = text.location(block, start)
        if found:
            pieces.append([*found, Location(text.display_path, where.line)])
        elif pieces and pieces[-1][1]:
            pieces[-1][1] += " " + line
        elif pieces:
            findings.append(Finding("notes.unnumbered-text", f"text without a note number in the Notes section: "
                                    f"{line[:40]!r} (note ({pieces[-1][0]}) above it has no text)", where, ERROR,
                                    fix="write the note's number before it, or move it onto the line of its number"))
        else:
            return []
    return [tuple(p) for p in pieces]


def _source_lines(text: Text, block) -> list[tuple[int, str]]:
    """A block's text cut where the file as received has a line break: (start index, line)."""
    cuts = [i for i, offset in enumerate(block.origin[:len(block.text)]) if text.raw[offset:offset + 1] in "\r\n"
            and text.raw[offset:offset + 1]]
    bounds = [0] + [c + 1 for c in cuts] + [len(block.text) + 1]
    return [(a, block.text[a:b - 1].strip()) for a, b in zip(bounds, bounds[1:]) if block.text[a:b - 1].strip()]


def _definition(line: str, in_notes_section: bool) -> tuple[str, str] | None:
    match = NOTE_DEFINITION.match(line)
    if not match and in_notes_section:
        match = NUMBERED_TEXT.match(line)
    if not match:
        return None
    key = next(g for g in match.groups() if g)
    if key[0] in SUPERSCRIPTS:
        key = from_superscript(key)
    return key, line[match.end():].strip()


def from_superscript(digits: str) -> str:
    """``¹²`` → ``12``: a superscript marker's number."""
    return str(int(digits.translate(SUPERSCRIPT_DIGITS)))


def _pair(note, occurrence, sidecar, definitions, previous, used: set[int]) -> list[Finding]:
    findings = []
    entry = next((e for e in sidecar.notes if e.marker == note.marker and e.occurrence == occurrence), None)
    if occurrence > 1:
        findings.append(Finding("notes.duplicate", f"marker ({note.marker}) occurs again (occurrence {occurrence})",
                                note.location, INFO if entry and entry.decision else WARNING,
                                fix=f"add a [[note]] with marker = {note.marker} and occurrence = {occurrence} "
                                    "and a 'decision'", decision=entry.decision if entry else ""))
    elif note.marker.isdigit() and int(note.marker) < previous:
        findings.append(Finding("notes.out-of-order", f"marker ({note.marker}) comes after ({previous})",
                                note.location, WARNING))
    source_text = definitions.pop(note.marker, None) if occurrence == 1 else None
    if entry:
        used.add(id(entry))
        note.markdown, note.reconstructed, note.text_location = entry.text, entry.reconstructed, entry.location
        if entry.renumber and entry.renumber != note.number:
            findings.append(Finding("notes.renumber", f"renumber = {entry.renumber}, but this is note "
                                    f"{note.number} of the text", entry.location, ERROR))
    elif source_text and source_text[0]:
        note.markdown, note.text_location = source_text
    elif source_text:
        note.markdown, note.reconstructed, note.text_location = "", True, source_text[1]
        findings.append(Finding("notes.empty-text", f"note ({note.marker}) has its number but no text in the "
                                "Notes section", source_text[1], ERROR,
                                fix=f"write its text after the number, or add a [[note]] with marker = {note.marker}"
                                    ", its text and a 'decision' to the notes file"))
    else:
        note.markdown = "The received text gives no text for this note."
        note.reconstructed = True
        findings.append(Finding("notes.no-text", f"no text for note marker ({note.marker})", note.location,
                                WARNING, fix=f"add a [[note]] with marker = {note.marker} to the notes file"))
    return findings


def _gaps(text: Text, sidecar: NotesFile) -> list[Finding]:
    """Numbers the source skips, reported where the next marker stands."""
    numbered = [n for n in text.notes if n.marker.isdigit()]
    numbers = {int(n.marker) for n in numbered}
    findings = []
    decisions = {e.renumber: e for e in sidecar.notes if e.renumber}
    for missing in sorted(set(range(1, max(numbers, default=0) + 1)) - numbers):
        entry = decisions.get(missing)
        after = next(n for n in numbered if int(n.marker) > missing)
        findings.append(Finding("notes.missing-number", f"no marker ({missing}) in the text before this one",
                                after.location, INFO if entry else WARNING,
                                fix="record the decision with 'renumber' on the note that takes its place",
                                decision=entry.decision if entry else ""))
    return findings


def _unused(sidecar: NotesFile, definitions: dict[str, tuple[str, Location]], used: set[int]) -> list[Finding]:
    """Note texts that no marker calls: the editor's (an error) and the source's (a warning)."""
    return [Finding("notes.orphan", f"[[note]] for marker ({e.marker}), occurrence {e.occurrence}, "
                    "matches no marker in the text", e.location, ERROR,
                    fix="correct its 'marker' or 'occurrence', or remove it")
            for e in sidecar.notes if id(e) not in used] + \
        [Finding("notes.orphan", f"note text ({key}) has no marker in the text", where, WARNING,
                 fix="restore the marker with an [[emendation]], or remove the text")
         for key, (_, where) in definitions.items()]


def inline_citations(text: Text) -> None:
    """In Markdown texts, ``[@key]`` citations and ``^[…]`` notes become notes, as pandoc
    does with a note style: a citation takes no space before it, and its note call goes
    after the punctuation that follows it. Note texts (``[^n]:`` blocks, numbered lines of
    a Notes section) keep their citations: they are the notes' own."""
    for block, in_section in _sections(text):
        if _definition(block.text, in_section):
            continue
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
