"""The text runs of a PDF page with where they start, as pypdf reads them."""

from __future__ import annotations


def text_runs(page) -> list[tuple[str, float]]:
    """(text, x) of each run; a tagged PDF marks "M" and " 7" apart, so a short run and the run just
    after it on the same baseline are read as one."""
    runs = []

    def add(text, cm, tm, font, size):
        x, y = cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]
        if not text:
            return
        if runs and abs(runs[-1][2] - y) < 0.5 and len(runs[-1][0].strip()) <= 2 and 0 < x - runs[-1][1] < 15:
            runs[-1] = (runs[-1][0] + text, runs[-1][1], y)
        else:
            runs.append((text, x, y))
    page.extract_text(visitor_text=add)
    return [(text, x) for text, x, _ in runs]
