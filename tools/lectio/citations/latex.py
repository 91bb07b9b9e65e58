"""LaTeX accents and letters in BibTeX values, made Unicode (a bibtexparser middleware).

``{\\'e}``, ``\\"o``, ``\\c{c}``, ``\\ss`` become Unicode. Unlike bibtexparser's LaTeX
decoding, the braces that protect capitals (``{C.P.S.U.(B.)}``) and commands such as
``\\emph`` are kept: pandoc needs them.
"""

from __future__ import annotations

import re
import unicodedata

from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import Entry

ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
           ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
           "c": "\u0327", "k": "\u0328", "b": "\u0331"}
LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "o": "ø",
           "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_BASE = r"(?:\{(\\[ij]|[A-Za-z])\}|(\\[ij](?![A-Za-z])|[A-Za-z]))"
ACCENT = re.compile(r"\\(?:([`'^~=.\"])\s*" + _BASE + r"|([uvHckrdb])(?:\{(\\[ij]|[A-Za-z])\}|\s+([A-Za-z])))")
LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s*)")
BRACED_CHAR = re.compile(r"\{([^\x00-\x7f])\}")


class LatexAccentsMiddleware(middlewares.middleware.BlockMiddleware):
    """LaTeX accents and letters to Unicode; every other brace and command is kept."""

    def __init__(self, allow_inplace_modification: bool = True):
        super().__init__(allow_inplace_modification=allow_inplace_modification, allow_parallel_execution=True)

    @classmethod
    def metadata_key(cls) -> str:
        return "lectio_accents"

    def transform_entry(self, entry: Entry, library: Library) -> Entry:
        for item in entry.fields:
            if isinstance(item.value, str) and "\\" in item.value:
                item.value = decode_accents(item.value)
        return entry


def decode_accents(value: str) -> str:
    value = ACCENT.sub(_accent, value)
    value = LETTER.sub(lambda m: LETTERS[m.group(1)], value)
    return BRACED_CHAR.sub(lambda m: m.group(1) if m.group(1).islower() else m.group(0), value)


def _accent(match: re.Match) -> str:
    accent = match.group(1) or match.group(4)
    base = (match.group(2) or match.group(3) or match.group(5) or match.group(6)).lstrip("\\")
    return unicodedata.normalize("NFC", base + ACCENTS[accent])
