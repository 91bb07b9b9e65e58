"""Unique identifiers within one document (a PDF's structure tree, a TEI file)."""

from __future__ import annotations


def unique(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … the first not in ``taken``; it is added to ``taken``."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate
