"""The editor's changes to a text, from the notes file: ``[[emendation]]`` (a change to the
normalized text) and ``[[citation]]`` (a citation restored where the source lost one)."""

from __future__ import annotations

import re

from lectio.errors import ERROR, INFO, Finding
from lectio.model import Block, Note, NoteRef, Text
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
