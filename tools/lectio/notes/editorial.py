"""The editor's changes to a text, from the notes file: ``[[emendation]]`` (a change to the
normalized text) and ``[[citation]]`` (a citation restored where the source lost one)."""

from __future__ import annotations

import re

from lectio.errors import ERROR, INFO, Finding
from lectio.model import Block, Note, NoteRef, Span, Text
from lectio.notes.notesfile import CitationEntry, Emendation
from lectio.sources import LACUNA, normalize_fragment, quote_findings


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
        change = signed_change(emendation)
        if change is None:
            findings.append(Finding("notes.emendation-sign", f"emendation with sign = \"{emendation.sign}\": "
                                    f"{SIGN_NEEDS[emendation.sign]}", emendation.location, ERROR,
                                    fix=SIGN_FIX[emendation.sign]))
            continue
        _apply(block, start, emendation, change)
        if not _resolve_quote_findings(text, block, source_findings, emendation.reason):
            findings.append(Finding("notes.emendation", f"emended: {emendation.exact!r}",
                                    text.location(block, start), INFO, decision=emendation.reason))
    return findings


SIGN_NEEDS = {"supplied": "'replace' must be 'exact' with the editor's words added, nothing taken away",
              "deleted": "'replace' must be 'exact' with the rejected words taken away, nothing added"}
SIGN_FIX = {"supplied": "write replace as exact with the supplied text inserted (e.g. exact = \"etc.\", "
                        "replace = \"etc.”\")",
            "deleted": "write replace as exact with the rejected words left out, or use no sign"}


def signed_change(emendation: Emendation) -> tuple[int, int, int] | None:
    """Where the sign goes: (start, end in exact, end in replace) of the change, the text both share
    around it left out; None when the sign does not fit the change (a "supplied" one that takes
    text away, a "deleted" one that adds text)."""
    old, new = emendation.exact, emendation.replace if emendation.replace is not None else emendation.exact
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_end, new_end = len(old) - suffix, len(new) - suffix
    if emendation.sign == "supplied" and (old_end != prefix or new_end == prefix):
        return None
    if emendation.sign == "deleted" and (new_end != prefix or old_end == prefix):
        return None
    if emendation.sign in ("supplied", "deleted"):
        longer = new if emendation.sign == "supplied" else old
        start, end = _on_words(longer, prefix, max(old_end, new_end))
        return start, end, end
    return prefix, old_end, new_end


def _on_words(text: str, start: int, end: int) -> tuple[int, int]:
    """An insertion into (or deletion from) ``text`` may be shifted left while the text stays the same
    ("the the" less "the "): the place where it covers whole words, its spaces outside the sign."""
    places = [(start, end)]
    while start > 0 and text[start - 1] == text[end - 1]:
        start, end = start - 1, end - 1
        places.append((start, end))

    def trimmed(place):
        left, right = place
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        return left, right

    def whole(place) -> int:
        left, right = trimmed(place)
        return (left == 0 or not text[left - 1].isalnum()) + (right == len(text) or not text[right].isalnum())

    return trimmed(max(places, key=whole))


def _apply(block: Block, start: int, emendation: Emendation, change: tuple[int, int, int]) -> None:
    """Change the text; a sign's span covers what was supplied, rejected (kept in the text) or found corrupt."""
    prefix, old_end, new_end = change
    origin = block.origin[start]
    if emendation.sign == "corrupt":
        block.spans.append(Span(start, start + len(emendation.exact), "corrupt"))
    elif emendation.sign == "deleted":
        block.spans.append(Span(start + prefix, start + old_end, "deleted"))
    else:
        block.delete(start, start + len(emendation.exact))
        block.insert(start, emendation.replace, origin)
        if emendation.sign == "supplied":
            block.spans.append(Span(start + prefix, start + new_end, "supplied"))


def _resolve_quote_findings(text: Text, block: Block, findings: list[Finding], reason: str) -> bool:
    """An emendation that balances a paragraph's quotation marks settles its quote findings: True when
    it settled one (the reason is then listed with that finding in the Note on the text)."""
    if quote_findings(text, block):
        return False
    first, last = text.location(block, 0), text.location(block, len(block.text) - 1)
    settled = False
    for finding in findings:
        if finding.code.endswith("-quote") and first <= finding.location <= last:
            finding.severity, finding.decision = INFO, reason
            settled = True
    return settled


def restore_citations(text: Text, citations: list[CitationEntry], source_findings: list[Finding]) -> list[Finding]:
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
