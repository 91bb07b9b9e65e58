"""What ``lectio build`` makes, named without importing the pipeline (the no-op check runs before it).

``TARGETS`` are the outputs made without ``--to``; ``SUFFIXES`` give each target's file name,
``<name>.<suffix>`` in the output folder; an extra print variant of the PDF is ``<name>.<variant>.pdf``
and counts as the PDF's (``target_of``).
"""

from __future__ import annotations

TARGETS = ("pdf", "epub", "tei")  # what ``lectio build`` makes without --to
SUFFIXES = {"pdf": "pdf", "epub": "epub", "cover": "cover.pdf", "tei": "tei.xml"}  # target → file name suffix


def target_of(name: str) -> str | None:
    """The target a file of the output folder belongs to (the longest suffix it ends with), or None."""
    ends = sorted(SUFFIXES.items(), key=lambda item: len(item[1]), reverse=True)
    return next((target for target, suffix in ends if name.endswith("." + suffix)), None)
