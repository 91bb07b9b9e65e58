"""The print cover against the interior: a cover is made for one page count and one paper.

The spine the cover has is read from its TrimBox (its width less the two boards); the
page count it was made for follows from the paper's thickness. An interior laid out
again with more or fewer pages needs another spine: the cover no longer fits, an error
(``cover.mismatch``) until both are built together.
"""

from __future__ import annotations

from pathlib import Path

from lectio.errors import ERROR, WARNING, Finding, Location
from lectio.fsutil import display_path
from lectio.render.coverpdf import CoverGeometry
from lectio.render.pagesetup import SPINE_PER_PAGE

PT = 72.0
TOLERANCE = 0.05  # points: a page of paper is 0.16 pt of spine
FIX = "build the cover with the interior: lectio build --to pdf --to cover"


def check(cover: Path, interior: Path | None, config) -> tuple[list[Finding], list[str]]:
    """Findings and the report line of the cover at ``cover`` against the interior PDF ``interior``."""
    import pikepdf

    where = Location(display_path(cover))
    with pikepdf.open(cover) as document:
        count = len(document.pages)
        trimmed, media = (_size(document.pages[0].obj.get(name, document.pages[0].mediabox))
                          for name in ("/TrimBox", "/MediaBox"))
    paper = config.output.paper
    board = CoverGeometry.of(config, 0).trim
    spine = trimmed[0] - 2 * board[0]
    made_for = round(spine / SPINE_PER_PAGE[paper])
    line = (f"cover {media[0]:.3f} × {media[1]:.3f} in: spine {spine:.3f} in for {made_for} pages "
            f"on {paper} paper")
    if interior is None:
        return [Finding("cover.no-interior", "no interior PDF to check the cover against", where, WARNING,
                        fix=FIX)], [line + ", no interior to compare with"]
    with pikepdf.open(interior) as document:
        pages = len(document.pages)
    want = CoverGeometry.of(config, pages)
    if count == 1 and _close(trimmed, want.trimmed) and _close(media, want.size):
        return [], [line + ", matches the interior"]
    message = (f"the cover is {media[0]:.3f} × {media[1]:.3f} in (spine {spine:.3f} in for {made_for} pages); "
               f"the interior has {pages} pages and needs {want.size[0]:.3f} × {want.size[1]:.3f} in "
               f"(spine {want.spine:.3f} in on {paper} paper)")
    return [Finding("cover.mismatch", message, where, ERROR, fix=FIX)], [line + ", does NOT match the interior"]


def _size(box) -> tuple[float, float]:
    values = [float(v) for v in box]
    return (values[2] - values[0]) / PT, (values[3] - values[1]) / PT


def _close(size: tuple[float, float], want: tuple[float, float]) -> bool:
    return all(abs(a - b) * PT <= TOLERANCE for a, b in zip(size, want))
