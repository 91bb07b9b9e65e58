"""The print cover: one full-wrap PDF page (back, spine, front) with 0.125 in of bleed all round.

The spine is the interior's page count times the paper's thickness (``output.paper``,
KDP's figures in :mod:`lectio.render.pagesetup`). The cover is laid out by WeasyPrint
from generated HTML in the book face: the front has the title, the subtitle, the
editors and ``output.cover_image`` when there is one; the spine the title and the
editors, turned to read from top to bottom, unless the book is too thin for spine text
(KDP: more than 79 pages; a warning then); the back the edition's ``description``.
The words are those of the EPUB's cover (:class:`lectio.render.covertext.CoverText`).

The page box is the trimmed cover; the ``bleed`` descriptor adds the bleed, so the PDF's
TrimBox is the trimmed cover and its MediaBox the cover with bleed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from lectio.errors import WARNING, Finding, Location, RenderError
from lectio.fsutil import display_path
from lectio.render import fonts
from lectio.render.covertext import INK, PAPER, RULE, CoverText, css_rgb
from lectio.render.pagesetup import BLEED, TRIMS, spine_width

SPINE_TEXT_MIN_PAGES = 80  # KDP: spine text only on books of more than 79 pages
SAFE = 0.5  # inches between the trim and the type on the front and the back
MIN_DPI = 300
SPINE_SAFE = 0.0625  # inches of spine kept clear on either side of its line of type


@dataclass(frozen=True)
class CoverGeometry:
    """Inches: the trim of one board, the spine, the bleed; the page count and paper it is for."""

    trim: tuple[float, float]
    pages: int
    paper: str
    bleed: float = BLEED

    @classmethod
    def of(cls, config, pages: int) -> "CoverGeometry":
        return cls(TRIMS[config.output.trim], pages, config.output.paper)

    @property
    def spine(self) -> float:
        return spine_width(self.pages, self.paper)

    @property
    def trimmed(self) -> tuple[float, float]:
        """The cover as cut: back, spine and front side by side."""
        return 2 * self.trim[0] + self.spine, self.trim[1]

    @property
    def size(self) -> tuple[float, float]:
        """The cover with its bleed (the PDF's MediaBox)."""
        width, height = self.trimmed
        return width + 2 * self.bleed, height + 2 * self.bleed

    @property
    def spine_text(self) -> bool:
        return self.pages >= SPINE_TEXT_MIN_PAGES


def spine_warning(geometry: CoverGeometry, where: str) -> list[Finding]:
    if geometry.spine_text:
        return []
    return [Finding("cover.no-spine-text", f"{geometry.pages} pages: the spine ({geometry.spine:.3f} in) is too "
                    f"narrow for type; the cover's spine is left plain", Location(where), WARNING,
                    fix=f"print-on-demand services allow spine text from {SPINE_TEXT_MIN_PAGES} pages")]


def image_box(geometry: CoverGeometry) -> tuple[float, float]:
    """Inches the front image may take: the width of the front's type, a third of its height."""
    return geometry.trim[0] - 2 * SAFE - 0.25, geometry.trim[1] / 3


def placed_image(config, geometry: CoverGeometry) -> tuple[str, list[Finding]]:
    """The front's ``<img>`` at its printed size ("" without ``output.cover_image``), and a warning
    when it prints under 300 dpi."""
    from PIL import Image

    if not config.output.cover_image:
        return "", []
    path = config.resolve(config.output.cover_image)
    shown = display_path(path)
    try:
        with Image.open(path) as image:
            pixels = image.size
    except (OSError, ValueError):
        raise RenderError(f"{shown} is not an image lectio can place on the cover", Location(shown),
                          fix="set output.cover_image to a PNG or JPEG file", code="cover.image-invalid") from None
    box = image_box(geometry)
    scale = min(box[0] / pixels[0], box[1] / pixels[1])  # inches per pixel
    width, height = pixels[0] * scale, pixels[1] * scale
    tag = (f'<img class="image" src="{html.escape(path.as_uri())}" alt="" '
           f'style="width: {width:.4f}in; height: {height:.4f}in"/>')
    if 1 / scale >= MIN_DPI:
        return tag, []
    return tag, [Finding("cover.image-resolution", f"{pixels[0]} × {pixels[1]} px printed at {width:.2f} × "
                         f"{height:.2f} in is {1 / scale:.0f} dpi", Location(shown), WARNING,
                         fix=f"printers want {MIN_DPI} dpi: use an image of at least "
                             f"{round(width * MIN_DPI)} × {round(height * MIN_DPI)} px")]


def cover_html(config, geometry: CoverGeometry, image: str = "") -> str:
    """The cover as one HTML page: three absolutely placed panels over the coloured ground;
    ``image`` is the front's ``<img>`` (:func:`placed_image`)."""
    text = CoverText.of(config.edition)
    front = (f'<h1>{html.escape(text.title)}</h1><div class="rule"></div>'
             + (f'<p class="subtitle">{html.escape(text.subtitle)}</p>' if text.subtitle else "")
             + image + f'<p class="editors">{html.escape(text.editors)}</p>')
    spine = f'<p>{html.escape(text.spine)}</p>' if geometry.spine_text else ""
    back = f'<p class="description">{html.escape(text.description)}</p>' if text.description else ""
    return (f'<!DOCTYPE html><html lang="{html.escape(config.edition.language)}"><head><meta charset="utf-8"/>'
            f"<title>{html.escape(text.title)}</title><style>{_css(geometry, text)}</style></head><body>"
            f'<section class="back">{back}</section><section class="spine">{spine}</section>'
            f'<section class="front">{front}</section></body></html>')


def spine_type_size(geometry: CoverGeometry, text: str) -> float:
    """Points: the type fills the spine less its clear margins (an em is about the height of a line
    of type), at most 11 pt, and shrinks until ``text`` (about half an em a character) fits its length."""
    across = (geometry.spine - 2 * SPINE_SAFE) * 72 / 1.05
    along = (geometry.trim[1] - 2 * SAFE) * 72 / (0.5 * max(len(text), 1))
    return max(0.0, min(11.0, across, along))


def _css(geometry: CoverGeometry, text: CoverText) -> str:
    width, height = geometry.trim
    spine, (total, _) = geometry.spine, geometry.trimmed
    spine_size = spine_type_size(geometry, text.spine)
    face = fonts.font_face_css(lambda path: path.as_uri())
    return face + f"""
@page {{ size: {total:.4f}in {height:.4f}in; margin: 0; bleed: {geometry.bleed}in; background: {css_rgb(PAPER)}; }}
body {{ margin: 0; font-family: "{fonts.FAMILY}"; color: {css_rgb(INK)}; }}
section {{ position: absolute; top: 0; height: {height:.4f}in; box-sizing: border-box; }}
.back {{ left: 0; width: {width:.4f}in; padding: {SAFE + 0.5}in {SAFE + 0.25}in {SAFE}in {SAFE}in; }}
.front {{ left: {width + spine:.4f}in; width: {width:.4f}in; padding: {SAFE + 0.75}in {SAFE}in {SAFE}in {SAFE + 0.25}in; }}
.spine {{ left: {width:.4f}in; width: {spine:.4f}in; }}
.spine p {{ position: absolute; left: {spine / 2:.4f}in; top: {height / 2:.4f}in; width: {height - 2 * SAFE:.4f}in;
  margin: 0 0 0 -{(height - 2 * SAFE) / 2:.4f}in; transform: translateY(-50%) rotate(90deg); text-align: center;
  font-size: {spine_size:.2f}pt; line-height: 1; white-space: nowrap; }}
h1 {{ font-weight: 600; font-size: 28pt; line-height: 1.15; margin: 0; }}
.rule {{ width: 1.2in; height: 2pt; background: {css_rgb(RULE)}; margin: 0.3in 0; }}
.subtitle {{ font-style: italic; font-size: 14pt; line-height: 1.3; margin: 0; }}
.image {{ display: block; margin: 0.4in auto 0 auto; }}
.editors {{ position: absolute; bottom: {SAFE + 0.4}in; left: {SAFE + 0.25}in; right: {SAFE}in; font-size: 13pt; margin: 0; }}
.description {{ font-size: 11pt; line-height: 1.45; margin: 0; hyphens: auto; }}
"""


def layout(config, pages: int):
    """The cover laid out (WeasyPrint's Document) for an interior of ``pages`` pages."""
    from lectio.render.pdf import render_html

    geometry = CoverGeometry.of(config, pages)
    image, findings = placed_image(config, geometry)
    document = render_html(cover_html(config, geometry, image), config)
    document.lectio_findings = spine_warning(geometry, display_path(config.output_file("cover.pdf"))) + findings
    return document
