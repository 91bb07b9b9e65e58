"""Lectio Signs: the angle brackets ⟨ ⟩ of supplied text, a face of two glyphs made here.

The book face (Source Serif Pro) has no U+27E8/U+27E9, and a fallback from the system
would embed a face the press did not choose (and differ from machine to machine). So
lectio draws the two brackets itself with fontTools (a WeasyPrint dependency), at the
weight and height of the book face's parentheses, and the stylesheets name this face
after the book face for those two code points only (``unicode-range``).

The file ships in ``data/fonts`` and is made by ``python -m lectio.render.signfont PATH``; it
always comes out the same (fixed timestamps), and a test checks the shipped file is what this
module makes.
"""

from __future__ import annotations

import sys
from pathlib import Path

FAMILY = "Lectio Signs"
CODEPOINTS = (0x27E8, 0x27E9)  # ⟨ ⟩
UNICODE_RANGE = "U+27E8-27E9"
EM = 1000
TOP, BOTTOM, REACH, STROKE = 750, -190, 230, 62  # like the book face's parentheses
SIDE = 70  # left side bearing of ⟨ (right of ⟩)
EPOCH = 0  # the head table's dates: fixed, for the same bytes every time


def _chevron(mirror: bool) -> list[tuple[float, float]]:
    """The outline of ⟨ (⟩ when ``mirror``), clockwise: a stroke from the top to the apex to the bottom,
    its inner edge the outer one moved right by the stroke's horizontal width, its ends cut flat."""
    middle = (TOP + BOTTOM) / 2
    half = TOP - middle
    width = STROKE * (REACH ** 2 + half ** 2) ** 0.5 / half
    outer = [(SIDE + REACH, TOP), (SIDE, middle), (SIDE + REACH, BOTTOM)]
    inner = [(x + width, y) for x, y in reversed(outer)]
    points = list(reversed(outer + inner))
    if mirror:
        points = [(advance() - x, y) for x, y in reversed(points)]
    return [(round(x), round(y)) for x, y in points]


def advance() -> float:
    half = (TOP - BOTTOM) / 2
    return 2 * SIDE + REACH + STROKE * (REACH ** 2 + half ** 2) ** 0.5 / half


def font_bytes() -> bytes:
    from io import BytesIO

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyphs = {".notdef": [], "angleleft": _chevron(False), "angleright": _chevron(True)}
    drawn = {}
    for name, points in glyphs.items():
        pen = TTGlyphPen(None)
        if points:
            pen.moveTo(points[0])
            for point in points[1:]:
                pen.lineTo(point)
            pen.closePath()
        drawn[name] = pen.glyph()
    builder = FontBuilder(EM, isTTF=True)
    builder.setupGlyphOrder(list(glyphs))
    builder.setupCharacterMap(dict(zip(CODEPOINTS, ("angleleft", "angleright"))))
    builder.setupGlyf(drawn)
    width = round(advance())
    builder.setupHorizontalMetrics({name: (width if name != ".notdef" else 500, 0) for name in glyphs})
    builder.setupHorizontalHeader(ascent=TOP, descent=BOTTOM)
    builder.setupNameTable({"familyName": FAMILY, "styleName": "Regular", "uniqueFontIdentifier": FAMILY,
                            "fullName": FAMILY, "psName": "LectioSigns-Regular", "version": "Version 1.000",
                            "copyright": "Made by lectio; free to use, change and share (CC0)."})
    builder.setupOS2(sTypoAscender=TOP, sTypoDescender=BOTTOM, usWinAscent=TOP, usWinDescent=-BOTTOM,
                     fsType=0)
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = EPOCH
    out = BytesIO()
    builder.save(out)
    return out.getvalue()


def font_path() -> Path:
    """The face's file, shipped with lectio (``data/fonts``; a test checks it is what this module makes)."""
    return Path(__file__).resolve().parent.parent / "data" / "fonts" / "LectioSigns-Regular.ttf"


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(font_bytes())
