"""The book as one TEI P5 document, ``build/<name>.tei.xml`` (see docs/tei.md).

A writer of the same document model as the print HTML and the EPUB: containers come from
:func:`lectio.render.nesting.tree`, inline content from :mod:`lectio.render.teiinline`
(built on :func:`lectio.render.inline.events`). ``front``: the Note on the text and the
introduction; ``body``: a ``div type="reading"`` per reading, its paragraphs numbered as in
the book (``p n="A 7" xml:id="A-7"``), its headings opening nested ``div``s; ``back``: the
"Readings compared" entries as commentary notes pointing to their passages, and the
bibliography as a ``listBibl``. The output is the same bytes for the same book.
"""

from __future__ import annotations

from lxml import etree

from lectio.model import CODE, ELISION, FRONT, HEADING, QUOTE, RULE, TABLE, TERM, VERSE, Block, Book, Text
from lectio.render import nesting, passages
from lectio.render.teiheader import header
from lectio.render.teiinline import Context, fill
from lectio.render.teixml import Ids, block, element, html_into, ncname

SCHEMA_URL = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
FRAMES = {"quote": ("quote", {}), "bullet": ("list", {"rend": "bulleted"}), "ordered": ("list", {"rend": "numbered"}),
          "item": ("item", {}), "deflist": ("list", {"type": "gloss"}), "definition": ("item", {})}


def write_tei(book: Book) -> bytes:
    """The TEI document of ``book``, serialized (UTF-8, with its schema declared)."""
    ctx = context(book)
    root = element(None, "TEI", xml_lang=book.config.edition.language)
    root.text = "\n"
    header(root, book, ctx)
    text = block(root, "text")
    _front(block(text, "front"), book, ctx)
    body = block(text, "body")
    for reading in book.readings:
        _reading(body, reading, ctx)
    _back(text, book, ctx)
    model = etree.ProcessingInstruction("xml-model", f'href="{SCHEMA_URL}" type="application/xml" '
                                        'schematypens="http://relaxng.org/ns/structure/1.0"')
    root.addprevious(model)
    data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return data.replace(b"?><TEI ", b"?>\n<TEI ", 1) + b"\n"


def context(book: Book) -> Context:
    """The ids the document's pointers use, given before any element is written."""
    ids = Ids()
    witnesses = {w.siglum: ids.new(w.siglum) for w in book.witnesses}
    bibliography = {key: ids.new(key) for key in book.bibliography_keys}
    return Context(ids, {v.id: v for v in book.variants}, witnesses, bibliography)


def _front(front, book: Book, ctx: Context) -> None:
    note = block(front, "div", type="editorial", xml_id=ctx.ids.new("note-on-text"))
    element(note, "head", "Note on the text")
    for paragraph in book.note_on_text:
        html_into(block(note, "p"), paragraph, ctx.bibliography)
    if book.introduction:
        intro = block(front, "div", type="introduction", xml_id=ctx.ids.new("introduction"))
        element(intro, "head", "Introduction")
        write_text(intro, book.introduction, "intro", ctx, numbered=False)


def _reading(body, reading, ctx: Context) -> None:
    made = block(body, "div", type="reading", n=reading.siglum, xml_id=ctx.ids.new(reading.anchor),
                 xml_lang=reading.language)
    element(made, "head", reading.title)
    if reading.author:
        block(made, "byline", reading.author)
    if reading.description:
        element(block(made, "argument"), "p", reading.description)
    write_text(made, reading.text, reading.siglum, ctx)


def write_text(parent, text: Text, prefix: str, ctx: Context, numbered: bool = True, sections: bool = True) -> None:
    """A text's blocks into ``parent``; a heading opens a ``div`` (or, with ``sections`` False, a ``p``)."""
    stack = [(0, parent)]
    for node in nesting.tree(text.blocks):
        if sections and isinstance(node, Block) and node.kind == HEADING:
            while len(stack) > 1 and stack[-1][0] >= node.level:
                stack.pop()
            section = block(stack[-1][1], "div", type="section")
            fill(element(section, "head"), node, prefix, ctx)
            stack.append((node.level, section))
            continue
        _node(stack[-1][1], node, prefix, ctx, numbered)


def _node(parent, node, prefix: str, ctx: Context, numbered: bool) -> None:
    if isinstance(node, Block):
        _block(parent, node, prefix, ctx, numbered)
        return
    name, attrs = FRAMES.get(node.frame.kind, ("quote", {}))
    start = str(node.frame.start) if node.frame.kind == "ordered" and node.frame.start != 1 else ""
    made = block(parent, name, n=start, **attrs)
    for child in node.children:
        _node(made, child, prefix, ctx, numbered)


def _block(parent, item: Block, prefix: str, ctx: Context, numbered: bool) -> None:
    if item.kind in STRUCTURAL:
        STRUCTURAL[item.kind](parent, item, prefix, ctx)
        return
    attrs = {}
    if numbered and item.number is not None:
        attrs = {"n": f"{prefix} {item.number}", "xml_id": ctx.ids.new(f"{prefix}-{item.number}")}
    if item.kind == VERSE:
        group = block(parent, "lg", **attrs)
        fill(block(group, "l"), item, prefix, ctx, lines=lambda: block(group, "l"))
        return
    if item.kind == QUOTE:
        parent = block(parent, "quote", rend="block")
    rend = {HEADING: "heading", ELISION: "elision", FRONT: "front"}.get(item.kind, "")
    fill(block(parent, "label" if item.kind == TERM else "p", rend=rend, **attrs), item, prefix, ctx)


def _table(parent, item: Block, prefix: str, ctx: Context) -> None:
    table = block(parent, "table")
    for cells in nesting.rows(item):
        row = block(table, "row")
        for tag, cell in cells:
            fill(element(row, "cell", role="label" if tag == "th" else ""), cell, prefix, ctx)


STRUCTURAL = {
    RULE: lambda parent, item, prefix, ctx: block(parent, "milestone", unit="section", rend="rule"),
    CODE: lambda parent, item, prefix, ctx: block(parent, "eg", item.text),
    TABLE: _table,
}


def _back(text, book: Book, ctx: Context) -> None:
    if not (book.apparatus or book.bibliography_html):
        return
    back = block(text, "back")
    if book.apparatus:
        _commentary(back, book, ctx)
    if book.bibliography_html:
        bibliography = block(back, "div", type="bibliography", xml_id=ctx.ids.new("bibliography"))
        element(bibliography, "head", "Bibliography")
        entries = block(bibliography, "listBibl")
        keys = list(book.bibliography_keys) + [""] * len(book.bibliography_html)
        for key, entry in zip(keys, book.bibliography_html):
            made = block(entries, "bibl", xml_id=ctx.bibliography.get(key) or ctx.ids.new("bibl"))
            html_into(made, entry, ctx.bibliography, blocks=False)


def _commentary(back, book: Book, ctx: Context) -> None:
    """Each entry a ``note type="commentary"``: ``target`` its passages' starts, ``targetEnd`` their ends."""
    numbers = passages.entry_numbers(book.apparatus)
    made = block(back, "div", type="commentary", xml_id=ctx.ids.new("readings-compared"))
    element(made, "head", "Readings compared")
    for entry in book.apparatus:
        marks = [(start, end or start) for start, end in ctx.passages.get(entry.id, [])]
        note = block(made, "note", type="commentary", n=f"A{numbers[entry.id]}", xml_id=ctx.ids.new(entry.anchor),
                     target=" ".join(f"#{start}" for start, _ in marks),
                     targetEnd=" ".join(f"#{end}" for _, end in marks))
        element(note, "label", entry.theme)
        write_text(note, entry.commentary, "app", ctx, numbered=False, sections=False)
        if entry.see:
            see = block(note, "p", "See also ")
            for index, other in enumerate(entry.see):
                link = element(see, "ref", f"A{numbers.get(other, '?')}", target=f"#{ncname(f'app-{other}')}")
                link.tail = "; " if index + 1 < len(entry.see) else "."
