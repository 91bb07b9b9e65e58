"""Page geometry: trim presets, mirrored margins, the gutter, bleed.

The print stylesheet holds the typography; the page boxes are generated here from
``[output]`` so that the inner margin can grow with the page count the way
print-on-demand services ask (the KDP table below), and so that ``lectio verify``
knows what the PDF should measure.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 1 / 25.4  # inches

# trim: (width, height) in inches
TRIMS = {
    "6x9in": (6.0, 9.0),
    "a5": (148 * MM, 210 * MM),
    "royal": (156 * MM, 234 * MM),
    "letter": (8.5, 11.0),
    "a4": (210 * MM, 297 * MM),
}

# KDP's minimum inside margin (gutter) by page count: (last page count, inches)
GUTTERS = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))

# Spine width per page (KDP): white and cream paper.
SPINE_PER_PAGE = {"white": 0.002252, "cream": 0.0025}

BLEED = 0.125  # inches beyond the trim, on the sides the bleed mode names
BLEED_MODES = (False, True, "kdp")  # none; all four sides; outside edges only (none at the spine)
LAYOUTS = ("book", "course-reader")


@dataclass(frozen=True)
class Margins:
    """Inches. ``inner`` is what the type needs beside the gutter; the gutter is added."""

    top: float
    bottom: float
    outer: float
    inner: float


# layout → trim → margins; a trim missing here takes the layout's default
MARGINS = {
    "book": {
        "default": Margins(0.7, 0.8, 0.7, 0.25),
        "a5": Margins(0.6, 0.72, 0.62, 0.2),
        "letter": Margins(0.9, 1.0, 1.5, 0.4),
        "a4": Margins(0.9, 1.0, 1.45, 0.4),
    },
    "course-reader": {  # a wide outer margin for the reader's notes
        "default": Margins(0.8, 0.9, 2.5, 0.5),
        "6x9in": Margins(0.7, 0.8, 1.6, 0.25),
        "a5": Margins(0.6, 0.72, 1.5, 0.2),
        "royal": Margins(0.7, 0.8, 1.6, 0.25),
    },
}


def gutter(pages: int) -> float:
    """The inside margin KDP asks for a book of ``pages`` pages."""
    for last, inches in GUTTERS:
        if pages <= last:
            return inches
    return GUTTERS[-1][1]


def step(pages: int) -> int:
    """Which row of ``GUTTERS`` a book of ``pages`` pages falls in (0: the narrowest gutter)."""
    return next((row for row, (last, _) in enumerate(GUTTERS) if pages <= last), len(GUTTERS) - 1)


def gutter_fits(planned: int, pages: int) -> bool:
    """Whether the gutter chosen for ``planned`` pages serves a book that has ``pages``: never narrower
    than KDP asks (its table is a minimum) and at most one step wider (an estimate a little high keeps
    its layout; one far off is corrected). ``pdf.layout`` lays the book out again when it does not."""
    return step(pages) <= step(planned) <= step(pages) + 1


def spine_width(pages: int, paper: str) -> float:
    return round(pages * SPINE_PER_PAGE[paper], 4)


def bleed_edges(mode: bool | str, recto: bool) -> dict[str, float]:
    """Inches of bleed on each side of a page: ``True`` all four, ``"kdp"`` all but the spine side
    (the left of a recto, the right of a verso), ``False`` none."""
    edges = dict.fromkeys(("left", "bottom", "right", "top"), BLEED if mode else 0.0)
    if mode == "kdp":
        edges["left" if recto else "right"] = 0.0
    return edges


@dataclass(frozen=True)
class PageSetup:
    trim: str
    layout: str = "book"
    bleed: bool | str = False  # one of BLEED_MODES
    marks: bool = False
    pages: int = 0  # the page count the gutter is chosen for

    @classmethod
    def from_config(cls, config, pages: int = 0) -> "PageSetup":
        out = config.output
        return cls(out.trim, out.layout, out.bleed, out.marks, pages)

    @property
    def size(self) -> tuple[float, float]:
        return TRIMS[self.trim]

    @property
    def margins(self) -> Margins:
        table = MARGINS[self.layout]
        return table.get(self.trim, table["default"])

    @property
    def inner(self) -> float:
        return round(self.margins.inner + gutter(self.pages), 3)

    def with_pages(self, pages: int) -> "PageSetup":
        return PageSetup(self.trim, self.layout, self.bleed, self.marks, pages)

    def css(self) -> str:
        """@page rules: size, mirrored margins, bleed and marks."""
        width, height = self.size
        m, inner = self.margins, self.inner
        marks = " marks: crop;" if self.bleed and self.marks else ""
        return (f"@page {{ size: {width:.3f}in {height:.3f}in; margin: {m.top}in {inner}in {m.bottom}in {m.outer}in;"
                f"{marks} }}\n"
                f"@page :left {{ margin-left: {m.outer}in; margin-right: {inner}in;{self._bleed(False)} }}\n"
                f"@page :right {{ margin-left: {inner}in; margin-right: {m.outer}in;{self._bleed(True)} }}\n"
                f".half-title, .title-page, .imprint {{ height: {height - m.top - m.bottom - 0.02:.3f}in; }}\n"
                f".footnote, .app-crit {{ width: {self.measure:.3f}in; }}\n")

    def _bleed(self, recto: bool) -> str:
        if not self.bleed:
            return ""
        return "".join(f" bleed-{side}: {inches}in;" for side, inches in bleed_edges(self.bleed, recto).items())

    @property
    def measure(self) -> float:
        """The width of the text block."""
        return self.size[0] - self.inner - self.margins.outer

    def html_class(self) -> str:
        return f"layout-{self.layout} trim-{self.trim}"
