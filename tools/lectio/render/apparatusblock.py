"""The apparatus criticus at the foot of the page: one block per page, keyed to line numbers.

Each entry of ``Book.variants`` reads "12 lemma ] variant A B" (``12–13`` for a lemma over two
lines), the line key before the entry as ``criticus.entry_html`` writes it for both formats. The
print HTML carries every entry, hidden (``entries_html``), and marks each lemma
``<span class="lemma" id="var-<id>">`` in the text (``criticus.lemma_html``). Which lemma is on
which page and line is known only from a layout, so :func:`place` is a ``refine`` step: from the
last layout it writes, on each page that has lemmata, one ``span.app-crit`` holding that page's
entries, floated to the foot of the page (``float: footnote`` with no call and no marker) and
inserted on the page's first print line (``linemarks``), so WeasyPrint sets it on that page, first
in the footnote area: under the text and the area's rule, above the notes, from which a rule of its
own sets it apart (``with-notes``; none on a page without notes). The block's call is on the page's
first line, before every note call of the page, so WeasyPrint, which moves a page's last footnote
when the page is full, moves a note, never the apparatus.

Placing blocks takes room from the text, which can move a lemma to the next page: the book is laid
out again until the HTML no longer changes (``pdf.layout``; the passes are counted in
``document.lectio_passes``, docs/lines.md). So that the passes end, a page's block is never lower
than the apparatus was on that page in the layout before (``min-height``, from
``laidout.footnote_heights``): a page's text only loses lines from one layout to the next, and a
block moved off a page cannot let the lines that pushed it come back and push it again (without
this an example edition swung between two layouts; with it, it settles in 4).
"""

from __future__ import annotations

import html
import re

from lectio.render import criticus, laidout, linemarks, lines

esc = html.escape
ENTRY = re.compile(r'<span class="app-entry" data-var="([^"]+)">(.*?)</span><!--/app-entry-->', re.S)
CLASS = "app-crit"


def entries_html(book) -> str:
    """Every entry of the book, hidden, for :func:`place` to copy onto the pages of their lemmata."""
    if not book.variants:
        return ""
    spans = "".join(f'<span class="app-entry" data-var="{esc(v.id)}">{criticus.entry_html(v, backlink=False)}'
                    "</span><!--/app-entry-->" for v in book.variants)
    return f'<div class="app-crit-entries" hidden="hidden">{spans}</div>'


def lemma_lines(print_lines, wanted) -> dict[str, tuple[lines.PrintLine, lines.PrintLine]]:
    """For each variant id of ``wanted``, the first and last print line its lemma is set on."""
    found: dict[str, list] = {}
    for line in print_lines:
        for identifier in line.ids:
            if identifier.startswith("var-") and identifier[4:] in wanted:
                found.setdefault(identifier[4:], []).append(line)
    return {key: (held[0], held[-1]) for key, held in found.items()}


def key(first: lines.PrintLine, last: lines.PrintLine) -> str:
    return lines.line_range(first.number, last.number if last.page == first.page else first.number)


def page_blocks(html_text: str, document, restart: str) -> dict[tuple, str]:
    """For the first lemma line of each page (page, siglum, number): the page's block of entries."""
    entries = dict(ENTRY.findall(html_text))
    if not entries:
        return {}
    printed = lines.print_lines(document, restart)
    placed = lemma_lines(printed, entries)
    pages: dict[int, list] = {}
    for identifier, (first, last) in placed.items():
        pages.setdefault(first.page, []).append((first, last, identifier))
    with_notes = {p.last for p in laidout.note_placements(document)}
    reserved = laidout.footnote_heights(document, CLASS)
    opening = {}
    for line in printed:
        opening.setdefault(line.page, line)
    blocks = {}
    for page, held in pages.items():
        held.sort(key=lambda item: (item[0].top, item[0].number))
        body = block_body([(key(first, last), entries[identifier]) for first, last, identifier in held])
        notes = " with-notes" if page in with_notes else ""
        first = opening[page]
        height = f' style="min-height: {reserved[page]:.2f}px"' if page in reserved else ""
        blocks[(first.page, first.siglum, first.number)] = f'<span class="{CLASS}{notes}"{height}>{body}</span>'
    return blocks


def block_body(keyed: list[tuple[str, str]]) -> str:
    """Entries of one line key after one number, apart by " | "; the keys apart by an em space:
    ``5 conceived ] conceived, N | nation ] om. H  6 met ] met here H``."""
    groups: list[tuple[str, list[str]]] = []
    for line_key, entry in keyed:
        if groups and groups[-1][0] == line_key:
            groups[-1][1].append(entry)
        else:
            groups.append((line_key, [entry]))
    return "&#8195;".join(f'<span class="app-item"><span class="app-key">{line_key}</span> '
                          f'{" | ".join(entries)}</span>' for line_key, entries in groups)


def unplaced(html_text: str, document) -> list[str]:
    """The variants whose lemma is on no print line of ``document``: their entry would be printed on no
    page (an empty lemma, a lemma a stylesheet hides)."""
    entries = dict(ENTRY.findall(html_text))
    if not entries:
        return []
    placed = lemma_lines(lines.print_lines(document, lines.Settings.from_html(html_text).restart), entries)
    return [identifier for identifier in entries if identifier not in placed]


def place(html_text: str, document) -> str:
    """A ``refine`` step: each page's apparatus block, on the page's first print line."""
    settings = lines.Settings.from_html(html_text)
    blocks = page_blocks(html_text, document, settings.restart)
    if not blocks:
        return html_text
    return linemarks.insert_at_lines(html_text, document, settings.restart,
                                     lambda line: blocks.get((line.page, line.siglum, line.number), ""))
