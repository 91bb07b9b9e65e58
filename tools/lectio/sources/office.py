"""Word (.docx) and HTML sources, read by pandoc into the document model.

Their footnotes become the reading's notes (HTML footnotes: see :mod:`.html_notes`), each
note's text written back as pandoc Markdown (``[@key]`` citations typed in the text kept).
Every word goes through the character rules of :mod:`.plain`. These files have no lines an
editor could go to, so locations are ``file:N:C``: N counts the blocks of the text
(headings, paragraphs, list items…) from 1, C the character in it; the synthetic text
behind them (one block per line) is ``Text.raw``. What the model cannot hold (scripts,
styles, images, event handlers, unsafe links) is left out and reported as
``sources.dropped``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from lectio import pandoc
from lectio.errors import Finding, SourceError, WARNING
from lectio.fsutil import MAX_SOURCE_MB, display_path, read_binary
from lectio.model import Text, location_of
from lectio.render.sanitize import long_words, safe_url
from lectio.sources import inline_notes
from lectio.sources.html_notes import attach_html_notes
from lectio.sources.markdown import dropped_findings
from lectio.sources.pandoc_ast import Converter
from lectio.sources.normalize import normalize, read_source
from lectio.sources.plain import number_paragraphs, scan_findings

SEPARATOR = "\ue001"
_HTML_DROPPED = {"script": r"<script\b", "style sheet": r"<style\b", "event handler": r"\son[a-z]+\s*=",
                 "embedded object": r"<(?:iframe|object|embed|svg|math)\b", "form": r"<form\b"}


def read_office(key: str, path: Path, max_mb: float = MAX_SOURCE_MB) -> tuple[Text, list[Finding]]:
    """A .docx or .html source → a numbered text (notes attached) and its findings."""
    found: list[Finding] = []
    if path.suffix.lower() == ".docx":
        data, form = read_binary(path, SourceError, max_mb), "docx"
    else:
        data, form = read_source(path, max_mb), "html"
        found += html_findings(data, display_path(path))
    document = json.loads(pandoc.run(["-f", form, "-t", "json"], data, what=f"{form} reader"))
    blocks = attach_html_notes(document["blocks"]) if form == "html" else meta_blocks(document["meta"]) + \
        document["blocks"]
    changes: Counter = Counter()
    converter = Converter(normalize=lambda word: _normalized(word, changes))
    converter.run(blocks)
    text = Text(key, path, display_path(path), markdown=True, reader="pandoc")
    _place(text, [block for block, _ in converter.blocks])
    _note_texts(converter.pending, lambda word: _normalized(word, changes))
    text.changes = dict(changes)
    text.notes = [ref.note for block in text.blocks for ref in sorted(block.notes, key=lambda r: r.position)]
    number_paragraphs(text)
    dropped = converter.dropped + _unsafe_links(text)
    found += long_words(text.raw, text.display_path)  # at file:N:C, as check does for text sources
    return text, found + scan_findings(text) + dropped_findings(text, dict(dropped))


META = (("title", 1), ("subtitle", 2), ("author", 0), ("date", 0), ("abstract", 0))


def meta_blocks(meta: dict) -> list:
    """Word's Title, Subtitle, Author, Date and Abstract paragraphs, which pandoc moves into the
    metadata, put back at the top (the title as a heading, which the chapter title replaces when
    they are the same), so that no text is lost."""
    blocks = []
    for key, level in META:
        values = meta.get(key)
        values = values["c"] if values and values["t"] == "MetaList" else [values] if values else []
        for value in values:
            if value["t"] == "MetaBlocks":
                blocks += value["c"]
            elif value["t"] == "MetaInlines":
                blocks.append({"t": "Header", "c": [level, ["", [], []], value["c"]]} if level else
                              {"t": "Para", "c": value["c"]})
    return blocks


def _normalized(word: str, changes: Counter) -> str:
    result = normalize(word, markdown=True)
    changes.update(result.counts())
    return result.text


def _place(text: Text, blocks: list) -> None:
    """One block per line of a synthetic text: every character gets its place there (block N is
    line N); inline notes and citations typed in the text become notes."""
    lines, offset = [], 0
    for number, block in enumerate(blocks, start=1):
        block.origin, block.line = list(range(offset, offset + len(block.text))), number
        lines.append(block.text.replace("\n", " "))
        offset += len(block.text) + 1
        inline_notes.attach(block)
    text.raw = text.normalized = "\n".join(lines) + "\n"
    text.blocks = blocks
    for block in blocks:
        for ref in block.notes:
            ref.note.location = text.location(block, ref.position)


def _note_texts(pending: list, normalized) -> None:
    """Each note's blocks (their words through the character rules) as pandoc Markdown, in one
    pandoc call; a ``[@key]`` typed in the note is a citation again (pandoc escapes its brackets)."""
    if not pending:
        return
    blocks = []
    for number, item in enumerate(pending):
        blocks += [{"t": "Para", "c": [{"t": "Str", "c": f"{SEPARATOR}{number}"}]}, *_words(item.ast, normalized)]
    document = {"pandoc-api-version": pandoc_api(), "meta": {}, "blocks": blocks}
    out = pandoc.run(["-f", "json", "-t", "markdown-smart-raw_html-raw_attribute-bracketed_spans-native_spans",
                      "--wrap=none"], json.dumps(document), what="note texts")
    pieces = re.split(rf"^{SEPARATOR}(\d+)\s*$", out, flags=re.M)
    for number, body in zip(pieces[1::2], pieces[2::2]):
        pending[int(number)].ref.note.markdown = re.sub(r"\\([\[\]@])", r"\1", body.strip())


def _words(node, normalized):
    """``node`` (pandoc AST) with ``normalized`` applied to the text of every Str."""
    if isinstance(node, list):
        return [_words(child, normalized) for child in node]
    if isinstance(node, dict) and node.get("t") == "Str":
        return {"t": "Str", "c": normalized(node["c"])}
    if isinstance(node, dict) and "c" in node:
        return {**node, "c": _words(node["c"], normalized)}
    return node


def pandoc_api() -> list:
    from lectio.render.epub import API_VERSION

    return API_VERSION


def _unsafe_links(text: Text) -> Counter:
    """Links to anything but http(s), mailto or #anchors lose their address (the words stay)."""
    dropped: Counter = Counter()
    for block in text.blocks:
        unsafe = [s for s in block.spans if s.kind == "link" and not safe_url(s.target)]
        dropped["unsafe link"] += len(unsafe)
        block.spans = [s for s in block.spans if s not in unsafe]
    return +dropped


def html_findings(raw: str, shown: str) -> list[Finding]:
    """What an HTML source holds that lectio leaves out, each kind a warning at its first line."""
    found = []
    for kind, pattern in _HTML_DROPPED.items():
        hits = list(re.finditer(pattern, raw, re.I))
        if hits:
            found.append(Finding("sources.html-dropped", f"{len(hits)} × {kind} in the HTML source: left out "
                                 "of the book", location_of(raw, hits[0].start(), shown), WARNING,
                                 fix="nothing to do if it was not part of the text; otherwise write it as text"))
    return found
