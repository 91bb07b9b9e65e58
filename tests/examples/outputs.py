"""Reading an example's built EPUB: its documents, a reading's notes, text for comparisons."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def documents(epub: Path) -> list[str]:
    """The XHTML documents of the EPUB, in archive order."""
    with zipfile.ZipFile(epub) as archive:
        return [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")]


def epub_text(epub: Path) -> str:
    """The text of every XHTML document of the EPUB (markup removed)."""
    return "\n".join(re.sub(r"<[^>]+>", " ", document) for document in documents(epub))


def epub_document(epub: Path, section_id: str) -> str:
    """The XHTML document of the EPUB that holds the section ``section_id``."""
    return next(d for d in documents(epub) if f'id="{section_id}"' in d)


def reading_notes(epub: Path, siglum: str) -> list[str]:
    """The XHTML of each note of reading ``siglum``, in order (the back link left out)."""
    document = epub_document(epub, f"reading-{siglum}")
    asides = re.findall(r"<aside\b[^>]*>(.*?)</aside>", document, flags=re.DOTALL)
    return [re.sub(r'<a href="#fnref[^"]*"[^>]*>.*?</a>', "", aside, count=1) for aside in asides]


def flat(text: str) -> str:
    """Text without markup, line-end hyphens and runs of spaces, quotation marks straight, case
    folded, for comparisons."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\ufffe\r\n", "").replace("\ufffe\n", "")
    return " ".join(text.translate(QUOTES).split()).casefold()


def built_epub(example_build, name: str) -> Path:
    """The EPUB of example ``name``, built once per session (the build must have succeeded)."""
    built = example_build(name)
    assert built.build.exit_code == 0, built.build.output
    return built.output("epub")


def flat_notes(epub: Path, siglum: str, count: int) -> list[str]:
    """The notes of reading ``siglum`` as flat text; there must be ``count`` of them."""
    notes = [flat(note) for note in reading_notes(epub, siglum)]
    assert len(notes) == count, notes
    return notes
