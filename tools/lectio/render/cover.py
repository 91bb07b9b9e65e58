"""A plain typographic cover, made from the edition's metadata: a PNG drawn with Pillow.

PNG rather than SVG because e-reader shelves and stores want a bitmap, and an SVG
image cannot use the book's embedded font. Pillow comes with WeasyPrint; the face
is the book face. The same metadata gives the same bytes.
"""

from __future__ import annotations

import functools
import io

from lectio.config import Edition
from lectio.render import fonts
from lectio.render.covertext import INK, PAPER, RULE, CoverText

SIZE = (1600, 2400)
MARGIN = 150


@functools.lru_cache(maxsize=4)  # lectio preview rebuilds the EPUB on every save: the cover only when it changes
def cover_png(edition: Edition) -> bytes:
    from PIL import Image, ImageDraw

    text = CoverText.of(edition)
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    y = _block(draw, text.title, _face("Semibold", 132), MARGIN + 260, 1.15)
    draw.rectangle((MARGIN, y + 60, MARGIN + 260, y + 68), fill=RULE)
    if text.subtitle:
        _block(draw, text.subtitle, _face("It", 70), y + 150, 1.3)
    lines = _lines(draw, text.editors, _face("Regular", 60))
    _block(draw, text.editors, _face("Regular", 60), SIZE[1] - MARGIN - 150 - 78 * (len(lines) - 1), 1.3)
    if text.publisher:
        _block(draw, text.publisher, _face("Regular", 48), SIZE[1] - MARGIN - 40, 1.3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _face(style: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(fonts.font_dir() / f"SourceSerifPro-{style}.otf"), size)


def _block(draw, text: str, face, top: int, leading: float) -> int:
    """Draw ``text`` wrapped to the measure from ``top``; return the bottom."""
    step = int(face.size * leading)
    for index, line in enumerate(_lines(draw, text, face)):
        draw.text((MARGIN, top + index * step), line, font=face, fill=INK)
    return top + len(_lines(draw, text, face)) * step


def _lines(draw, text: str, face) -> list[str]:
    width = SIZE[0] - 2 * MARGIN
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=face) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines
