"""The apparatus criticus as both writers print it: the conspectus siglorum of the front matter,
an entry ``lemma ] reading Sigla; …``, the lemma's mark in the text, and the EPUB's notes after
each paragraph (docs/variants.md). Every word comes from the edition's witnesses and variants,
except the conventional "om." (a reading that omits the lemma) and "base text".
"""

from __future__ import annotations

import html

from lectio.model import Block, Book, Variant

esc = html.escape
TITLE = "Conspectus siglorum"
ANCHOR = "conspectus"


def conspectus_html(book: Book) -> str:
    """The list of sigla: for each reading with witnesses, its witnesses in the editor's order."""
    parts = []
    for reading in book.readings:
        witnesses = [w for w in book.witnesses if w.reading == reading.siglum]
        if not witnesses:
            continue
        rows = "".join(f'<dt><span class="siglum">{esc(w.siglum)}</span></dt><dd>{esc(w.label)}'
                       f'{" <em>(base text)</em>" if w.base else ""}</dd>' for w in witnesses)
        parts.append(f'<p class="conspectus-reading"><span class="siglum">{esc(reading.siglum)}</span> '
                     f'<em>{esc(reading.title)}</em></p><dl class="conspectus">{rows}</dl>')
    return "".join(parts)


def lemma_ids(block: Block) -> dict[int, str]:
    """The anchor of each lemma span of the block, written once (at the span's first run)."""
    return {id(s): f"var-{s.target}" for s in block.spans if s.kind == "lemma"}


def lemma_html(text: str, anchor: str) -> str:
    """The lemma in the print HTML and the EPUB: ``<span class="lemma" id="var-…">``."""
    identifier = f' id="{esc(anchor)}"' if anchor else ""
    return f'<span class="lemma"{identifier}>{text}</span>'


def entry_html(variant: Variant, backlink: bool = True) -> str:
    """``lemma ] reading Sigla; reading Sigla``, the editor's note after it; the lemma links back to
    its place in the text when ``backlink``."""
    lemma = esc(shortened(variant.lemma))
    if backlink:
        lemma = f'<a class="lemma-ref" href="#{variant.anchor}">{lemma}</a>'
    readings = "; ".join(f'{esc(r.text) if r.text else "<em>om.</em>"} {_sigla(r.sigla)}' for r in variant.readings)
    note = f' <span class="variant-note">{esc(variant.note)}</span>' if variant.note else ""
    return f"{lemma} ]&#160;{readings}{note}"


def shortened(lemma: str, longest: int = 8) -> str:
    """A lemma of more than ``longest`` words by its first and last two: ``here. It … nobly advanced``."""
    words = lemma.split()
    return lemma if len(words) <= longest else " ".join(words[:2]) + " … " + " ".join(words[-2:])


def _sigla(sigla: tuple[str, ...]) -> str:
    return "&#160;".join(f'<span class="siglum">{esc(s)}</span>' for s in sigla)


def paragraph_notes(book: Book) -> dict[str, str]:
    """For each paragraph with lemmata (``G-2``), its EPUB notes: one line per entry, in text order."""
    by_id = {v.id: v for v in book.variants}
    out = {}
    for reading in book.readings:
        for block in reading.text.paragraphs():
            ids = sorted((s.start, -s.end, s.target) for s in block.spans if s.kind == "lemma" and s.target in by_id)
            if ids:
                lines = "".join(f'<p class="variant" id="note-{esc(by_id[t].anchor)}">{entry_html(by_id[t])}</p>'
                                for _, _, t in ids)
                label = f"Variants, {reading.siglum} {block.number}"
                out[f"{reading.siglum}-{block.number}"] = (f'<div class="variants" role="note" '
                                                           f'aria-label="{esc(label)}">{lines}</div>')
    return out


def attach_notes(blocks: list, notes: dict[str, str]) -> list:
    """The pandoc blocks with each paragraph's notes (raw HTML) appended inside its Div."""
    for item in blocks:
        if isinstance(item, dict) and item.get("t") == "Div":
            identifier = item["c"][0][0]
            attach_notes(item["c"][1], notes)
            if identifier in notes:
                item["c"][1].append({"t": "RawBlock", "c": ["html", notes[identifier]]})
        elif isinstance(item, dict) and item.get("t") in ("BlockQuote",):
            attach_notes(item["c"], notes)
    return blocks
