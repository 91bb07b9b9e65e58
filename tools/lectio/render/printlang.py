"""The language tag the print book is laid out with, chosen for its hyphenation patterns.

WeasyPrint hyphenates with pyphen, whose dictionary for a bare ``en`` is ``hyph_en``: the
British patterns (cap-it-als, de-fen-ded). The edition's ``language = "en"`` means
American English unless the editor writes ``en-GB``, so the print HTML (its ``<html
lang>`` and a reading's ``lang``) says ``en-US`` for a bare ``en``, which pyphen serves
with ``en_US`` (cap-i-tals, de-fend-ed). A tag with a region (``en-GB``, ``en-AU``) and
any other language pass unchanged. The PDF's and the EPUB's declared language stay the
editor's tag; only hyphenation reads this one.
"""

from __future__ import annotations

# a language whose bare tag pyphen serves with another region's patterns than its default
DEFAULT_REGION = {"en": "en-US"}


def hyphenation_tag(tag: str) -> str:
    """``en`` → ``en-US``; any other tag as it is."""
    return DEFAULT_REGION.get(tag.strip().lower(), tag)


def hyphenation_dictionary(tag: str) -> str | None:
    """The pyphen dictionary WeasyPrint uses for ``tag`` in the print book (``en_US`` for ``en``)."""
    import pyphen

    return pyphen.language_fallback(hyphenation_tag(tag).replace("-", "_"))
