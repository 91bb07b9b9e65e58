"""Line numbers stamped onto the laid-out pages, not laid out with the book.

A line number (``span.ln``) is absolutely positioned: out of the flow, it moves no line, and
``margins`` sets it in the outer margin on its line's baseline wherever it stood. Written into the
HTML (as ``linemarks`` writes the apparatus's blocks) it would need a layout to learn the lines and
another to show them: the whole book laid out again for marks that move nothing. Instead the marks
are laid out once, in a small document of their own with the book's head (its stylesheets, the
same cascade for ``.ln``), and a copy of the right one is added to every n-th print line's box
(``laidout.stamp``), where WeasyPrint would have put the element of the line's own HTML: in the
line, after its other boxes. ``margins.to_outer_margin`` then moves it into the margin, and it
is drawn, extracted and tagged as an artifact as before (``pdfroles``: class ``ln``).
"""

from __future__ import annotations

import re

from lectio.render import laidout, lines

BODY = re.compile(r"<body\b[^>]*>")


def marks_html(html_text: str, numbers) -> str:
    """The book's head and a paragraph holding one line number of each of ``numbers``."""
    head = BODY.search(html_text)
    start = html_text[:head.end()] if head else "<!DOCTYPE html><html><body>"
    spans = " ".join(f'x<span class="ln" aria-hidden="true">{n}</span>' for n in sorted(numbers))
    return f'{start}\n<section class="chapter reading"><p>{spans}</p></section>\n</body>\n</html>\n'


def marks(document) -> dict[str, object]:
    """Each laid-out line number of ``document`` by its text."""
    found = {}
    for _, page_box in laidout.page_boxes(document):
        for box in laidout.boxes_of_class(page_box, "ln"):
            found.setdefault("".join(t.text for t in box.descendants() if type(t).__name__ == "TextBox"), box)
    return found


def numbered(document, html_text: str) -> list[lines.PrintLine]:
    """The print lines of ``document`` that show their number (every n-th, ``[lines]``)."""
    settings = lines.Settings.from_html(html_text)
    if not settings.every:
        return []
    return [line for line in lines.print_lines(document, settings.restart) if line.number % settings.every == 0]


def stamp(document, html_text: str, render) -> int:
    """Every n-th print line of ``document`` given its number; ``render(html) -> Document`` lays out the
    marks. Returns how many were stamped."""
    wanted = numbered(document, html_text)
    if not wanted:
        return 0
    laid = marks(render(marks_html(html_text, {line.number for line in wanted})))
    for line in wanted:
        laidout.stamp(line.box, laid[str(line.number)])
    return len(wanted)
