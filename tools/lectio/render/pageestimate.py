"""The page count of a book guessed from its print HTML, before any layout: it chooses the gutter.

KDP's inside margin grows with the page count (``pagesetup.GUTTERS``), and a layout is the only
way to know the count. Laying the book out with the narrowest gutter and again with the right
one costs a whole layout for every book past 150 pages; so the gutter of the first layout is
chosen from this estimate, and the book is laid out again only when the real count asks for
another gutter (:func:`pagesetup.gutter_fits`: never narrower than KDP's table, at most one step
wider).

The estimate: ``PER_SECTION`` pages for each section that opens a page (a chapter starts on a
recto, so it costs on average its last page's remainder and half a blank page), plus the text's
characters (tags, the head and the hidden apparatus entries left out; runs of white space count
as one) over what one page of the text block holds. A page holds ``DENSITY`` characters per
square inch of text block at a 1 pt font with a leading of 1, scaled by the trim's font size and
leading (``print.css``: 10.5 pt / 1.4 by default, 11.5 pt at letter and A4, 11 pt / 1.5 in a
course reader). Both constants are fitted by least squares on the seed edition, the three
examples and generated editions of 50, 100 and 200 pages, all 6 × 9 in (docs/performance.md
gives the errors). ``MARGIN`` raises the estimate a little: a gutter one step too wide is allowed
and kept, one too narrow costs a layout.
"""

from __future__ import annotations

import html
import re

PER_SECTION = 1.245  # pages per section that begins a page
DENSITY = 9470.0  # characters per square inch of text block, at 1 pt type set solid
MARGIN = 1.05  # the estimate raised by 5%: its error on the calibration books was within ±4%
FONT = {("book", "letter"): (11.5, 1.4), ("book", "a4"): (11.5, 1.4), ("book", ""): (10.5, 1.4),
        ("course-reader", ""): (11.0, 1.5)}  # (pt, line height) as print.css sets them

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
OPENING = re.compile(r'<section class="(?:chapter|half-title|title-page|imprint)\b')
HIDDEN = 'class="app-crit-entries"'


def text_size(html_text: str) -> tuple[int, int]:
    """The characters of the book's text and the number of sections that open a page."""
    start = html_text.find("<body")
    body = html_text[start if start >= 0 else 0:]
    cut = body.find(HIDDEN)
    body = body if cut < 0 else body[:cut]
    return len(SPACE.sub(" ", html.unescape(TAG.sub("", body)))), len(OPENING.findall(body))


def chars_per_page(setup) -> float:
    """What one page's text block holds at the setup's trim, layout and gutter."""
    size, leading = FONT.get((setup.layout, setup.trim)) or FONT[(setup.layout, "")]
    height = setup.size[1] - setup.margins.top - setup.margins.bottom
    return DENSITY * setup.measure * height / (size * size * leading)


def estimate(html_text: str, setup) -> int:
    """The page count the book is expected to have, before ``MARGIN``, with the gutter of ``setup``."""
    chars, sections = text_size(html_text)
    return round(PER_SECTION * sections + chars / chars_per_page(setup))


def planned_pages(html_text: str, setup) -> int:
    """The page count the first layout's gutter is chosen for: the estimate with the narrowest gutter,
    then again with the gutter that count asks for (a wider gutter, more pages), raised by ``MARGIN``."""
    first = estimate(html_text, setup.with_pages(0))
    return round(MARGIN * estimate(html_text, setup.with_pages(first)))
