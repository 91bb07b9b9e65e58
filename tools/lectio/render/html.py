"""The print HTML: the whole book as one HTML document for WeasyPrint.

Notes are ``<span class="footnote">`` at their call, floated to the foot of the
page by the print stylesheet. Apparatus passages end with a marker linking to
their entry; the entry points back with paragraph and page (target-counter).
"""

from __future__ import annotations

import html

from lectio.index import write
from lectio.model import CODE, ELISION, FRONT, HEADING, QUOTE, RULE, TABLE, TERM, VERSE, ApparatusEntry, Block, \
    Book, Reading, Text
from lectio.render import apparatusblock, criticus, nesting, notemarkup, passages, runningheads
from lectio.render.inline import Call, Run, SpanEnd, events
from lectio.render.lines import Settings
from lectio.render.pagesetup import PageSetup
from lectio.render.printlang import hyphenation_tag
from lectio.render.sanitize import clean, safe_url
from lectio.render.synopsis import synopsis_html

esc = html.escape
# The chapters of the front matter, with roman folios; the first reading opens the main matter
# (data-matter="main"), whose folios are arabic from 1 (print.css, render/folios.py)
PRELIMS = "prelims"


def write_html(book: Book, css: str = "") -> str:
    cfg = book.config.edition
    setup = PageSetup.from_config(book.config)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{esc(hyphenation_tag(cfg.language))}" class="{setup.html_class()}">'
        '\n<head>\n<meta charset="utf-8"/>',
        f"<title>{esc(cfg.title)}</title>",
        f'<meta name="author" content="{esc(", ".join(cfg.editors))}"/>',
        f'<meta name="dcterms.created" content="{esc(cfg.date)}"/>',
        f"<style>\n{css}</style>" if css else "",
        Settings.from_config(book.config).meta(),
        f'</head>\n<body data-book-title="{esc(runningheads.book_head(cfg.title, setup))}">',
        front_matter(book),
        contents(book),
        chapter("note-on-text", "Note on the text", "".join(f"<p>{p}</p>" for p in book.note_on_text), PRELIMS),
        chapter(criticus.ANCHOR, criticus.TITLE, criticus.conspectus_html(book), PRELIMS) if book.witnesses else "",
    ]
    if book.introduction:
        parts.append(chapter("introduction", "Introduction", text_body(book.introduction, "intro"), PRELIMS))
    parts += [reading_chapter(r, book.apparatus, main_start=i == 0, head=runningheads.chapter_head(r.title, setup))
              for i, r in enumerate(book.readings)]
    if book.apparatus:
        parts.append(chapter("readings-compared", "Readings compared", apparatus_body(book)))
    if book.bibliography_html:
        entries = "".join(f'<p class="csl-entry">{clean(e)}</p>' for e in book.bibliography_html)
        parts.append(chapter("bibliography", "Bibliography", entries))
    parts += [chapter(ix.id, ix.title, write.print_body(ix), "index") for ix in book.indexes]
    parts.append(apparatusblock.entries_html(book))  # hidden: the refine step copies them to their pages
    parts.append("</body>\n</html>\n")
    return "\n".join(p for p in parts if p)


def front_matter(book: Book) -> str:
    """Half-title, title page (recto), imprint (its verso)."""
    cfg = book.config.edition
    title = esc(cfg.title)
    subtitle = f'<p class="subtitle">{esc(cfg.subtitle)}</p>' if cfg.subtitle else ""
    publisher = (f'<div class="title-foot"><p class="publisher">{esc(cfg.publisher)}</p></div>'
                 if cfg.publisher else "")
    return (
        f'<section class="half-title"><p class="half-title-text">{title}</p></section>\n'
        f'<section class="title-page"><h1 class="book-title">{title}</h1>{subtitle}<div class="rule"></div>'
        f'<p class="editors"><em>Edited by</em><br/>{esc(" and ".join(cfg.editors))}</p>{publisher}</section>\n'
        f'<section class="imprint"><div class="imprint-body">{imprint(book)}</div></section>'
    )


def imprint(book: Book) -> str:
    cfg = book.config.edition
    lines = [f"<em>{esc(cfg.title)}</em>" + (f". {esc(cfg.subtitle)}" if cfg.subtitle else ""),
             f"Edited by {esc(', '.join(cfg.editors))}",
             f"{esc(cfg.edition_statement)}, {esc(cfg.date[:4])}" + (
                 f". Published by {esc(cfg.publisher)}" if cfg.publisher else ""),
             esc(cfg.rights)]
    if cfg.isbn:
        lines.append(f"ISBN {esc(cfg.isbn)}")
    lines.append(f"Identifier: {esc(cfg.identifier)}")
    paragraphs = "".join(f"<p>{line}</p>" for line in lines if line)
    font = esc(book.config.output.font)
    return (f"{paragraphs}<p class=\"colophon\">Set in {font}, an open-source typeface "
            f"(SIL Open Font License). Typeset with lectio and WeasyPrint.</p>")


def contents(book: Book) -> str:
    items = [("note-on-text", "Note on the text")] + ([(criticus.ANCHOR, criticus.TITLE)] if book.witnesses else [])
    if book.introduction:
        items.append(("introduction", "Introduction"))
    rows = [_toc_row(anchor, esc(title), classes=PRELIMS) for anchor, title in items]
    rows += [_toc_row(r.anchor, f'<span class="siglum">{r.siglum}</span> {esc(r.title)}', r.author, "reading-item")
             for r in book.readings]
    if book.apparatus:
        rows.append(_toc_row("readings-compared", "Readings compared", "", "reading-item"))
    if book.bibliography_html:
        rows.append(_toc_row("bibliography", "Bibliography"))
    rows += [_toc_row(ix.id, esc(ix.title)) for ix in book.indexes]
    return f'<nav class="toc" id="contents"><h1>Contents</h1><ol>{"".join(rows)}</ol></nav>'


def _toc_row(anchor: str, title_html: str, author: str = "", classes: str = "") -> str:
    byline = f'<span class="toc-author">{esc(author)}</span>' if author else ""
    return f'<li class="{classes}"><a href="#{anchor}">{title_html}</a>{byline}</li>'


def chapter(anchor: str, title: str, body: str, classes: str = "") -> str:
    return (f'<section class="chapter {classes}" id="{anchor}" data-title="{esc(title)}">'
            f"<h1>{esc(title)}</h1>\n{body}</section>")


def reading_chapter(reading: Reading, entries: list[ApparatusEntry], main_start: bool = False, head: str = "") -> str:
    """A reading's chapter; ``head`` is its running head (``runningheads``), its title by default."""
    numbers = {e.id: i for i, e in enumerate(entries, start=1)}
    byline = f'<p class="byline">{esc(reading.author)}</p>' if reading.author else ""
    description = f'<p class="description">{esc(reading.description)}</p>' if reading.description else ""
    body = byline + description + text_body(reading.text, reading.siglum, numbers)
    lang = f' lang="{esc(hyphenation_tag(reading.language))}"' if reading.language else ""
    lang += ' data-matter="main"' if main_start else ""
    return (f'<section class="chapter reading" id="{reading.anchor}"{lang} data-siglum="{reading.siglum}" '
            f'data-title="{esc(head or reading.title)}"><h1><span class="siglum">{reading.siglum}</span> '
            f"{esc(reading.title)}</h1>\n{body}</section>")


def text_body(text: Text, prefix: str, entry_numbers: dict[str, int] | None = None, numbered: bool = True) -> str:
    numbered = numbered and prefix != "intro"
    return "\n".join(_node_html(n, prefix, entry_numbers or {}, numbered) for n in nesting.tree(text.blocks))


def _node_html(node, prefix: str, entry_numbers: dict[str, int], numbered: bool) -> str:
    if isinstance(node, Block):
        return block_html(node, prefix, entry_numbers, numbered)
    tag = nesting.FRAMES.get(node.frame.kind, ("div", ""))[0]
    start = f' start="{node.frame.start}"' if node.frame.kind == "ordered" and node.frame.start != 1 else ""
    inner = "".join(_node_html(child, prefix, entry_numbers, numbered) for child in node.children)
    return f"<{tag}{start}>{inner}</{tag}>"


def block_html(block: Block, prefix: str, entry_numbers: dict[str, int], numbered: bool) -> str:
    if block.kind in STRUCTURAL:
        return STRUCTURAL[block.kind](block, prefix, entry_numbers)
    inner = inline_html(block, prefix, entry_numbers)
    if block.kind == HEADING:
        level = min(6, block.level + 0 if block.level > 1 else 2)
        return f"<h{level}>{inner}</h{level}>"
    if block.kind in (ELISION, FRONT):  # unnumbered lines of their own (sources.structure)
        return f'<p class="{block.kind}">{inner}</p>'
    if block.kind == TERM:
        return f"<dt>{inner}</dt>"
    verse = ' class="verse"' if block.kind == VERSE else ""
    if not numbered or block.number is None:
        tag = "blockquote" if block.kind == QUOTE else "p"
        return f"<{tag}{verse}>{inner}</{tag}>"
    pid = f"{prefix}-{block.number}"
    number = f'<span class="pn"><span class="siglum">{prefix}</span> {block.number}</span>'
    if block.kind == QUOTE:
        return f'<blockquote class="para" id="{pid}">{number}<p>{inner}</p></blockquote>'
    return f'<p class="para{" verse" if verse else ""}" id="{pid}">{number}{inner}</p>'


def _table_html(block: Block, prefix: str, entry_numbers: dict[str, int]) -> str:
    rows = "".join("<tr>" + "".join(f"<{tag}>{inline_html(cell, prefix, entry_numbers)}</{tag}>" for tag, cell in row)
                   + "</tr>" for row in nesting.rows(block))
    return f'<table class="table">{rows}</table>'


STRUCTURAL = {
    RULE: lambda block, prefix, numbers: '<hr class="rule"/>',
    CODE: lambda block, prefix, numbers: f'<pre class="code"><code>{esc(block.text, quote=False)}</code></pre>',
    TABLE: _table_html,
}


def inline_html(block: Block, prefix: str, entry_numbers: dict[str, int]) -> str:
    out = []
    block_levels = passages.levels(block)
    starts = {id(s): passages.start_id(prefix, s.target) for s in block.spans if s.kind == "anchor"}
    starts.update(criticus.lemma_ids(block))
    starts.update({id(s): s.target for s in block.spans if s.kind == "index"})  # a name of the index: its id
    for event in passages.calls_before_markers(events(block)):
        if isinstance(event, Run):
            out.append(_wrap(esc(event.text, quote=False).replace("\n", "<br/>"), event.spans, block_levels, starts))
        elif isinstance(event, Call):
            note_id = event.note.anchor(prefix)
            out.append(f'<span class="footnote" id="{note_id}">{clean(notemarkup.as_print_spans(event.note.html))}</span>')
        elif isinstance(event, SpanEnd) and event.span.kind == "anchor":
            out.append(_marker(event.span.target, prefix, entry_numbers))
    return "".join(out)


def _marker(entry_id: str, prefix: str, entry_numbers: dict[str, int]) -> str:
    """The end of an apparatus passage: its entry's number, linking to the entry (which links back here)."""
    return (f'<a class="app-ref" id="{prefix}-app-{entry_id}" href="#app-{entry_id}">'
            f'A{entry_numbers.get(entry_id, 0)}</a>')


def _wrap(text: str, spans, block_levels: dict[int, int], starts: dict[int, str]) -> str:
    """``text`` inside its spans; a passage's first span gets the id its page range starts from."""
    for span in reversed(spans):
        if span.kind == "link":
            text = f'<a href="{esc(span.target)}">{text}</a>' if safe_url(span.target) else text
        elif span.kind in nesting.INLINE:
            tag, classes, _ = nesting.INLINE[span.kind]
            attrs = f' class="{classes}"' if classes else ""
            text = f"<{tag}{attrs}>{text}</{tag}>"
        elif span.kind == "lemma":
            text = criticus.lemma_html(text, starts.pop(id(span), ""))
        elif span.kind == "index":  # a name of the index: its page is read where this id is laid out
            anchor = starts.pop(id(span), "")
            text = f'<span class="ix" id="{esc(anchor)}">{text}</span>' if anchor else text
        elif span.kind in nesting.SIGNS:
            opening, closing, words = nesting.SIGNS[span.kind]
            text = (f'<span class="{nesting.sign_class(span.kind)}" title="{words}">'
                    f'<span class="sign">{esc(opening)}</span>{text}<span class="sign">{esc(closing)}</span></span>')
        elif span.kind == "anchor":
            classes = " ".join(passages.passage_classes(span, block_levels))
            start = starts.pop(id(span), "")
            start = f' id="{esc(start)}"' if start else ""
            text = f'<span class="{classes}"{start} data-entry="{esc(span.target)}">{text}</span>'
    return text


def apparatus_body(book: Book) -> str:
    """Readings compared: each entry's passages side by side, then the commentary."""
    numbers = passages.entry_numbers(book.apparatus)
    return "\n".join(_entry_html(e, numbers) for e in book.apparatus)


def _entry_html(entry: ApparatusEntry, numbers: dict[str, int]) -> str:
    """The entry's heading, its synopsis (``synopsis``), its commentary and its cross-references."""
    commentary = text_body(entry.commentary, "app", numbered=False)
    see = ""
    if entry.see:
        links = "; ".join(f'<a class="entry-ref" href="#app-{s}">A{numbers.get(s, "?")}</a>' for s in entry.see)
        see = f'<p class="see">See also {links}.</p>'
    return (f'<section class="entry" id="app-{entry.id}"><h2><span class="entry-number">A{numbers[entry.id]}</span> '
            f'{esc(entry.theme)}</h2>{synopsis_html(entry)}'
            f'<div class="commentary">{commentary}</div>{see}</section>')
