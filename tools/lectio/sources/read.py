"""Which reader reads a source: by its name, and for a text file by its content.

- ``.docx``, ``.html``, ``.htm``: pandoc (:mod:`.office`);
- Markdown (``.md``, ``.markdown``, or a text with ``#`` headings or ``>`` quotations, as
  ``normalize --write`` saves one): pandoc (:mod:`.markdown`);
- anything else: the normalizing plain-text reader (:mod:`.plain`).
"""

from __future__ import annotations

from pathlib import Path

from lectio.errors import Finding
from lectio.fsutil import MAX_SOURCE_MB
from lectio.model import Text
from lectio.sources import markdown, office, plain

OFFICE = (".docx", ".html", ".htm")


def read_text(key: str, path: Path, max_mb: float = MAX_SOURCE_MB) -> tuple[Text, list[Finding]]:
    """Read one source into a numbered text; return its findings too."""
    if path.suffix.lower() in OFFICE:
        return office.read_office(key, path, max_mb)
    raw = plain.read_source(path, max_mb)
    if plain.is_markdown(path, raw):
        return markdown.read_markdown(key, path, raw)
    return plain.plain_text(key, path, raw)
