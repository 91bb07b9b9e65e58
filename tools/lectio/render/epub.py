"""The book → pandoc's document AST (JSON) → EPUB 3, through a sandboxed pandoc.

Links between chapters are AST links, so pandoc rewrites them to the right
XHTML file; notes are AST notes, so pandoc makes pop-up footnotes
(epub:type noteref/footnote) numbered per chapter, that is per reading.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lectio import assemble, pandoc
from lectio.index import write as index_write
from lectio.model import CODE, ELISION, FRONT, HEADING, QUOTE, RULE, TABLE, TERM, VERSE, ApparatusEntry, \
    Block, Book, Text
from lectio.render import criticus, epub_opf, epub_package, fonts, nesting, notemarkup, passages, styles
from lectio.render.inline import Call, Run, SpanEnd, events
from lectio.render.pandocast import attr, div, header, link, para, plain, raw_block, raw_inline, span, strs
from lectio.render.sanitize import clean, safe_url

API_VERSION = [1, 23, 1, 1]


def inlines_of(block: Block, prefix: str, numbers: dict[str, int]) -> list:
    out = []
    block_levels = passages.levels(block)
    lemmata = criticus.lemma_ids(block)
    for event in events(block):
        if isinstance(event, Run):
            out += _wrap(strs(event.text), event.spans, block_levels, lemmata)
        elif isinstance(event, Call):
            out.append({"t": "Note", "c": note_blocks(event.note.html)})
        elif isinstance(event, SpanEnd) and event.span.kind == "anchor":
            target = event.span.target
            out.append(span(f"{prefix}-app-{target}", ["app-ref"],
                            [link(f"#app-{target}", strs(f"A{numbers.get(target, 0)}"))]))
    return out


def note_blocks(html: str) -> list:
    """A note's first paragraph, then its lists and further paragraphs as they are (notemarkup)."""
    first, rest = notemarkup.split(html)
    return [para([raw_inline(clean(first))])] + ([raw_block(clean(rest, notemarkup.BLOCK_TAGS))] if rest else [])


def _wrap(inlines: list, spans, block_levels: dict[int, int], lemmata: dict[int, str]) -> list:
    for item in reversed(spans):
        if item.kind == "link":
            inlines = [link(item.target, inlines)] if safe_url(item.target) else inlines
        elif item.kind == "code":
            inlines = [{"t": "Code", "c": [attr(), plain(inlines)]}]
        elif item.kind in nesting.INLINE:
            inlines = [{"t": nesting.INLINE[item.kind][2], "c": inlines}]
        elif item.kind in nesting.SIGNS:
            opening, closing, words = nesting.SIGNS[item.kind]
            inlines = [{"t": "Span", "c": [attr("", [nesting.sign_class(item.kind)], [["title", words]]),
                                           [span("", ["sign"], strs(opening)), *inlines,
                                            span("", ["sign"], strs(closing))]]}]
        elif item.kind == "anchor":
            inlines = [span("", passages.passage_classes(item, block_levels), inlines)]
        elif item.kind == "lemma":
            inlines = [span(lemmata.pop(id(item), ""), ["lemma"], inlines)]
    return inlines


def blocks_of(text: Text, prefix: str, numbers: dict[str, int], numbered: bool = True) -> list:
    return [_node(n, prefix, numbers, numbered) for n in nesting.tree(text.blocks)]


def _node(node, prefix: str, numbers: dict[str, int], numbered: bool) -> dict:
    if isinstance(node, Block):
        return _block(node, prefix, numbers, numbered)
    kind = node.frame.kind
    if kind == "deflist":
        return {"t": "DefinitionList", "c": _definitions(node, prefix, numbers, numbered)}
    children = [_node(child, prefix, numbers, numbered) for child in node.children]
    if kind in ("bullet", "ordered"):
        items = [c["c"][1] if c["t"] == "Div" and c["c"][0][1] == ["item"] else [c] for c in children]
        if kind == "bullet":
            return {"t": "BulletList", "c": items}
        return {"t": "OrderedList", "c": [[node.frame.start, {"t": "Decimal"}, {"t": "Period"}], items]}
    if kind == "quote":
        return {"t": "BlockQuote", "c": children}
    return div("", [kind], children)


def _definitions(node, prefix: str, numbers: dict[str, int], numbered: bool) -> list:
    pairs: list = []
    for child in node.children:
        if isinstance(child, Block) and child.kind == TERM:
            pairs.append([inlines_of(child, prefix, numbers), []])
        else:
            if not pairs:
                pairs.append([[], []])
            inner = child.children if not isinstance(child, Block) else [child]
            pairs[-1][1].append([_node(c, prefix, numbers, numbered) for c in inner])
    return pairs


def _block(block: Block, prefix: str, numbers: dict[str, int], numbered: bool) -> dict:
    if block.kind == RULE:
        return {"t": "HorizontalRule"}
    if block.kind == CODE:
        return {"t": "CodeBlock", "c": [attr("", ["code"]), block.text]}
    if block.kind == TABLE:
        return _table(block, prefix, numbers)
    inlines = inlines_of(block, prefix, numbers)
    if block.kind == HEADING:
        return header(min(6, max(2, block.level)), "", inlines)
    if block.kind in (ELISION, FRONT):  # unnumbered lines of their own (sources.structure)
        return div("", [block.kind], [para(inlines)])
    body = para(inlines)
    if block.kind == QUOTE:
        body = {"t": "BlockQuote", "c": [body]}
    classes = ["para", "verse"] if block.kind == VERSE else ["para"]
    if numbered and block.number is not None:
        label = span("", ["pn"], [span("", ["siglum"], strs(prefix)), {"t": "Space"},
                                  {"t": "Str", "c": str(block.number)}])
        return div(f"{prefix}-{block.number}", classes, [_prepend(body, label)])
    return div("", ["verse"], [body]) if block.kind == VERSE else body


def _table(block: Block, prefix: str, numbers: dict[str, int]) -> dict:
    rows = nesting.rows(block)
    width = max((len(row) for row in rows), default=1)

    def row_of(cells) -> list:
        return [attr(), [[attr(), {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines_of(cell, prefix, numbers)}]]
                         for _, cell in cells]]

    head = [row_of(r) for r in rows if all(tag == "th" for tag, _ in r)]
    body = [row_of(r) for r in rows if not all(tag == "th" for tag, _ in r)]
    specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(width)]
    return {"t": "Table", "c": [attr("", ["table"]), [None, []], specs, [attr(), head], [[attr(), 0, [], body]],
                                [attr(), []]]}



def _prepend(block: dict, label: dict) -> dict:
    target = block if block["t"] == "Para" else block["c"][0]
    target["c"].insert(0, label)
    target["c"].insert(1, {"t": "Space"})
    return block


def pandoc_document(book: Book) -> dict:
    numbers = {e.id: i for i, e in enumerate(book.apparatus, start=1)}
    variant_notes = criticus.paragraph_notes(book)
    blocks = [header(1, "note-on-text", strs("Note on the text"), kind="preface")]
    blocks += [raw_block(f"<p>{p}</p>") for p in book.note_on_text]
    if book.witnesses:
        blocks += [header(1, criticus.ANCHOR, strs(criticus.TITLE)), raw_block(criticus.conspectus_html(book))]
    if book.introduction:
        blocks.append(header(1, "introduction", strs("Introduction"), kind="introduction"))
        blocks += blocks_of(book.introduction, "intro", numbers, numbered=False)
    for reading in book.readings:
        title = [span("", ["siglum"], strs(reading.siglum)), {"t": "Space"}, *strs(reading.title)]
        blocks.append(header(1, reading.anchor, title, ["reading"], lang=reading.language))
        if reading.author:
            blocks.append(div("", ["byline"], [para(strs(reading.author))]))
        blocks += criticus.attach_notes(blocks_of(reading.text, reading.siglum, numbers), variant_notes)
    if book.apparatus:
        blocks.append(header(1, "readings-compared", strs("Readings compared")))
        for entry in book.apparatus:
            blocks += _entry_blocks(entry, numbers)
    if book.bibliography_html:
        blocks.append(header(1, "bibliography", strs("Bibliography"), kind="bibliography"))
        blocks += [raw_block(f'<p class="csl-entry">{clean(e)}</p>') for e in book.bibliography_html]
    for ix in book.indexes:
        blocks += index_write.epub_blocks(ix)
    return {"pandoc-api-version": API_VERSION, "meta": metadata(book), "blocks": blocks}


def _entry_blocks(entry: ApparatusEntry, numbers: dict[str, int]) -> list:
    """One entry of Readings compared: the synopsis, a side per passage (side by side on a wide screen up
    to three, stacked otherwise: ``passages.synopsis_classes``), each headed by its paragraph ("B 7", a
    link back to the passage's marker), then the commentary."""
    title = [span("", ["entry-number"], strs(f"A{numbers[entry.id]}")), {"t": "Space"}, *strs(entry.theme)]
    sides = []
    for passage in entry.passages:
        ref = link(f"#{passage.siglum}-app-{entry.id}", [span("", ["siglum"], strs(passage.siglum)),
                                                          {"t": "Space"}, {"t": "Str", "c": str(passage.block.number)}])
        quote = {"t": "BlockQuote", "c": [para(strs(passages.quotation(passage.block, passage.start, passage.end)))]}
        sides.append(div("", ["side", f"side-{passage.siglum}"], [div("", ["side-ref"], [para([ref])]), quote]))
    inner = [div("", passages.synopsis_classes(len(sides)), sides)]
    inner.append(div("", ["commentary"], blocks_of(entry.commentary, "app", numbers, numbered=False)))
    if entry.see:
        links = []
        for target in entry.see:
            links += ([{"t": "Str", "c": ";"}, {"t": "Space"}] if links else []) + [
                link(f"#app-{target}", strs(f"A{numbers.get(target, '?')}"), ["entry-ref"])]
        inner.append(div("", ["see"], [para(strs("See also") + [{"t": "Space"}] + links + [{"t": "Str", "c": "."}])]))
    return [header(2, f"app-{entry.id}", title), div("", ["entry"], inner)]


def metadata(book: Book) -> dict:
    edition = book.config.edition

    def text(value: str) -> dict:
        return {"t": "MetaInlines", "c": strs(value)}

    meta = {
        "title": text(edition.title),
        "lang": {"t": "MetaString", "c": edition.language},
        "date": text(edition.date),
        "rights": text(edition.rights),
        "identifier": {"t": "MetaString", "c": edition.identifier},
        "creator": {"t": "MetaList", "c": [
            {"t": "MetaMap", "c": {"role": {"t": "MetaString", "c": "edt"}, "text": text(name)}}
            for name in edition.editors]},
    }
    if edition.subtitle:
        meta["subtitle"] = text(edition.subtitle)
    if edition.publisher:
        meta["publisher"] = text(edition.publisher)
    return meta


def epub_css(config, faces=None) -> str:
    """The namespace for ``epub|type`` selectors, the font faces (those of ``faces`` only, when given),
    then the EPUB stylesheets (``styles``)."""
    face = fonts.font_face_css(lambda path: f"../fonts/{path.name}", faces, signs=False)
    return '@namespace epub "http://www.idpf.org/2007/ops";\n' + face + styles.stylesheet(config, "epub").css


TOC_DEPTH = 3  # chapters (readings, Readings compared), their sections and the apparatus entries, subsections


@dataclass(frozen=True)
class PandocEpub:
    """The EPUB as pandoc made it (:func:`prepare_epub`): everything that does not need the print layout."""

    data: bytes
    contents: epub_opf.Contents


def render_epub(book: Book, pages=None, labels: list[str] | None = None, line_anchors=()) -> bytes:
    """The finished EPUB: :func:`prepare_epub`, then :func:`finish_epub`."""
    return finish_epub(book, prepare_epub(book), pages, labels, line_anchors)


def prepare_epub(book: Book) -> PandocEpub:
    """pandoc makes the EPUB from the book alone, so ``lectio build`` runs it while the PDF is laid out.

    ``--sandbox`` keeps pandoc from reading a ``--css`` file, fonts or a cover image,
    so the stylesheet, the fonts the text uses and the cover are written into the
    package afterwards (:func:`finish_epub`).
    """
    config = book.config
    with tempfile.TemporaryDirectory(prefix="lectio-epub-") as tmp:
        out = Path(tmp) / "book.epub"
        args = ["-f", "json", "-t", "epub3", "-o", str(out), f"--toc-depth={TOC_DEPTH}", "--split-level=1",
                "--epub-title-page=true"]
        document = json.dumps(pandoc_document(book), ensure_ascii=False)
        pandoc.run(args, document, timeout=config.output.pandoc_timeout, what="EPUB")
        made = out.read_bytes()
    return PandocEpub(made, epub_opf.Contents(assemble.paragraph_numbering(book.readings), bool(book.apparatus)))


def finish_epub(book: Book, made: PandocEpub, pages=None, labels: list[str] | None = None,
                line_anchors=()) -> bytes:
    """lectio finishes pandoc's EPUB (``epub_package.finish``), with what the print layout gives:
    ``pages`` (``pagemap.page_starts`` of the laid-out PDF) the page-list, ``labels``
    (``folios.page_labels``) its printed folios, ``line_anchors`` (``epublines.anchors``) an
    anchor per print line."""
    config = book.config
    return epub_package.finish(made.data, config.edition, lambda faces: epub_css(config, faces).encode("utf-8"),
                               pages, made.contents, labels, line_anchors)
