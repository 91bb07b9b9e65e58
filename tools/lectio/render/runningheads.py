"""Running heads that fit their line: a title too long for the head is shortened.

A running head is set in the top-centre margin box, between the folios (each 0.4 in
wide, print.css), in 8.5 pt italic (a chapter's title, rectos) or 8 pt small capitals
(the book's title, versos). A title wider than that space would wrap onto a second
line over the text, so the head gets a shorter form:

1. the title as it is, when it fits;
2. else its main title, cut at the first colon or dash (``Main title: the rest``,
   ``Main title – the rest``), when that fits;
3. else as many whole words as fit, followed by an ellipsis.

Widths are measured with the book face's advance widths (fontTools), for the narrowest
text block the book can have (the widest gutter), so the head fits whatever the page
count. A project stylesheet that sets the heads larger should keep titles short.
"""

from __future__ import annotations

import functools
import re

FOLIO_BOX_IN = 0.4  # the width print.css gives each folio's margin box
CHAPTER_HEAD = (8.5, "It", 0.0, False)  # size in pt, face, letter-spacing in em, capitals (print.css)
BOOK_HEAD = (8.0 * 0.8, "Regular", 0.1, True)  # small capitals: about 0.8 of the capitals' width
CUT = re.compile(r"\s*(?::|\s[–—-])\s")  # "Title: rest", "Title – rest"
ELLIPSIS = "\u2026"


@functools.lru_cache(maxsize=4)
def _advances(face: str) -> tuple[dict[int, int], float]:
    from fontTools.ttLib import TTFont

    from lectio.render import fonts

    font = TTFont(fonts.font_dir() / f"SourceSerifPro-{face}.otf", lazy=True)
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
    return widths, float(font["head"].unitsPerEm)


def width_pt(text: str, style: tuple[float, str, float, bool]) -> float:
    """The width of ``text`` set in ``style`` (size, face, letter-spacing, capitals), in points."""
    size, face, spacing, capitals = style
    text = text.upper() if capitals else text
    widths, units = _advances(face)
    average = widths.get(ord("n"), units / 2)
    return sum(widths.get(ord(c), average) for c in text) * size / units + len(text) * spacing * size


def available_pt(setup) -> float:
    """The head's width on the narrowest text block the book can get (the widest gutter)."""
    return (setup.with_pages(10**6).measure - 2 * FOLIO_BOX_IN) * 72


def shortened(title: str, room: float, style: tuple[float, str, float, bool] = CHAPTER_HEAD) -> str:
    """``title`` as the running head prints it in ``room`` points (see the module's rules)."""
    if width_pt(title, style) <= room:
        return title
    main = CUT.split(title, maxsplit=1)[0]
    if main != title and width_pt(main, style) <= room:
        return main
    words = title.split()
    for count in range(len(words) - 1, 0, -1):
        head = " ".join(words[:count]).rstrip(",;:–—-") + ELLIPSIS
        if width_pt(head, style) <= room:
            return head
    return words[0] + ELLIPSIS


def book_head(title: str, setup) -> str:
    """The versos' head: the book's title, in small capitals (measured as capitals)."""
    return shortened(title, available_pt(setup), BOOK_HEAD) if title else title


def chapter_head(title: str, setup) -> str:
    """The rectos' head: a chapter's title, in italic."""
    return shortened(title, available_pt(setup)) if title else title
