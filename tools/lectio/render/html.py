"""The print HTML: the whole book as one HTML document for WeasyPrint.

Notes are ``<span class="footnote">`` at their call, floated to the foot of the
page by the print stylesheet. Apparatus passages end with a marker linking to
their entry; the entry points back with paragraph and page (target-counter).
"""

from __future__ import annotations

import html

from lectio.model import HEADING, QUOTE, ApparatusEntry, Block, Book, Reading, Text
from lectio.render.inline import Call, Run, SpanEnd, events

esc = html.escape


def write_html(book: Book, css: str = "") -> str:
    cfg = book.config["edition"]
    parts = [
        f'<!DOCTYPE html>\n<html lang="{esc(cfg["language"])}">\n<head>\n<meta charset="utf-8"/>',
        f"<title>{esc(cfg['title'])}</title>",
        f'<meta name="author" content="{esc(", ".join(cfg["editors"]))}"/>',
        f'<meta name="dcterms.created" content="{esc(cfg["date"])}"/>',
        f"<style>\n{css}</style>" if css else "",
        "</head>\n<body>",
        front_matter(book),
        contents(book),
        chapter("note-on-text", "Note on the text", "".join(f"<p>{p}</p>" for p in book.note_on_text)),
    ]
    if book.introduction:
        parts.append(chapter("introduction", "Introduction", text_body(book.introduction, "intro")))
    parts += [reading_chapter(r, book.apparatus) for r in book.readings]
    if book.apparatus:
        parts.append(chapter("readings-compared", "Readings compared", apparatus_body(book)))
    if book.bibliography_html:
        entries = "".join(f'<p class="csl-entry">{e}</p>' for e in book.bibliography_html)
        parts.append(chapter("bibliography", "Bibliography", entries))
    parts.append("</body>\n</html>\n")
    return "\n".join(p for p in parts if p)


def front_matter(book: Book) -> str:
    cfg = book.config["edition"]
    editors = " and ".join(cfg["editors"])
    subtitle = f'<p class="subtitle">{esc(cfg["subtitle"])}</p>' if cfg["subtitle"] else ""
    isbn = f"<p>ISBN {esc(cfg['isbn'])}</p>" if cfg["isbn"] else ""
    return (
        f'<section class="half-title"><p class="half-title-text">{esc(cfg["title"])}</p></section>\n'
        f'<section class="title-page"><h1 class="book-title">{esc(cfg["title"])}</h1>{subtitle}'
        f'<p class="editors">Edited by {esc(editors)}</p>'
        f'<p class="publisher">{esc(cfg["publisher"])}</p></section>\n'
        f'<section class="imprint"><p>{esc(cfg["title"])}</p><p>{esc(cfg["edition_statement"])}, {esc(cfg["date"])}</p>'
        f'{isbn}<p>Identifier: {esc(cfg["identifier"])}</p><p>{esc(cfg["rights"])}</p>'
        f'<p class="colophon">Set in {esc(book.config["output"]["font"])}. Made with lectio.</p></section>'
    )


def contents(book: Book) -> str:
    items = [("note-on-text", "Note on the text")]
    if book.introduction:
        items.append(("introduction", "Introduction"))
    items += [(r.anchor, f"{r.siglum} · {r.title}") for r in book.readings]
    if book.apparatus:
        items.append(("readings-compared", "Readings compared"))
    if book.bibliography_html:
        items.append(("bibliography", "Bibliography"))
    rows = "".join(f'<li><a href="#{anchor}">{esc(title)}</a></li>' for anchor, title in items)
    return f'<nav class="toc" id="contents"><h1>Contents</h1><ol>{rows}</ol></nav>'


def chapter(anchor: str, title: str, body: str, classes: str = "") -> str:
    return (f'<section class="chapter {classes}" id="{anchor}" data-title="{esc(title)}">'
            f"<h1>{esc(title)}</h1>\n{body}</section>")


def reading_chapter(reading: Reading, entries: list[ApparatusEntry]) -> str:
    numbers = {e.id: i for i, e in enumerate(entries, start=1)}
    byline = f'<p class="byline">{esc(reading.author)}</p>' if reading.author else ""
    description = f'<p class="description">{esc(reading.description)}</p>' if reading.description else ""
    body = byline + description + text_body(reading.text, reading.siglum, numbers)
    return (f'<section class="chapter reading" id="{reading.anchor}" data-siglum="{reading.siglum}" '
            f'data-title="{esc(reading.title)}"><h1><span class="siglum">{reading.siglum}</span> '
            f"{esc(reading.title)}</h1>\n{body}</section>")


def text_body(text: Text, prefix: str, entry_numbers: dict[str, int] | None = None, numbered: bool = True) -> str:
    return "\n".join(block_html(b, prefix, entry_numbers or {}, numbered and prefix != "intro")
                     for b in text.blocks)


def block_html(block: Block, prefix: str, entry_numbers: dict[str, int], numbered: bool) -> str:
    inner = inline_html(block, prefix, entry_numbers)
    if block.kind == HEADING:
        level = min(6, block.level + 0 if block.level > 1 else 2)
        return f"<h{level}>{inner}</h{level}>"
    if not numbered or block.number is None:
        tag = "blockquote" if block.kind == QUOTE else "p"
        return f"<{tag}>{inner}</{tag}>"
    pid = f"{prefix}-{block.number}"
    number = f'<span class="pn"><span class="siglum">{prefix}</span> {block.number}</span>'
    if block.kind == QUOTE:
        return f'<blockquote class="para" id="{pid}">{number}<p>{inner}</p></blockquote>'
    return f'<p class="para" id="{pid}">{number}{inner}</p>'


def inline_html(block: Block, prefix: str, entry_numbers: dict[str, int]) -> str:
    out = []
    for event in events(block):
        if isinstance(event, Run):
            out.append(_wrap(esc(event.text, quote=False), event.spans, prefix))
        elif isinstance(event, Call):
            note_id = event.note.anchor(prefix)
            out.append(f'<span class="footnote" id="{note_id}">{event.note.html}</span>')
        elif isinstance(event, SpanEnd) and event.span.kind == "anchor":
            number = entry_numbers.get(event.span.target, 0)
            out.append(f'<a class="app-ref" id="{prefix}-app-{event.span.target}" '
                       f'href="#app-{event.span.target}">A{number}</a>')
    return "".join(out)


def _wrap(text: str, spans, prefix: str) -> str:
    for span in reversed(spans):
        if span.kind == "emph":
            text = f"<em>{text}</em>"
        elif span.kind == "anchor":
            text = f'<span class="passage" data-entry="{esc(span.target)}">{text}</span>'
    return text


def apparatus_body(book: Book) -> str:
    numbers = {e.id: i for i, e in enumerate(book.apparatus, start=1)}
    titles = {r.siglum: r.title for r in book.readings}
    return "\n".join(_entry_html(e, numbers, titles) for e in book.apparatus)


def _entry_html(entry: ApparatusEntry, numbers: dict[str, int], titles: dict[str, str]) -> str:
    columns = []
    for passage in entry.passages:
        target = f"{passage.siglum}-app-{entry.id}"
        quote = esc(passage.block.text[passage.start:passage.end], quote=False)
        columns.append(
            f'<div class="side" data-siglum="{passage.siglum}"><p class="side-ref">'
            f'<a class="passage-ref" href="#{target}"><span class="siglum">{passage.siglum}</span> '
            f"{passage.block.number}</a></p><blockquote>{quote}</blockquote></div>")
    commentary = text_body(entry.commentary, "app", numbered=False)
    see = ""
    if entry.see:
        links = ", ".join(f'<a class="entry-ref" href="#app-{s}">A{numbers.get(s, "?")}</a>' for s in entry.see)
        see = f'<p class="see">See also {links}.</p>'
    return (f'<section class="entry" id="app-{entry.id}"><h2><span class="entry-number">A{numbers[entry.id]}</span> '
            f'{esc(entry.theme)}</h2><div class="synopsis">{"".join(columns)}</div>'
            f'<div class="commentary">{commentary}</div>{see}</section>')
